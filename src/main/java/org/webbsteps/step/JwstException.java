package org.webbsteps.step;

import java.nio.file.Path;

/**
 * A problem with the user's input (file, parameter or mode) that stops a step. Its message is one
 * line meant for the user, naming the file and what is wrong; callers print it without a stack
 * trace.
 */
public class JwstException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public JwstException(String message) {
		super(message);
	}

	public JwstException(String message, Throwable cause) {
		super(message, cause);
	}

	/** A problem with one file: the message reads {@code "<file>: <problem>"}. */
	public static JwstException inFile(Path file, String problem) {
		return new JwstException(file + ": " + problem);
	}

	/** Same as {@link #inFile(Path, String)}, keeping the cause for the debug log. */
	public static JwstException inFile(Path file, String problem, Throwable cause) {
		return new JwstException(file + ": " + problem, cause);
	}

	/** An unusable parameter value: the message names the parameter and why. */
	public static JwstException badParameter(String name, Object value, String why) {
		return new JwstException("parameter " + name + "=" + value + ": " + why);
	}
}
