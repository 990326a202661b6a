package org.webbsteps.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.webbsteps.step.JwstException;

/**
 * A FITS file opened for reading: the layout of every HDU (found by scanning headers, so a
 * truncated or malformed file is reported before any data is used) and positional reads of image
 * data into primitive planes. Gzip-compressed files are decompressed to a temporary file that is
 * deleted on {@link #close()}. All errors are {@link JwstException}s naming the file.
 */
public final class FitsFile implements AutoCloseable {

	private final Path path;
	private final Path readable;
	private final boolean temporary;
	private final FileChannel channel;
	private final List<Hdu> hdus;

	private FitsFile(Path path, Path readable, boolean temporary) {
		this.path = path;
		this.readable = readable;
		this.temporary = temporary;
		try {
			this.channel = FileChannel.open(readable, StandardOpenOption.READ);
		}
		catch (IOException e) {
			throw JwstException.inFile(path, "cannot be read (" + e.getMessage() + ")", e);
		}
		try {
			this.hdus = Collections.unmodifiableList(scan());
		}
		catch (RuntimeException e) {
			closeQuietly();
			throw e;
		}
	}

	/** Opens and scans a FITS file (plain or gzip-compressed). */
	public static FitsFile open(Path path) {
		if (!Files.exists(path)) throw JwstException.inFile(path, "no such file");
		if (Files.isDirectory(path)) throw JwstException.inFile(path, "is a directory, not a FITS file");
		if (!Files.isReadable(path)) throw JwstException.inFile(path, "cannot be read (permission denied)");
		if (isGzip(path)) {
			Path tmp = gunzip(path);
			try {
				return new FitsFile(path, tmp, true);
			}
			catch (RuntimeException e) {
				deleteQuietly(tmp);
				throw e;
			}
		}
		return new FitsFile(path, path, false);
	}

	/** The path the user gave. */
	public Path path() {
		return path;
	}

	/** The HDUs in file order. */
	public List<Hdu> hdus() {
		return hdus;
	}

	/** The primary HDU. */
	public Hdu primary() {
		return hdus.get(0);
	}

	/** The first HDU with this EXTNAME (case-insensitive) and EXTVER, or null. */
	public Hdu find(String extname, int extver) {
		for (Hdu h : hdus) {
			if (h.name().equalsIgnoreCase(extname) && h.version() == extver) return h;
		}
		return null;
	}

	/** All HDUs with this EXTNAME, in file order. */
	public List<Hdu> findAll(String extname) {
		List<Hdu> out = new ArrayList<>();
		for (Hdu h : hdus) if (h.name().equalsIgnoreCase(extname)) out.add(h);
		return out;
	}

	/** Reads all data of an image HDU. */
	public ImageArray readImage(Hdu hdu) {
		return readPlanes(hdu, 0, ImageArray.planeCount(hdu.dims()));
	}

	/**
	 * Reads {@code count} consecutive planes of an image HDU starting at plane {@code first}
	 * (plane numbering as in {@link ImageArray}); the result has NAXIS3.. collapsed to one axis of
	 * length {@code count} unless all planes are read.
	 */
	public ImageArray readPlanes(Hdu hdu, int first, int count) {
		PixelType type = requireImage(hdu);
		long[] dims = hdu.dims();
		int total = ImageArray.planeCount(dims);
		if (first < 0 || count < 0 || first + count > total) {
			throw new IllegalArgumentException("planes " + first + ".." + (first + count) + " outside 0.." + total);
		}
		int size = ImageArray.planeSize(dims);
		long planeBytes = (long) size * type.bytes();
		Object[] planes = new Object[count];
		ByteBuffer buf = ByteBuffer.allocate((int) planeBytes).order(ByteOrder.BIG_ENDIAN);
		for (int p = 0; p < count; p++) {
			buf.clear();
			readFully(buf, hdu.dataOffset() + (first + p) * planeBytes);
			buf.flip();
			planes[p] = decode(buf, type, size);
		}
		long[] outDims = count == total ? dims : new long[] { dims[0], dims.length > 1 ? dims[1] : 1, count };
		boolean conventional = hdu.bscale() == 1 && hdu.bzero() == type.bzero();
		return new ImageArray(type, outDims, planes, conventional ? 1 : hdu.bscale(),
				conventional ? 0 : hdu.bzero() - type.bzero());
	}

