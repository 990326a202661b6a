package org.webbsteps.stats;

import java.util.Arrays;

/**
 * numpy {@code nanpercentile} with the default linear method: NaN values are ignored; of the n
 * finite values sorted as v, percentile p is {@code v[k] + g*(v[k+1] - v[k])} with
 * {@code r = (n-1)*(p/100)}, {@code k = floor(r)}, {@code g = r - k}, interpolated from the
 * nearer end as numpy's {@code _lerp} does. NaN when no value is finite. The in-place variants
 * select within the caller's scratch array (for samples too large to copy).
 */
public final class Percentile {

	private Percentile() {
	}

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
