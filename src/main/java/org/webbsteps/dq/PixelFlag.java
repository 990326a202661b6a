package org.webbsteps.dq;

/**
 * JWST pixel DQ flags (uint32 bit values of the DQ and PIXELDQ arrays), as defined by the JWST
 * datamodels. {@link #value()} is the unsigned value; {@link #bits()} the same bit pattern as a
 * Java int (REFERENCE_PIXEL, bit 31, is the sign bit).
 */
public enum PixelFlag {
	GOOD(-1), DO_NOT_USE(0), SATURATED(1), JUMP_DET(2), DROPOUT(3), OUTLIER(4), PERSISTENCE(5),
	AD_FLOOR(6), CHARGELOSS(7), RESERVED(8), NON_SCIENCE(9), DEAD(10), HOT(11), WARM(12), LOW_QE(13),
	RC(14), TELEGRAPH(15), NONLINEAR(16), BAD_REF_PIXEL(17), NO_FLAT_FIELD(18), NO_GAIN_VALUE(19),
	NO_LIN_CORR(20), NO_SAT_CHECK(21), UNRELIABLE_BIAS(22), UNRELIABLE_DARK(23), UNRELIABLE_SLOPE(24),
	UNRELIABLE_FLAT(25), OPEN(26), ADJ_OPEN(27), FLUX_ESTIMATED(28), MSA_FAILED_OPEN(29),
	OTHER_BAD_PIXEL(30), REFERENCE_PIXEL(31);

	private final int bit;

	PixelFlag(int bit) {
		this.bit = bit;
	}

	/** The bit pattern as a Java int (0 for GOOD). */
	public int bits() {
		return bit < 0 ? 0 : 1 << bit;
	}

	/** The unsigned flag value (0 for GOOD, 2147483648 for REFERENCE_PIXEL). */
	public long value() {
		return bits() & 0xFFFFFFFFL;
	}
}
