package org.webbsteps.commands;

import java.io.File;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.webbsteps.io.OutputNames;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;

/**
 * Base of the commands that run a JWST-style step on a file, as {@code strun} does: an
 * {@code input} file, {@code output_dir} and {@code output_file} as in the pipeline, the output
 * path and the step status as outputs. Subclasses implement {@link #process(Path, StepLog)}.
 * Errors in the user's input end the command with {@link #cancel(String)} and one clear message;
 * launchers (CLI, ImageJ menus) read it from {@link #getCancelReason()}.
 */
public abstract class StepCommand extends ContextCommand {

	// -- Parameters --

	@Parameter(label = "input", description = "JWST product file (FITS, optionally .gz)", persist = false)
	protected File input;

	@Parameter(label = "output_dir", description = "folder for the outputs (default: the input's folder)", required = false, persist = false, style = "directory")
	protected File output_dir;

	@Parameter(label = "output_file", description = "output name; the step suffix is added as the pipeline does", required = false, persist = false)
	protected String output_file;

	@Parameter(type = ItemIO.OUTPUT, label = "output")
	protected File output;

	@Parameter(type = ItemIO.OUTPUT, label = "status")
	protected String status;

	// -- Other fields --

	@Parameter(required = false)
	private LogService logService;

	@Parameter(required = false)
	private StatusService statusService;

	private StepLog stepLog;

	/** The step alias used by the CLI and in log lines. */
	public abstract String stepName();

	/** Does the work for one input file; sets {@link #output} and {@link #status}. */
	protected abstract void process(Path inputFile, StepLog log);

	/** Where to report; launchers set this before running, otherwise SciJava's log and status bar are used. */
	public void setStepLog(StepLog log) {
		this.stepLog = log;
	}

	public File getOutput() {
		return output;
	}

	public String getStatus() {
		return status;
	}

	// -- Command methods --

	@Override
	public final void run() {
		StepLog log = stepLog != null ? stepLog : new ScijavaStepLog(logService, statusService, this);
		try {
			if (input == null) throw new JwstException("no input file given (parameter input)");
			process(input.toPath(), log);
		}
		catch (JwstException e) {
			cancel(e.getMessage());
		}
		catch (StepLog.CanceledException e) {
			cancel("canceled by the user");
		}
		catch (OutOfMemoryError e) {
			cancel("not enough memory to process " + input + " (Java heap " + (Runtime.getRuntime().maxMemory() >> 20)
					+ " MiB); give Java more memory (WEBB_STEPS_JAVA_OPTS=-Xmx16g for bin/webb-steps, Edit > Options > Memory in Fiji)");
		}
		catch (RuntimeException e) {
			if (logService != null) logService.debug(e);
			cancel("internal error while processing " + input + ": " + e);
		}
	}

	// -- Helper methods --

	/**
	 * The path of an extra product ({@code mask}, {@code flicker_bkg}...): named from the input like
	 * the pipeline does ({@code output_file} does not apply to them), in {@code output_dir}.
	 */
	protected Path derivedPath(Path inputFile, String suffix) {
		return org.webbsteps.io.OutputNames.outputPath(inputFile, suffix, output_dir == null ? null : output_dir.toPath(), null);
	}

	/** The output path for this run: {@code <root>_<suffix>.fits} in {@code output_dir}. */
	protected Path outputPath(Path inputFile, String suffix) {
		if (output_dir != null && !output_dir.isDirectory()) {
			throw JwstException.badParameter("output_dir", output_dir, "is not an existing folder");
		}
		return OutputNames.outputPath(inputFile, suffix, output_dir == null ? null : output_dir.toPath(), output_file);
	}
}
