package org.webbsteps.commands;

/** Names shared by the step commands and their launchers. */
public final class Steps {

	/** The {@code @Plugin} attribute holding a command's step alias (as used by {@code strun}). */
	public static final String ATTR = "jwst_step";

	private Steps() {
	}
}
