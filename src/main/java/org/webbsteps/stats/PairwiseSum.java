package org.webbsteps.stats;

/**
 * numpy's pairwise summation (blocks of 128 summed with 8 accumulators, halves added recursively),
 * so that sums, means and standard deviations round as numpy's do.
 */
public final class PairwiseSum {

	private static final int BLOCK = 128;

	private PairwiseSum() {
	}

	/** Sum of {@code a[from..from+n)}. */
	public static double sum(double[] a, int from, int n) {
		if (n < 8) {
			double s = 0;
			for (int i = 0; i < n; i++) s += a[from + i];
			return s;
		}
		if (n <= BLOCK) {
			double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
			double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
			int i;
			for (i = 8; i < n - (n % 8); i += 8) {
				r0 += a[from + i];
				r1 += a[from + i + 1];
				r2 += a[from + i + 2];
				r3 += a[from + i + 3];
				r4 += a[from + i + 4];
				r5 += a[from + i + 5];
				r6 += a[from + i + 6];
				r7 += a[from + i + 7];
			}
			double s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
			for (; i < n; i++) s += a[from + i];
			return s;
		}
		int half = n / 2;
		half -= half % 8;
		return sum(a, from, half) + sum(a, from + half, n - half);
	}

	/** Sum of {@code (a[i] - mean)^2} over {@code a[from..from+n)}, with the same pairwise order as {@link #sum}. */
	public static double sumSquaredDeviations(double[] a, int from, int n, double mean) {
		if (n < 8) {
			double s = 0;
			for (int i = 0; i < n; i++) {
				double d = a[from + i] - mean;
				s += d * d;
			}
			return s;
		}
		if (n <= BLOCK) {
			double[] r = new double[8];
			for (int k = 0; k < 8; k++) {
				double d = a[from + k] - mean;
				r[k] = d * d;
			}
			int i;
			for (i = 8; i < n - (n % 8); i += 8) {
				for (int k = 0; k < 8; k++) {
					double d = a[from + i + k] - mean;
					r[k] += d * d;
				}
			}
			double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
			for (; i < n; i++) {
				double d = a[from + i] - mean;
				s += d * d;
			}
			return s;
		}
		int half = n / 2;
		half -= half % 8;
		return sumSquaredDeviations(a, from, half, mean) + sumSquaredDeviations(a, from + half, n - half, mean);
	}
}
