package org.webbsteps.step;

/**
 * Where algorithms report what they do, their progress and where they learn of cancellation. It
 * keeps algorithm classes free of ImageJ and SciJava; commands pass an implementation backed by the
 * SciJava logger and status bar, the ImageJ log, or the console.
 */
public interface StepLog {

	/** An informational line, phrased like the JWST pipeline's INFO messages. */
	void info(String message);

	/** A warning line (normalised parameters, skipped images, FAILED/SKIPPED reasons). */
	void warn(String message);

	/** Progress as {@code done} of {@code total} units (groups or integrations). */
	default void progress(long done, long total) {
	}

	/** Whether the user asked to stop; algorithms poll this between planes. */
	default boolean isCanceled() {
		return false;
	}

	/** Throws {@link CanceledException} if the user asked to stop. */
	default void checkCanceled() {
		if (isCanceled()) throw new CanceledException();
	}

	/** A log that drops everything (tests, nested calls). */
	StepLog NONE = new StepLog() {
		@Override
		public void info(String message) {
		}

		@Override
		public void warn(String message) {
		}
	};

	/** Thrown by {@link #checkCanceled()} when the user cancels a running step. */
	final class CanceledException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		public CanceledException() {
			super("canceled by the user");
		}
	}
}
