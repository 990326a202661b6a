package org.webbsteps.meta;

/**
 * Exposure facts read from JWST headers: the keyword, the header it lives in, and what it means
 * (for error messages). Array-shape facts (nints, ngroups) are not here: they come from the data.
 */
public enum Fact {
	INSTRUMENT("INSTRUME", false, "instrument name"),
	DETECTOR("DETECTOR", false, "detector name"),
	EXP_TYPE("EXP_TYPE", false, "exposure type"),
	SUBARRAY("SUBARRAY", false, "subarray name"),
	SUBSTRT1("SUBSTRT1", false, "subarray start column (1-based)"),
	SUBSTRT2("SUBSTRT2", false, "subarray start row (1-based)"),
	SUBSIZE1("SUBSIZE1", false, "subarray width"),
	SUBSIZE2("SUBSIZE2", false, "subarray height"),
	FASTAXIS("FASTAXIS", false, "fast readout axis"),
	SLOWAXIS("SLOWAXIS", false, "slow readout axis"),
	DISPAXIS("DISPAXIS", true, "dispersion axis"),
	READPATT("READPATT", false, "readout pattern"),
	NFRAMES("NFRAMES", false, "frames per group"),
	GROUPGAP("GROUPGAP", false, "frames dropped between groups"),
	DRPFRMS1("DRPFRMS1", false, "frames dropped at the start of an integration"),
	TFRAME("TFRAME", false, "frame time (s)"),
	TGROUP("TGROUP", false, "group time (s)"),
	EFFINTTM("EFFINTTM", false, "effective integration time (s)"),
	FILTER("FILTER", false, "filter"),
	PUPIL("PUPIL", false, "pupil"),
	GRATING("GRATING", false, "grating"),
	TSOVISIT("TSOVISIT", false, "time-series visit flag"),
	PWCPOS("PWCPOS", false, "pupil wheel position"),
	GWA_XTIL("GWA_XTIL", false, "grating wheel x tilt"),
	GWA_YTIL("GWA_YTIL", false, "grating wheel y tilt"),
	FILENAME("FILENAME", false, "file name"),
	DATAMODL("DATAMODL", false, "datamodel class");

	private final String keyword;
	private final boolean inSciHeader;
	private final String meaning;

	Fact(String keyword, boolean inSciHeader, String meaning) {
		this.keyword = keyword;
		this.inSciHeader = inSciHeader;
		this.meaning = meaning;
	}

	public String keyword() {
		return keyword;
	}

	/** Whether the keyword is read from the SCI header first (else the primary header first). */
	public boolean inSciHeader() {
		return inSciHeader;
	}

	public String meaning() {
		return meaning;
	}
}
