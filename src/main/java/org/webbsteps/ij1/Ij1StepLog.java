package org.webbsteps.ij1;

import ij.IJ;

import org.webbsteps.step.StepLog;

/** A {@link StepLog} for ImageJ: the Log window, the progress bar, and Esc to cancel. */
public final class Ij1StepLog implements StepLog {

	private final String step;

	public Ij1StepLog(String step) {
		this.step = step;
	}

	@Override
	public void info(String message) {
		IJ.log(step + ": " + message);
	}

	@Override
	public void warn(String message) {
		IJ.log(step + ": WARNING: " + message);
	}

	@Override
	public void progress(long done, long total) {
		IJ.showProgress((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total, Integer.MAX_VALUE));
	}

	@Override
	public boolean isCanceled() {
		return IJ.escapePressed();
	}
}
