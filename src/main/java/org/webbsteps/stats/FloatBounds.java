package org.webbsteps.stats;

/**
 * Float32 ends of float64 bounds: comparisons of float32 values with a float64 bound, turned into
 * comparisons with a float32 bound that select exactly the same values.
 */
public final class FloatBounds {

	private FloatBounds() {
	}

	/** The smallest float (or -infinity) that is at least x: {@code v >= x} exactly when {@code v >= ceil(x)}. */
	public static float ceil(double x) {
		float f = (float) x;
		return f < x ? Math.nextUp(f) : f;
	}

	/** The largest float (or +infinity) that is at most x: {@code v <= x} exactly when {@code v <= floor(x)}. */
	public static float floor(double x) {
		float f = (float) x;
		return f > x ? Math.nextDown(f) : f;
	}

	/**
	 * The least float r with {@code float32(r - offset) >= x}; r - offset is non-decreasing in r, so
	 * {@code float32(v - offset) >= x} exactly when {@code v >= r}. Applied to -x and -offset it gives,
	 * negated, the greatest r with {@code float32(r - offset) <= x} (rounding is symmetric about 0).
	 */
	public static float leastWithShiftAtLeast(double x, float offset) {
		if (x == Double.NEGATIVE_INFINITY) return Float.NEGATIVE_INFINITY;
		float r = ceil(x + offset);
		for (int guard = 0; guard < 256 && r != Float.POSITIVE_INFINITY && !(r - offset >= x); guard++) r = Math.nextUp(r);
		for (int guard = 0; guard < 256 && r != Float.NEGATIVE_INFINITY && Math.nextDown(r) - offset >= x; guard++) r = Math.nextDown(r);
		return r;
	}

	/** The greatest float r with {@code float32(r - offset) <= x} (see {@link #leastWithShiftAtLeast}). */
	public static float greatestWithShiftAtMost(double x, float offset) {
		return -leastWithShiftAtLeast(-x, -offset);
	}
}
