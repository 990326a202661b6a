package org.webbsteps.io;

import java.util.Arrays;

/**
 * Where one HDU lies in a FITS file and what its header says about its data. Byte spans are
 * absolute file offsets; {@code headerBytes} and {@code paddedDataBytes} are whole FITS blocks.
 */
public final class Hdu {

	private final int index;
	private final FitsHeader header;
	private final long headerOffset;
	private final long headerBytes;
	private final long dataBytes;
	private final int bitpix;
	private final long[] naxis;

	Hdu(int index, FitsHeader header, long headerOffset, long headerBytes, long dataBytes, int bitpix, long[] naxis) {
		this.index = index;
		this.header = header;
		this.headerOffset = headerOffset;
		this.headerBytes = headerBytes;
		this.dataBytes = dataBytes;
		this.bitpix = bitpix;
		this.naxis = naxis;
	}

	/** Position in the file, 0 = primary. */
	public int index() {
		return index;
	}

	/** The header as read (cards kept verbatim). */
	public FitsHeader header() {
		return header;
	}

	/** EXTNAME, "PRIMARY" for the primary HDU without one, or "" for an unnamed extension. */
	public String name() {
		String name = header.getString("EXTNAME");
		if (name != null) return name.trim().toUpperCase(java.util.Locale.ROOT);
		return index == 0 ? "PRIMARY" : "";
	}

	/** EXTVER, 1 when absent. */
	public int version() {
		Long v = header.getLong("EXTVER");
		return v == null ? 1 : v.intValue();
	}

	/** XTENSION ("IMAGE", "BINTABLE", ...), or "PRIMARY" for the primary HDU. */
	public String kind() {
		if (index == 0) return "PRIMARY";
		String x = header.getString("XTENSION");
		return x == null ? "" : x.trim();
	}

	/** Whether this is an image HDU (primary or IMAGE extension) with data. */
	public boolean isImage() {
		return (index == 0 || "IMAGE".equals(kind())) && naxis.length > 0 && dataBytes > 0;
	}

	public int bitpix() {
		return bitpix;
	}

	/** FITS axis lengths, NAXIS1 first. */
	public long[] dims() {
		return naxis.clone();
	}

	/** The element type of image data, or null for BITPIX values outside FITS. */
	public PixelType pixelType() {
		return PixelType.of(bitpix, bzero(), bscale());
	}

	double bzero() {
		Double v = header.getDouble("BZERO");
		return v == null ? 0 : v;
	}

	double bscale() {
		Double v = header.getDouble("BSCALE");
		return v == null ? 1 : v;
	}

	public long headerOffset() {
		return headerOffset;
	}

	public long headerBytes() {
		return headerBytes;
	}

	public long dataOffset() {
		return headerOffset + headerBytes;
	}

	/** Data bytes without the padding of the last block. */
	public long dataBytes() {
		return dataBytes;
	}

	/** Data bytes including the padding to a whole block. */
	public long paddedDataBytes() {
		return (dataBytes + FitsHeader.BLOCK - 1) / FitsHeader.BLOCK * FitsHeader.BLOCK;
	}

	/** Offset just past this HDU. */
	public long endOffset() {
		return dataOffset() + paddedDataBytes();
	}

	/** A short description such as {@code SCI (IMAGE float32 [2048, 2048, 10, 1])}. */
	public String describe() {
		String what = isImage() ? (pixelType() == null ? "BITPIX " + bitpix : pixelType().toString()) + " "
				+ Arrays.toString(naxis) : naxis.length == 0 ? "no data" : Arrays.toString(naxis);
		String ver = version() != 1 || header.has("EXTVER") ? "," + version() : "";
		return name() + ver + " (" + kind() + " " + what + ")";
	}

	@Override
	public String toString() {
		return "HDU " + index + " " + describe();
	}
}
