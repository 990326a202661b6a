package org.webbsteps.io;

/**
 * Element types of FITS images, including the unsigned conventions (BZERO = 2^(bits-1)) that JWST
 * uses for DQ (uint32) and raw counts (uint16). Unsigned planes hold the unsigned bit pattern in
 * the signed Java type ({@code byte}, {@code short}, {@code int}); mask with {@code & 0xFF},
 * {@code & 0xFFFF} or {@code & 0xFFFFFFFFL} to get the value.
 */
public enum PixelType {
	UINT8(8, 0, "uint8"),
	INT16(16, 0, "int16"),
	UINT16(16, 32768d, "uint16"),
	INT32(32, 0, "int32"),
	UINT32(32, 2147483648d, "uint32"),
	INT64(64, 0, "int64"),
	FLOAT32(-32, 0, "float32"),
	FLOAT64(-64, 0, "float64");

	private final int bitpix;
	private final double bzero;
	private final String label;

	PixelType(int bitpix, double bzero, String label) {
		this.bitpix = bitpix;
		this.bzero = bzero;
		this.label = label;
	}

	/** The FITS BITPIX value. */
	public int bitpix() {
		return bitpix;
	}

	/** The BZERO that marks this type (non-zero only for the unsigned types). */
	public double bzero() {
		return bzero;
	}

	/** Bytes per element in the file. */
	public int bytes() {
		return Math.abs(bitpix) / 8;
	}

	public boolean isFloat() {
		return bitpix < 0;
	}

	/** The numpy-style name ({@code float32}, {@code uint32}, ...). */
	@Override
	public String toString() {
		return label;
	}

	/**
	 * The type of an image HDU from BITPIX and BZERO (BSCALE 1). Integer data with any other
	 * BZERO/BSCALE is reported as its plain signed type; {@link ImageArray} applies the scaling.
	 *
	 * @return the type, or null if BITPIX is not a FITS value
	 */
	public static PixelType of(int bitpix, double bzero, double bscale) {
		boolean unsignedOffset = bscale == 1;
		switch (bitpix) {
			case 8: return UINT8;
			case 16: return unsignedOffset && bzero == 32768d ? UINT16 : INT16;
			case 32: return unsignedOffset && bzero == 2147483648d ? UINT32 : INT32;
			case 64: return INT64;
			case -32: return FLOAT32;
			case -64: return FLOAT64;
			default: return null;
		}
	}
}