	/** Copies the raw bytes {@code [offset, offset+length)} of this file to {@code out}. */
	public void copyBytes(long offset, long length, FileChannel out) throws IOException {
		long done = 0;
		while (done < length) {
			long n = channel.transferTo(offset + done, length - done, out);
			if (n <= 0) throw new IOException("short read at byte " + (offset + done));
			done += n;
		}
	}

	/** The FITS ones' complement sum of an HDU's data (padding included), read in chunks. */
	public long dataChecksum(Hdu hdu) {
		FitsChecksum sum = new FitsChecksum();
		ByteBuffer buf = ByteBuffer.allocate(1 << 22);
		long at = hdu.dataOffset();
		long end = at + hdu.paddedDataBytes();
		while (at < end) {
			buf.clear();
			buf.limit((int) Math.min(buf.capacity(), end - at));
			readFully(buf, at);
			buf.flip();
			sum.add(buf);
			at += buf.limit();
		}
		return sum.value();
	}

	@Override
	public void close() {
		closeQuietly();
	}

	// -- Helper methods --

	private PixelType requireImage(Hdu hdu) {
		if (!hdu.isImage()) throw JwstException.inFile(path, hdu.describe() + " is not an image with data");
		PixelType type = hdu.pixelType();
		if (type == null) throw JwstException.inFile(path, hdu.describe() + " has unsupported BITPIX " + hdu.bitpix());
		return type;
	}

	private static Object decode(ByteBuffer buf, PixelType type, int size) {
		Object plane = ImageArray.newPlane(type, size);
		switch (type) {
			case UINT8: buf.get((byte[]) plane); break;
			case INT16: buf.asShortBuffer().get((short[]) plane); break;
			case UINT16: {
				short[] s = (short[]) plane;
				buf.asShortBuffer().get(s);
				for (int i = 0; i < size; i++) s[i] ^= (short) 0x8000;
				break;
			}
			case INT32: buf.asIntBuffer().get((int[]) plane); break;
			case UINT32: {
				int[] v = (int[]) plane;
				buf.asIntBuffer().get(v);
				for (int i = 0; i < size; i++) v[i] ^= 0x80000000;
				break;
			}
			case INT64: buf.asLongBuffer().get((long[]) plane); break;
			case FLOAT32: buf.asFloatBuffer().get((float[]) plane); break;
			default: buf.asDoubleBuffer().get((double[]) plane); break;
		}
		return plane;
	}

	private void readFully(ByteBuffer buf, long position) {
		try {
			long at = position;
			while (buf.hasRemaining()) {
				int n = channel.read(buf, at);
				if (n < 0) throw JwstException.inFile(path, "is truncated: data end at byte " + at);
				at += n;
			}
		}
		catch (IOException e) {
			throw JwstException.inFile(path, "read error (" + e.getMessage() + ")", e);
		}
	}

	private List<Hdu> scan() {
		long size;
		try {
			size = channel.size();
		}
		catch (IOException e) {
			throw JwstException.inFile(path, "cannot be read (" + e.getMessage() + ")", e);
		}
		if (size < 6 || !startsWithSimple()) {
			throw JwstException.inFile(path, "is not a FITS file (it does not start with a SIMPLE card)");
		}
		List<Hdu> list = new ArrayList<>();
		long offset = 0;
		while (offset < size) {
			if (list.size() > 0 && isAllZeroOrBlank(offset, size)) break; // trailing padding
			Hdu hdu = scanHdu(list.size(), offset, size);
			list.add(hdu);
			offset = hdu.endOffset();
			if (hdu.dataOffset() + hdu.dataBytes() > size) {
				throw JwstException.inFile(path, "is truncated: " + hdu.describe() + " needs "
						+ hdu.dataBytes() + " data bytes but the file ends " + (size - hdu.dataOffset())
						+ " bytes after its header");
			}
		}
		return list;
	}

