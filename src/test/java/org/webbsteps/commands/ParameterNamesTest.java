package org.webbsteps.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import ij.Macro;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * Macro keys are the parameter names, so within a command no name may end with "_" + another
 * (ImageJ would read {@code mask} out of {@code user_mask=...}); every parameter is snake_case
 * and not persisted, and each key reads back from a recorded option string.
 */
class ParameterNamesTest {

	private static List<CommandInfo> ourCommands(Context ctx) {
		List<CommandInfo> out = new ArrayList<>();
		for (CommandInfo info : ctx.getService(CommandService.class).getCommands()) {
			if (info.getClassName().startsWith("org.webbsteps.")) out.add(info);
		}
		return out;
	}

	@Test
	void keysAreUniqueSnakeCaseAndNotPersisted() {
		try (Context ctx = new Context(CommandService.class)) {
			List<CommandInfo> commands = ourCommands(ctx);
			assertTrue(commands.size() >= 4, "commands found: " + commands.size());
			for (CommandInfo info : commands) {
				List<String> names = new ArrayList<>(StepRunner.parameters(info).keySet());
				StringBuilder recorded = new StringBuilder();
				for (String n : names) {
					assertTrue(n.matches("[a-z][a-z0-9_]*"), info.getClassName() + "." + n);
					ModuleItem<?> item = info.getInput(n);
					assertFalse(item.isPersisted(), info.getClassName() + "." + n + " must have persist = false");
					for (String other : names) {
						assertFalse(!n.equals(other) && n.endsWith("_" + other), info.getClassName() + ": " + n + " ends with _" + other);
					}
					recorded.append(n).append("=[v ").append(n).append("] ");
				}
				for (String n : names) assertEquals("v " + n, Macro.getValue(recorded.toString(), n, null));
			}
		}
	}
}
