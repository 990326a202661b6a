package org.webbsteps.commands;

import org.scijava.Cancelable;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;
import org.webbsteps.step.StepLog;

/** A {@link StepLog} writing to SciJava's log and status bar and polling the command for cancellation. */
final class ScijavaStepLog implements StepLog {

	private final LogService log;
	private final StatusService status;
	private final Cancelable command;

	ScijavaStepLog(LogService log, StatusService status, Cancelable command) {
		this.log = log;
		this.status = status;
		this.command = command;
	}

	@Override
	public void info(String message) {
		if (log != null) log.info(message);
	}

	@Override
	public void warn(String message) {
		if (log != null) log.warn(message);
	}

	@Override
	public void progress(long done, long total) {
		if (status != null) status.showProgress((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total, Integer.MAX_VALUE));
	}

	@Override
	public boolean isCanceled() {
		return command.isCanceled();
	}
}
