package org.webbsteps.commands;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;

/**
 * Finds step commands by their alias and runs them with values given as text, the way the
 * command line and ImageJ macros give them. Shared by every launcher so that a parameter means
 * the same thing everywhere.
 */
public final class StepRunner {

	private final Context context;

	public StepRunner(Context context) {
		this.context = context;
	}

	/** The commands that carry a step alias, by alias. */
	public Map<String, CommandInfo> steps() {
		Map<String, CommandInfo> out = new LinkedHashMap<>();
		for (CommandInfo info : context.getService(CommandService.class).getCommands()) {
			String alias = info.get(Steps.ATTR);
			if (alias != null) out.put(alias, info);
		}
		return out;
	}

	/** The command of a step alias, or an error listing the known steps. */
	public CommandInfo step(String alias) {
		Map<String, CommandInfo> all = steps();
		CommandInfo info = all.get(alias);
		if (info == null) throw new JwstException("unknown step '" + alias + "'; known steps: " + String.join(", ", all.keySet()));
		return info;
	}

	/** The user-settable inputs of a command (no services, no hidden items), by name. */
	public static Map<String, ModuleItem<?>> parameters(CommandInfo info) {
		Map<String, ModuleItem<?>> out = new LinkedHashMap<>();
		for (ModuleItem<?> item : info.inputs()) {
			if (org.scijava.service.Service.class.isAssignableFrom(item.getType())) continue;
			if (Context.class.isAssignableFrom(item.getType())) continue;
			if (item.getVisibility() == org.scijava.ItemVisibility.INVISIBLE || item.getVisibility() == org.scijava.ItemVisibility.MESSAGE) continue;
			out.put(item.getName(), item);
		}
		return out;
	}

	/**
	 * Runs a command with text values (converted to each parameter's type) and typed values.
	 *
	 * @return the finished module; check {@link CommandModule#isCanceled()} for a user error
	 */
	public CommandModule run(CommandInfo info, Map<String, String> textValues, Map<String, Object> typedValues, StepLog log) {
		Map<String, ModuleItem<?>> params = parameters(info);
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (Map.Entry<String, String> e : textValues.entrySet()) {
			ModuleItem<?> item = params.get(e.getKey());
			if (item == null) {
				throw new JwstException("unknown parameter '" + e.getKey() + "' for step " + info.get(Steps.ATTR)
						+ "; its parameters are: " + String.join(", ", params.keySet()));
			}
			inputs.put(e.getKey(), convert(item, e.getValue()));
		}
		inputs.putAll(typedValues);
		ModuleService modules = context.getService(ModuleService.class);
		CommandModule module = (CommandModule) modules.createModule(info);
		if (module.getCommand() instanceof StepCommand && log != null) ((StepCommand) module.getCommand()).setStepLog(log);
		for (Map.Entry<String, Object> e : inputs.entrySet()) {
			module.setInput(e.getKey(), e.getValue());
			module.resolveInput(e.getKey());
		}
		try {
			modules.run(module, false, new LinkedHashMap<String, Object>()).get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new JwstException("interrupted");
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause() != null ? e.getCause() : e;
			if (cause instanceof JwstException) throw (JwstException) cause;
			throw new IllegalStateException(cause);
		}
		return module;
	}

	/** Converts a text value to a parameter's type; an error names the parameter and the value. */
	public static Object convert(ModuleItem<?> item, String text) {
		Class<?> type = item.getType();
		String name = item.getName();
		String t = text.trim();
		try {
			if (type == String.class) {
				String[] choices = item.getChoices() == null ? null : item.getChoices().toArray(new String[0]);
				if (choices == null || choices.length == 0 || java.util.Arrays.asList(choices).contains(t)) return t;
				for (String c : choices) if (c.equalsIgnoreCase(t)) return c; // strun's None/none
				throw JwstException.badParameter(name, t, "must be one of " + String.join(", ", choices));
			}
			if (type == boolean.class || type == Boolean.class) {
				String v = t.toLowerCase(Locale.ROOT);
				if (v.equals("true") || v.equals("1") || v.equals("yes")) return true;
				if (v.equals("false") || v.equals("0") || v.equals("no")) return false;
				throw JwstException.badParameter(name, t, "must be True or False");
			}
			if (type == int.class || type == Integer.class) return Integer.valueOf(t);
			if (type == long.class || type == Long.class) return Long.valueOf(t);
			if (type == double.class || type == Double.class) return parseDouble(t);
			if (type == float.class || type == Float.class) return (float) parseDouble(t);
			if (type == File.class) return t.isEmpty() || t.equalsIgnoreCase("none") ? null : new File(t);
			if (type == File[].class) {
				List<File> files = new ArrayList<>();
				for (String s : t.split(",")) if (!s.trim().isEmpty()) files.add(new File(s.trim()));
				return files.toArray(new File[0]);
			}
		}
		catch (NumberFormatException e) {
			throw JwstException.badParameter(name, t, "is not a number");
		}
		throw JwstException.badParameter(name, t, "cannot be given as text (type " + type.getSimpleName() + ")");
	}

	private static double parseDouble(String t) {
		String v = t.toLowerCase(Locale.ROOT);
		if (v.equals("none") || v.equals("nan")) return Double.NaN;
		return Double.parseDouble(t);
	}
}
