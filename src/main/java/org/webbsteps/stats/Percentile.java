package org.webbsteps.stats;

import java.util.Arrays;

/**
 * Percentiles with numpy's semantics ({@code np.nanpercentile(a, q)}, default method "linear"):
 * NaNs are left out; for the n remaining values sorted as v[0..n), the virtual index is
 * {@code (n - 1) * q / 100} and the result interpolates linearly between its two neighbours. The
 * arithmetic is numpy's own for float32 data, so results are bit-identical: the percentile is
 * divided by 100 in float64, the neighbour difference is taken in float32 and the interpolation
 * in float64 (from the upper neighbour when the fraction is 0.5 or more). This is numpy's result
 * for a list of percentiles, as the pipeline passes them; a single Python float percentile makes
 * numpy interpolate in float32 instead. An infinity next to the interpolation point gives NaN,
 * as in numpy. The order statistics come from a radix selection (two passes over the data), not
 * from sorting. The single-percentile {@code nanPercentileInPlace} methods select within the
 * caller's array instead, and interpolate with numpy's {@code _lerp} in float64.
 */
public final class Percentile {

	private Percentile() {
	}

	/**
	 * {@code np.nanpercentile(values, percents)} of float32 data.
	 *
	 * @param values the data (not modified); NaNs are ignored, infinities are values
	 * @param percents percentiles in [0, 100]
	 * @return one float64 result per percentile; NaN for all when every value is NaN
	 */
	public static double[] nanPercentiles(float[] values, double... percents) {
		for (double p : percents) {
			if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentile " + p + " is outside [0, 100]");
		}
		int[] buckets = new int[1 << 16];
		int n = 0;
		for (float v : values) {
			if (v != v) continue;
			buckets[key(v) >>> 16]++;
			n++;
		}
		double[] out = new double[percents.length];
		if (n == 0) {
			Arrays.fill(out, Double.NaN);
			return out;
		}
		int[] previous = new int[percents.length];
		double[] gamma = new double[percents.length];
		int[] wanted = new int[2 * percents.length];
		for (int i = 0; i < percents.length; i++) {
			double virtual = (n - 1) * (percents[i] / 100.0);
			int next;
			if (virtual >= n - 1) { // numpy: both neighbours are the last value, whose index counts as -1
				previous[i] = -1;
				next = -1;
			}
			else if (virtual < 0) {
				previous[i] = 0;
				next = 0;
			}
			else {
				previous[i] = (int) Math.floor(virtual);
				next = previous[i] + 1;
			}
			gamma[i] = virtual - previous[i];
			wanted[2 * i] = previous[i] < 0 ? n - 1 : previous[i];
			wanted[2 * i + 1] = next < 0 ? n - 1 : next;
		}
		float[] order = orderStatistics(values, buckets, wanted);
		for (int i = 0; i < percents.length; i++) {
			float a = order[2 * i];
			float b = order[2 * i + 1];
			float diff = b - a; // float32, as numpy subtracts the neighbours in the data type
			out[i] = gamma[i] >= 0.5 ? b - diff * (1 - gamma[i]) : a + diff * gamma[i];
		}
		return out;
	}

	/**
	 * The values of the given ranks among the non-NaN values, by radix selection: {@code buckets}
	 * counts the values per top 16 bits of their sort key; the values of the buckets holding the
	 * ranks are gathered in a second pass and the ranks selected among them.
	 */
	private static float[] orderStatistics(float[] values, int[] buckets, int[] ranks) {
		int[] bucketOf = new int[ranks.length];
		int[] within = new int[ranks.length];
		int[] start = new int[buckets.length + 1];
		for (int b = 0; b < buckets.length; b++) start[b + 1] = start[b] + buckets[b];
		float[][] gathered = new float[buckets.length][];
		for (int i = 0; i < ranks.length; i++) {
			int lo = 0, hi = buckets.length - 1; // the bucket b with start[b] <= rank < start[b + 1]
			while (lo < hi) {
				int mid = (lo + hi + 1) >>> 1;
				if (start[mid] <= ranks[i]) lo = mid;
				else hi = mid - 1;
			}
			bucketOf[i] = lo;
			within[i] = ranks[i] - start[lo];
			if (gathered[lo] == null) gathered[lo] = new float[buckets[lo]];
		}
		int[] filled = new int[buckets.length];
		for (float v : values) {
			if (v != v) continue;
			int b = key(v) >>> 16;
			float[] g = gathered[b];
			if (g != null) g[filled[b]++] = v;
		}
		float[] out = new float[ranks.length];
		for (int i = 0; i < ranks.length; i++) {
			float[] g = gathered[bucketOf[i]];
			Selection.select(g, 0, g.length - 1, within[i]); // over the whole bucket: earlier selections in it do not matter
			out[i] = g[within[i]];
		}
		return out;
	}

	/** An int whose unsigned order is the float order (-0 before +0). */
	private static int key(float v) {
		int bits = Float.floatToRawIntBits(v);
		return bits ^ ((bits >> 31) | 0x80000000);
	}

	// -- Single percentiles, selected in place (large samples that should not be copied) --

	/** Percentile {@code p} (0..100) of the non-NaN values of {@code values[0..n)}; the input is not changed. */
	public static double nanPercentile(double[] values, int n, double p) {
		return nanPercentileInPlace(Arrays.copyOf(values, n), n, p);
	}

	/** As {@link #nanPercentile(double[], int, double)}, reordering {@code values[0..n)}. */
	public static double nanPercentileInPlace(double[] values, int n, double p) {
		int m = 0;
		for (int i = 0; i < n; i++) {
			double v = values[i];
			if (!Double.isNaN(v)) {
				values[i] = values[m];
				values[m++] = v;
			}
		}
		if (m == 0) return Double.NaN;
		double r = (m - 1) * (p / 100);
		int k = (int) Math.floor(r);
		if (k >= m - 1) {
			Selection.select(values, 0, m - 1, m - 1);
			return values[m - 1];
		}
		Selection.select(values, 0, m - 1, k);
		double above = values[k + 1];
		for (int i = k + 2; i < m; i++) if (values[i] < above) above = values[i];
		return lerp(values[k], above, r - k);
	}

	/** As {@link #nanPercentileInPlace(double[], int, double)} for float32 values (the result in float64). */
	public static double nanPercentileInPlace(float[] values, int n, double p) {
		int m = 0;
		for (int i = 0; i < n; i++) {
			float v = values[i];
			if (!Float.isNaN(v)) {
				values[i] = values[m];
				values[m++] = v;
			}
		}
		if (m == 0) return Double.NaN;
		double r = (m - 1) * (p / 100);
		int k = (int) Math.floor(r);
		if (k >= m - 1) {
			Selection.select(values, 0, m - 1, m - 1);
			return values[m - 1];
		}
		Selection.select(values, 0, m - 1, k);
		float above = values[k + 1];
		for (int i = k + 2; i < m; i++) if (values[i] < above) above = values[i];
		return lerp(values[k], above, r - k);
	}

	/** numpy's {@code _lerp}: {@code a + (b-a)*t}, or {@code b - (b-a)*(1-t)} when t >= 0.5. */
	static double lerp(double a, double b, double t) {
		double diff = b - a;
		return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
	}
}
