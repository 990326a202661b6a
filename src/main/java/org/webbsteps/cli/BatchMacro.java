package org.webbsteps.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import net.imagej.patcher.LegacyEnvironment;

/**
 * Runs an ImageJ macro headless on the real ImageJ 1.x macro interpreter, patched for headless use
 * as Fiji's {@code --headless} does (ij1-patcher). Usage: {@code BatchMacro <macro.ijm> [argument]}.
 * The plugin jars are given by the system property {@code webbsteps.plugins} (path-separated);
 * exit code 0 on success, 1 when the macro or one of our commands failed.
 */
public final class BatchMacro {

	/** Set by our commands when they fail inside a macro ({@code CommandPlugIn.FAILURE_PROPERTY}). */
	private static final String FAILURE = "webbsteps.macro.error";
	/** Set by the last line appended to the macro. */
	private static final String DONE = "webbsteps.macro.done";

	/** What ImageJ prints (without stopping the macro) when a command cannot run. */
	private static final String[] IMAGEJ_FAILURES = { "Unrecognized command", "Plugin or class not found", "NoClassDefFoundError" };

	/** Copies what the macro prints to the console and to a buffer we search for ImageJ failures. */
	private static final class Tee extends java.io.OutputStream {
		private final java.io.OutputStream a, b;

		Tee(java.io.OutputStream a, java.io.OutputStream b) {
			this.a = a;
			this.b = b;
		}

		@Override
		public synchronized void write(int c) throws IOException {
			a.write(c);
			b.write(c);
		}

		@Override
		public synchronized void write(byte[] buf, int off, int len) throws IOException {
			a.write(buf, off, len);
			b.write(buf, off, len);
		}

		@Override
		public void flush() throws IOException {
			a.flush();
		}
	}

	private BatchMacro() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: webb-steps-batch <macro.ijm> [argument]");
			System.exit(2);
		}
		Path macro = Paths.get(args[0]);
		if (!Files.isReadable(macro)) {
			System.err.println("webb-steps-batch: error: " + macro + ": no such macro file");
			System.exit(2);
		}
		String argument = args.length > 1 ? args[1] : "";
		int code = run(new String(Files.readAllBytes(macro), StandardCharsets.UTF_8), argument, pluginPath());
		System.exit(code);
	}

	/** Runs macro text; returns 0 on success, 1 on failure (message on stderr). */
	public static int run(String macro, String argument, List<File> pluginJars) throws Exception {
		System.clearProperty(FAILURE);
		System.clearProperty(DONE);
		LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
		ij1.addPluginClasspath(pluginJars.toArray(new File[0]));
		// The headless interpreter only prints macro errors: a last line marks that the macro ran to its end.
		String wrapped = macro + "\ncall(\"java.lang.System.setProperty\", \"" + DONE + "\", \"1\");\n";
		java.io.PrintStream out = System.out, err = System.err;
		java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(new Tee(out, seen), true));
		System.setErr(new java.io.PrintStream(new Tee(err, seen), true));
		try {
			ij1.runMacro(wrapped, argument);
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		String printed = seen.toString();
		for (String problem : IMAGEJ_FAILURES) {
			if (printed.contains(problem)) {
				System.err.println("webb-steps-batch: error: ImageJ reported \"" + problem + "\" (a command is missing or failed to load); see the messages above");
				return 1;
			}
		}
		String failure = System.getProperty(FAILURE);
		if (failure != null) {
			System.err.println("webb-steps-batch: error: " + failure);
			return 1;
		}
		if (System.getProperty(DONE) == null) {
			System.err.println("webb-steps-batch: error: the macro stopped before its end (a macro error or exit); see the messages above");
			return 1;
		}
		return 0;
	}


	private static List<File> pluginPath() {
		List<File> out = new ArrayList<>();
		String p = System.getProperty("webbsteps.plugins", "");
		for (String s : p.split(File.pathSeparator)) if (!s.isEmpty()) out.add(new File(s));
		return out;
	}
}
