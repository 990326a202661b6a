package org.webbsteps.stats;

/**
 * astropy {@code sigma_clip(data, sigma, maxiters, axis=...)} applied to one slice along the
 * axis, as astropy's compiled fast path does it (centre median, spread population std): the finite
 * values go into a buffer; each iteration takes the median by Wirth's selection (which reorders
 * the buffer; an even count averages ranks n/2 and n/2-1), the mean and the std about the mean
 * as sequential float64 sums over the buffer in its current order, and keeps the values inside
 * {@code [median - sigma*std, median + sigma*std]} (bounds included); it stops when an iteration
 * keeps every value or after {@code maxIters} iterations. A value is then clipped when it is not
 * finite or lies outside the <em>last</em> bounds (so a value rejected early but inside the final
 * bounds counts as kept, as in astropy). When an iteration rejects every value and the limit
 * allows another, astropy's next bounds are NaN and nothing at all is clipped (possible only for
 * sigma below 1); this is reproduced.
 * <p>
 * {@code maxIters} = {@link Integer#MAX_VALUE} means astropy's {@code maxiters=None} (until
 * nothing changes; astropy also reads {@code maxiters=0} so). One instance per thread: it owns a
 * work buffer and allocates nothing per call.
 */
public final class AxisSigmaClip {

	/**
	 * Largest |x - median| / std of any sample of at most 3 values ({@code 3/sqrt(2)}, reached by
	 * (0, 0, 1)), rounded up: with a larger sigma nothing can ever be clipped from such a sample.
	 */
	private static final double MAX_DEVIATION_OF_3 = 2.1214;

	private final double sigma;
	private final int maxIters;
	private double[] buffer;
	private double lower;
	private double upper;

	/**
	 * @param capacity the largest slice length expected (the buffer grows when needed)
	 * @param sigma clip threshold, both sides
	 * @param maxIters iteration limit (at least 1), {@link Integer#MAX_VALUE} for none
	 */
	public AxisSigmaClip(int capacity, double sigma, int maxIters) {
		this.sigma = sigma;
		this.maxIters = maxIters;
		this.buffer = new double[Math.max(1, capacity)];
	}

	/**
	 * Clips {@code values[0..n)} (not modified): {@code keep[i]} is set for each value that is not
	 * clipped.
	 *
	 * @return the number of values kept
	 */
	public int clip(double[] values, int n, boolean[] keep) {
		if (buffer.length < n) buffer = new double[n];
		double[] b = buffer;
		int count = 0;
		for (int i = 0; i < n; i++) {
			double v = values[i];
			boolean finite = v - v == 0;
			keep[i] = finite;
			if (finite) b[count++] = v;
		}
		if (!mayClip(count)) return count;
		if (bounds(b, count)) return count;
		int kept = 0;
		for (int i = 0; i < n; i++) {
			boolean k = keep[i] && !(values[i] < lower || values[i] > upper);
			keep[i] = k;
			if (k) kept++;
		}
		return kept;
	}

	/**
	 * Whether a slice with this many finite values can lose any of them: not when it is empty, nor
	 * when it has at most 3 values and sigma exceeds 3/sqrt(2) (the largest deviation such a
	 * sample can have). Callers may then skip {@link #clip} and keep every finite value.
	 */
	public boolean mayClip(int finiteCount) {
		return finiteCount > 0 && (finiteCount > 3 || sigma <= MAX_DEVIATION_OF_3);
	}

	/** The lower bound of the last clip that computed bounds. */
	public double lower() {
		return lower;
	}

	/** The upper bound of the last clip that computed bounds. */
	public double upper() {
		return upper;
	}

	/**
	 * Iterates on {@code b[0..count)}; sets the final bounds.
	 *
	 * @return true when the first iteration kept every value (no value can then be clipped)
	 */
	private boolean bounds(double[] b, int count) {
		int iteration = 0;
		while (true) {
			if (count == 0) { // everything was clipped: astropy's next bounds are NaN and clip nothing
				lower = Double.NaN;
				upper = Double.NaN;
				return false;
			}
			double median = wirthMedian(b, count);
			double mean = 0;
			for (int i = 0; i < count; i++) mean += b[i];
			mean /= count;
			double var = 0;
			for (int i = 0; i < count; i++) {
				double d = mean - b[i];
				var += d * d;
			}
			double std = Math.sqrt(var / count);
			lower = median - sigma * std;
			upper = median + sigma * std;
			int kept = 0;
			for (int i = 0; i < count; i++) {
				double v = b[i];
				if (v >= lower && v <= upper) b[kept++] = v;
			}
			if (kept == count) return iteration == 0;
			count = kept;
			iteration++;
			if (iteration >= maxIters) return false;
		}
	}

	/** Median by Wirth's selection, reordering {@code a[0..n)} exactly as astropy's C code does. */
	static double wirthMedian(double[] a, int n) {
		if ((n & 1) == 0) {
			double upperMiddle = kthSmallest(a, n, n / 2);
			return 0.5 * (upperMiddle + kthSmallest(a, n, n / 2 - 1));
		}
		return kthSmallest(a, n, (n - 1) / 2);
	}

	/** Wirth's selection (Algorithms + Data Structures = Programs, 1976): the k-th smallest, in place. */
	static double kthSmallest(double[] a, int n, int k) {
		int l = 0, m = n - 1;
		while (l < m) {
			double x = a[k];
			int i = l, j = m;
			do {
				while (a[i] < x) i++;
				while (x < a[j]) j--;
				if (i <= j) {
					double t = a[i];
					a[i] = a[j];
					a[j] = t;
					i++;
					j--;
				}
			} while (i <= j);
			if (j < k) l = i;
			if (k < i) m = j;
		}
		return a[k];
	}
}
