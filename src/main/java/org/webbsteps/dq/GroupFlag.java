package org.webbsteps.dq;

/** JWST group DQ flags (uint8 values of the GROUPDQ array); same values as the pixel flags of the same names. */
public enum GroupFlag {
	GOOD(0), DO_NOT_USE(1), SATURATED(2), JUMP_DET(4), DROPOUT(8), PERSISTENCE(32), AD_FLOOR(64), CHARGELOSS(128);

	private final int value;

	GroupFlag(int value) {
		this.value = value;
	}

	/** The unsigned byte value. */
	public int value() {
		return value;
	}
}