	private Hdu scanHdu(int index, long offset, long fileSize) {
		List<String> cards = new ArrayList<>();
		ByteBuffer block = ByteBuffer.allocate(FitsHeader.BLOCK);
		long at = offset;
		boolean end = false;
		while (!end) {
			if (at + FitsHeader.BLOCK > fileSize) {
				throw JwstException.inFile(path, "is truncated: the header of HDU " + index + " has no END card");
			}
			block.clear();
			readFully(block, at);
			at += FitsHeader.BLOCK;
			byte[] b = block.array();
			for (int c = 0; c < FitsHeader.BLOCK; c += FitsHeader.CARD) {
				String card = new String(b, c, FitsHeader.CARD, StandardCharsets.US_ASCII);
				if (FitsHeader.keyOf(card).equals("END")) {
					end = true;
					break;
				}
				cards.add(card);
			}
		}
		FitsHeader header = new FitsHeader(cards);
		String first = cards.isEmpty() ? "" : FitsHeader.keyOf(cards.get(0));
		String expected = index == 0 ? "SIMPLE" : "XTENSION";
		if (!first.equals(expected)) {
			throw JwstException.inFile(path, "HDU " + index + " does not start with " + expected
					+ " (found '" + first + "'): the file is damaged or not FITS");
		}
		Long bitpix = header.getLong("BITPIX");
		Long naxis = header.getLong("NAXIS");
		if (bitpix == null || naxis == null || naxis < 0 || naxis > 999) {
			throw JwstException.inFile(path, "HDU " + index + " has no valid BITPIX/NAXIS cards");
		}
		long[] dims = new long[naxis.intValue()];
		long elements = naxis == 0 ? 0 : 1;
		for (int i = 0; i < dims.length; i++) {
			Long n = header.getLong("NAXIS" + (i + 1));
			if (n == null || n < 0) throw JwstException.inFile(path, "HDU " + index + " has no valid NAXIS" + (i + 1));
			dims[i] = n;
			elements *= n;
		}
		if (Math.abs(bitpix) / 8 == 0 || !java.util.Arrays.asList(8L, 16L, 32L, 64L, -32L, -64L).contains(bitpix)) {
			throw JwstException.inFile(path, "HDU " + index + " has unsupported BITPIX " + bitpix);
		}
		Long pcount = header.getLong("PCOUNT");
		Long gcount = header.getLong("GCOUNT");
		long p = pcount == null ? 0 : pcount;
		long g = gcount == null ? 1 : gcount;
		long dataBytes = elements == 0 && p == 0 ? 0 : Math.abs(bitpix) / 8 * g * (p + elements);
		return new Hdu(index, header, offset, at - offset, dataBytes, bitpix.intValue(), dims);
	}

	private boolean startsWithSimple() {
		ByteBuffer b = ByteBuffer.allocate(6);
		readFully(b, 0);
		return "SIMPLE".equals(new String(b.array(), StandardCharsets.US_ASCII));
	}

	private boolean isAllZeroOrBlank(long offset, long size) {
		ByteBuffer b = ByteBuffer.allocate((int) Math.min(FitsHeader.BLOCK, size - offset));
		readFully(b, offset);
		for (byte x : b.array()) if (x != 0 && x != ' ') return false;
		return size - offset <= FitsHeader.BLOCK;
	}

	private static boolean isGzip(Path path) {
		try (InputStream in = Files.newInputStream(path)) {
			return in.read() == 0x1f && in.read() == 0x8b;
		}
		catch (IOException e) {
			throw JwstException.inFile(path, "cannot be read (" + e.getMessage() + ")", e);
		}
	}

	private static Path gunzip(Path path) {
		Path tmp = null;
		try {
			tmp = Files.createTempFile("webbsteps-", ".fits");
			try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(path)), 1 << 16);
					OutputStream out = Files.newOutputStream(tmp)) {
				in.transferTo(out);
			}
			return tmp;
		}
		catch (NoSuchFileException e) {
			throw JwstException.inFile(path, "no such file", e);
		}
		catch (IOException e) {
			deleteQuietly(tmp);
			throw JwstException.inFile(path, "is a damaged gzip file (" + e.getMessage() + ")", e);
		}
	}

	private void closeQuietly() {
		try {
			if (channel != null) channel.close();
		}
		catch (IOException e) {
			// nothing useful to do: the file was only read
		}
		if (temporary) deleteQuietly(readable);
	}

	private static void deleteQuietly(Path p) {
		if (p == null) return;
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException e) {
			p.toFile().deleteOnExit();
		}
	}
}
