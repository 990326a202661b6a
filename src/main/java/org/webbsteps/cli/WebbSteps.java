package org.webbsteps.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.webbsteps.commands.StepCommand;
import org.webbsteps.commands.StepRunner;
import org.webbsteps.service.DqService;
import org.webbsteps.service.FitsMetadataService;
import org.webbsteps.step.ConsoleStepLog;
import org.webbsteps.step.JwstException;

/**
 * The command line, in the style of the pipeline's {@code strun}:
 * {@code webb-steps <step> <input>... [--param=value ...] [--output_dir=DIR] [--output_file=NAME]}.
 * Exit code 0 when every input was processed (a FAILED or SKIPPED status is a warning, as in the
 * pipeline), 1 with one error line otherwise, 2 for a usage error.
 */
public final class WebbSteps {

	private WebbSteps() {
	}

	public static void main(String[] args) {
		int code = run(args, System.out, System.err);
		System.exit(code);
	}

	/** Runs the command line; returns the exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		boolean debug = false;
		List<String> positional = new ArrayList<>();
		Map<String, String> params = new LinkedHashMap<>();
		for (String a : args) {
			if (a.equals("--debug")) debug = true;
			else if (a.equals("-h") || a.equals("--help")) positional.add(0, "--help");
			else if (a.startsWith("--")) {
				int eq = a.indexOf('=');
				String key = (eq < 0 ? a.substring(2) : a.substring(2, eq)).replace('-', '_');
				params.put(key, eq < 0 ? "true" : a.substring(eq + 1));
			}
			else positional.add(a);
		}
		try (Context context = new Context(CommandService.class, ModuleService.class, FitsMetadataService.class, DqService.class)) {
			StepRunner runner = new StepRunner(context);
			if (positional.isEmpty() || positional.get(0).equals("--help")) {
				usage(out, runner, positional.size() > 1 ? positional.get(1) : null);
				return positional.isEmpty() ? 2 : 0;
			}
			CommandInfo info = runner.step(positional.get(0));
			if (positional.size() < 2) {
				err.println("webb-steps: error: no input file given for step " + positional.get(0));
				return 2;
			}
			int failures = 0;
			for (String input : positional.subList(1, positional.size())) {
				Map<String, String> values = new LinkedHashMap<>(params);
				values.put("input", input);
				ConsoleStepLog log = new ConsoleStepLog(out, positional.get(0));
				CommandModule module = runner.run(info, values, new LinkedHashMap<>(), log);
				if (module.isCanceled()) {
					err.println("webb-steps: error: " + module.getCancelReason());
					failures++;
					continue;
				}
				Object report = module.getOutput("report");
				if (report != null) out.print(report);
				if (module.getCommand() instanceof StepCommand) {
					String status = ((StepCommand) module.getCommand()).getStatus();
					if ("FAILED".equals(status) || "SKIPPED".equals(status)) {
						log.warn("Step " + positional.get(0) + " ended with status " + status + " for " + input);
					}
				}
			}
			return failures == 0 ? 0 : 1;
		}
		catch (JwstException e) {
			err.println("webb-steps: error: " + e.getMessage());
			if (debug) e.printStackTrace(err);
			return 1;
		}
		catch (RuntimeException e) {
			Throwable c = e.getCause() != null ? e.getCause() : e;
			err.println("webb-steps: internal error: " + c + " (run with --debug for details)");
			if (debug) e.printStackTrace(err);
			return 1;
		}
	}

	private static void usage(PrintStream out, StepRunner runner, String step) {
		if (step != null) {
			CommandInfo info = runner.step(step);
			out.println("webb-steps " + step + " <input>... [--param=value ...]");
			for (ModuleItem<?> item : StepRunner.parameters(info).values()) {
				if (item.getName().equals("input")) continue;
				Object def = item.getDefaultValue();
				out.printf("  --%-22s %s%s%n", item.getName() + "=", item.getDescription() == null ? "" : item.getDescription(),
						def == null ? "" : " (default " + def + ")");
			}
			return;
		}
		out.println("usage: webb-steps <step> <input>... [--param=value ...] [--output_dir=DIR] [--output_file=NAME]");
		out.println("       webb-steps --help <step>");
		out.println("steps:");
		for (Map.Entry<String, CommandInfo> e : runner.steps().entrySet()) {
			out.printf("  %-22s %s%n", e.getKey(), e.getValue().getLabel());
		}
	}
}
