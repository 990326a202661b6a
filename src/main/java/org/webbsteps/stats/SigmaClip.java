package org.webbsteps.stats;

/**
 * Iterative sigma clipping with astropy's semantics ({@code sigma_clip} / {@code sigma_clipped_stats}
 * with the median as centre and the population standard deviation as spread): non-finite values
 * are dropped; each iteration computes the centre and spread of the current sample and keeps the
 * values inside {@code [centre - lower*std, centre + upper*std]} (bounds included); it stops when an
 * iteration removes nothing or after {@code maxIters} iterations. All arithmetic is in float64.
 */
public final class SigmaClip {

	private SigmaClip() {
	}

	/**
	 * Clips {@code work[0..n)} in place (the array is reordered and shrunk) and returns the stats of
	 * the surviving values, which end up in {@code work[0..count)}.
	 */
	public static ClippedStats clipInPlace(double[] work, int n, double sigmaLower, double sigmaUpper, int maxIters) {
		int m = 0;
		for (int i = 0; i < n; i++) if (Double.isFinite(work[i])) work[m++] = work[i];
		double[] scratch = new double[m];
		for (int iter = 0; iter < maxIters && m > 0; iter++) {
			System.arraycopy(work, 0, scratch, 0, m);
			double centre = Selection.medianInPlace(scratch, m);
			double std = std(work, m, mean(work, m));
			double lo = centre - sigmaLower * std;
			double hi = centre + sigmaUpper * std;
			int kept = 0;
			for (int i = 0; i < m; i++) {
				double v = work[i];
				if (v >= lo && v <= hi) work[kept++] = v;
			}
			if (kept == m) break;
			m = kept;
		}
		return stats(work, m, scratch);
	}

	/** astropy {@code sigma_clipped_stats(sigma=3, maxiters=5)} of {@code values[0..n)} (not modified). */
	public static ClippedStats clippedStats(double[] values, int n) {
		double[] work = java.util.Arrays.copyOf(values, n);
		return clipInPlace(work, n, 3, 3, 5);
	}

	/** Mean (float64, pairwise like numpy) of {@code a[0..n)}. */
	public static double mean(double[] a, int n) {
		return n == 0 ? Double.NaN : PairwiseSum.sum(a, 0, n) / n;
	}

	/** Population standard deviation about the given mean, numpy style (ddof 0). */
	public static double std(double[] a, int n, double mean) {
		if (n == 0) return Double.NaN;
		return Math.sqrt(PairwiseSum.sumSquaredDeviations(a, 0, n, mean) / n);
	}

	private static ClippedStats stats(double[] work, int m, double[] scratch) {
		if (m == 0) return new ClippedStats(Double.NaN, Double.NaN, Double.NaN, 0);
		double mean = mean(work, m);
		double std = std(work, m, mean);
		System.arraycopy(work, 0, scratch, 0, m);
		double median = Selection.medianInPlace(scratch, m);
		return new ClippedStats(mean, median, std, m);
	}
}
