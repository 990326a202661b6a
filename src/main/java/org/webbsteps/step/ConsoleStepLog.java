package org.webbsteps.step;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A {@link StepLog} printing pipeline-style lines ({@code 2026-11-21 10:00:00,123 - copy - INFO - ...}). */
public final class ConsoleStepLog implements StepLog {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

	private final PrintStream out;
	private final String source;

	public ConsoleStepLog(PrintStream out, String source) {
		this.out = out;
		this.source = source;
	}

	@Override
	public void info(String message) {
		print("INFO", message);
	}

	@Override
	public void warn(String message) {
		print("WARNING", message);
	}

	private void print(String level, String message) {
		out.println(LocalDateTime.now().format(TIME) + " - " + source + " - " + level + " - " + message);
	}
}
