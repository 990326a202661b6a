package org.webbsteps.dq;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DQ flag lists and masks. Pixel DQ planes are {@code int[]} holding the uint32 bit pattern; group
 * DQ planes are {@code byte[]} holding uint8. Masks are {@code boolean[]} over the same pixels,
 * {@code true} where any of the asked bits is set.
 */
public final class DqFlags {

	private DqFlags() {
	}

	/**
	 * Parses a flag list as JWST writes it, names joined by {@code +} or {@code ,} (e.g.
	 * {@code "DO_NOT_USE+JUMP_DET"}), or a plain integer; returns the bit pattern as an int.
	 *
	 * @throws IllegalArgumentException naming an unknown flag
	 */
	public static int parse(String flags) {
		if (flags == null) return 0;
		String s = flags.trim();
		if (s.isEmpty()) return 0;
		if (s.matches("\\d+")) {
			long v = Long.parseLong(s);
			if (v > 0xFFFFFFFFL) throw new IllegalArgumentException("DQ value " + v + " does not fit 32 bits");
			return (int) v;
		}
		int bits = 0;
		for (String name : s.split("[+,|\\s]+")) {
			if (name.isEmpty()) continue;
			try {
				bits |= PixelFlag.valueOf(name.toUpperCase(Locale.ROOT)).bits();
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("unknown DQ flag '" + name + "'");
			}
		}
		return bits;
	}

	/** The names of the flags set in a uint32 DQ value, joined by {@code +} ("GOOD" for 0). */
	public static String names(int dq) {
		if (dq == 0) return "GOOD";
		List<String> out = new ArrayList<>();
		for (PixelFlag f : PixelFlag.values()) if (f != PixelFlag.GOOD && (dq & f.bits()) != 0) out.add(f.name());
		return String.join("+", out);
	}

	/** {@code true} where a pixel DQ plane has any of {@code bits} set. */
	public static boolean[] anySet(int[] dq, int bits) {
		boolean[] mask = new boolean[dq.length];
		for (int i = 0; i < dq.length; i++) mask[i] = (dq[i] & bits) != 0;
		return mask;
	}

	/** {@code true} where a group DQ plane has any of {@code bits} (uint8) set. */
	public static boolean[] anySet(byte[] groupDq, int bits) {
		boolean[] mask = new boolean[groupDq.length];
		int b = bits & 0xFF;
		for (int i = 0; i < groupDq.length; i++) mask[i] = (groupDq[i] & b) != 0;
		return mask;
	}

	/** Sets {@code bits} in every pixel of a uint32 DQ plane where {@code where} is true. */
	public static void set(int[] dq, boolean[] where, int bits) {
		for (int i = 0; i < dq.length; i++) if (where[i]) dq[i] |= bits;
	}
}
