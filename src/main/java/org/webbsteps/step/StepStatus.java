package org.webbsteps.step;

/** Outcome of a step, written as the JWST status keyword value (e.g. {@code S_CLNFNS = 'COMPLETE'}). */
public enum StepStatus {
	/** The step did not run (unsupported mode or not enough input); data unchanged. */
	SKIPPED,
	/** The step ran and the output holds its result. */
	COMPLETE,
	/** The step ran but could not correct the data; data unchanged. */
	FAILED
}
