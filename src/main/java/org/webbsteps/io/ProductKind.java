package org.webbsteps.io;

/** The JWST product layouts the plugin reads, named after their datamodels. */
public enum ProductKind {
	/** {@code _uncal}: uint16 SCI (nints, ngroups, ny, nx). */
	UNCAL("Level1bModel"),
	/** {@code _ramp} and other detector-1 intermediates: float32 SCI (nints, ngroups, ny, nx), PIXELDQ, GROUPDQ. */
	RAMP("RampModel"),
	/** {@code _rate}, {@code _cal}: 2-D SCI, ERR, DQ, VAR_*. */
	IMAGE("ImageModel"),
	/** {@code _rateints}, {@code _calints}: 3-D SCI (nints, ny, nx). */
	CUBE("CubeModel"),
	/** Multi-slit {@code _cal}: one SCI/DQ/ERR/... set per slit, told apart by EXTVER. */
	MULTISLIT("MultiSlitModel");

	private final String datamodel;

	ProductKind(String datamodel) {
		this.datamodel = datamodel;
	}

	/** The usual stdatamodels class for this layout (DATAMODL may name a subclass). */
	public String datamodel() {
		return datamodel;
	}
}
