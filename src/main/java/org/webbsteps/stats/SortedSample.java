package org.webbsteps.stats;

/**
 * A float32 sample sorted once (radix sort), on which astropy-style sigma clipping costs almost
 * nothing: every clipped subset of a sorted sample is an index range, so medians are look-ups and
 * sums come from block prefix sums. Sums are taken relative to a shift (the sample median) to
 * keep float64 cancellation negligible. Non-finite values are left out.
 * <p>
 * Results agree with {@link SigmaClip} up to the rounding of the float64 sums (which numpy takes in
 * another order), i.e. to about 1e-13 relative.
 */
public final class SortedSample {

	private static final int BLOCK = 256;

	private final float[] v;
	private final int n;
	private final double shift;
	private final double[] blockSum;
	private final double[] blockSumSq;

	private SortedSample(float[] sorted, int n) {
		this.v = sorted;
		this.n = n;
		this.shift = n == 0 ? 0 : sorted[n / 2];
		int blocks = n / BLOCK + 1;
		blockSum = new double[blocks + 1];
		blockSumSq = new double[blocks + 1];
		double s = 0, q = 0;
		for (int b = 0; b < blocks; b++) {
			blockSum[b] = s;
			blockSumSq[b] = q;
			int end = Math.min(n, (b + 1) * BLOCK);
			for (int i = b * BLOCK; i < end; i++) {
				double d = sorted[i] - shift;
				s += d;
				q += d * d;
			}
		}
		blockSum[blocks] = s;
		blockSumSq[blocks] = q;
	}

	/** Reusable work arrays for sorting samples of up to {@code capacity} values (one set per thread). */
	public static final class Buffers {
		final float[] values;
		final int[] keys;
		final int[] tmp;

		public Buffers(int capacity) {
			values = new float[capacity];
			keys = new int[capacity];
			tmp = new int[capacity];
		}

		public int capacity() {
			return values.length;
		}
	}

	/** The finite values of {@code image} where {@code mask} is true (all of them if mask is null), sorted. */
	public static SortedSample of(float[] image, boolean[] mask) {
		return of(image, mask, new Buffers(image.length));
	}

	/**
	 * As {@link #of(float[], boolean[])}, sorting in the given buffers; the sample is valid until
	 * the buffers are used again.
	 */
	public static SortedSample of(float[] image, boolean[] mask, Buffers buffers) {
		if (buffers.capacity() < image.length) buffers = new Buffers(image.length);
		float[] values = buffers.values;
		int n = 0;
		for (int i = 0; i < image.length; i++) {
			float x = image[i];
			if ((mask == null || mask[i]) && !Float.isNaN(x) && !Float.isInfinite(x)) values[n++] = x;
		}
		radixSort(values, n, buffers.keys, buffers.tmp);
		return new SortedSample(values, n);
	}

	/**
	 * The sample {@code float32(v - offset)} for the values of {@code [from, to)}: a monotone map, so
	 * the result is sorted without sorting (used for a background-subtracted image). It reuses this
	 * sample's storage, which is no longer valid afterwards.
	 */
	public SortedSample shifted(int from, int to, float offset) {
		for (int i = from; i < to; i++) v[i - from] = v[i] - offset;
		return new SortedSample(v, to - from);
	}

	public int size() {
		return n;
	}

	/** Value at sorted index i. */
	public float get(int i) {
		return v[i];
	}

	/** First index whose value is >= x. */
	public int lowerIndex(double x) {
		int lo = 0, hi = n;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (v[mid] < x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** First index whose value is > x. */
	public int upperIndex(double x) {
		int lo = 0, hi = n;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (v[mid] <= x) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Median of {@code [from, to)} in float64 (numpy: mean of the two middle values). */
	public double median(int from, int to) {
		int m = to - from;
		if (m <= 0) return Double.NaN;
		int k = from + (m - 1) / 2;
		return (m & 1) == 1 ? v[k] : ((double) v[k] + v[k + 1]) / 2;
	}

	/** Median of {@code [from, to)} in float32 arithmetic (numpy's float32 median). */
	public float floatMedian(int from, int to) {
		int m = to - from;
		if (m <= 0) return Float.NaN;
		int k = from + (m - 1) / 2;
		return (m & 1) == 1 ? v[k] : (v[k] + v[k + 1]) / 2f;
	}

	/** Mean of {@code [from, to)}. */
	public double mean(int from, int to) {
		return shift + sum(from, to) / (to - from);
	}

	/** Population standard deviation of {@code [from, to)}. */
	public double std(int from, int to) {
		int m = to - from;
		double s = sum(from, to);
		double q = sumSq(from, to);
		double var = (q - s * s / m) / m;
		return Math.sqrt(Math.max(0, var));
	}

	/**
	 * astropy sigma clipping of the whole sample (centre median, population std, bounds included,
	 * stop when nothing changes or after {@code maxIters}).
	 *
	 * @return the stats of the survivors; {@link #lastFrom()}/{@link #lastTo()} give their range
	 */
	public ClippedStats clip(double sigmaLower, double sigmaUpper, int maxIters) {
		int from = 0, to = n;
		for (int iter = 0; iter < maxIters && to > from; iter++) {
			double centre = median(from, to);
			double std = std(from, to);
			int a = lowerIndex(centre - sigmaLower * std);
			int b = upperIndex(centre + sigmaUpper * std);
			a = Math.max(a, from);
			b = Math.min(b, to);
			if (a == from && b == to) break;
			from = a;
			to = b;
		}
		lastFrom = from;
		lastTo = to;
		if (to <= from) return new ClippedStats(Double.NaN, Double.NaN, Double.NaN, 0);
		return new ClippedStats(mean(from, to), median(from, to), std(from, to), to - from);
	}

	/**
	 * Sigma clipping (3 sigma both sides is what callers use) of the mirrored lower half about
	 * {@code c}: the values {@code v <= c} together with {@code (c - v) + c}. The mirrored sample is
	 * symmetric about c, so its median and mean are c and each clip keeps {@code v >= c - k*std}.
	 *
	 * @return stats of the clipped mirrored sample (count = 2 * values kept)
	 */
	public ClippedStats clipMirrored(double c, double sigma, int maxIters) {
		int to = upperIndex(c);
		int from = 0;
		for (int iter = 0; iter < maxIters && to > from; iter++) {
			double std = mirroredStd(from, to, c);
			int a = Math.max(from, lowerIndex(c - sigma * std));
			if (a == from) break;
			from = a;
		}
		if (to <= from) return new ClippedStats(Double.NaN, Double.NaN, Double.NaN, 0);
		return new ClippedStats(c, c, mirroredStd(from, to, c), 2 * (to - from));
	}

	/** Range of the survivors of the last {@link #clip}. */
	public int lastFrom() {
		return lastFrom;
	}

	/** End (exclusive) of the survivors of the last {@link #clip}. */
	public int lastTo() {
		return lastTo;
	}

	private int lastFrom, lastTo;

	/** std of {v} ∪ {2c - v} for v in [from, to): sqrt(Σ(v - c)² / m). */
	private double mirroredStd(int from, int to, double c) {
		int m = to - from;
		double s = sum(from, to);
		double q = sumSq(from, to);
		double d = c - shift;
		double ss = q - 2 * d * s + m * d * d;
		return Math.sqrt(Math.max(0, ss / m));
	}

	private double sum(int from, int to) {
		return prefix(blockSum, to, false) - prefix(blockSum, from, false);
	}

	private double sumSq(int from, int to) {
		return prefix(blockSumSq, to, true) - prefix(blockSumSq, from, true);
	}

	/** Σ over [0, i) of (v - shift) or its square, from the block sums plus a partial block. */
	private double prefix(double[] blocks, int i, boolean squares) {
		int b = i / BLOCK;
		double s = blocks[b];
		for (int k = b * BLOCK; k < i; k++) {
			double d = v[k] - shift;
			s += squares ? d * d : d;
		}
		return s;
	}

	// -- Radix sort --

	/** Sorts {@code a[0..n)} (finite floats) ascending: LSD radix sort on order-preserving int keys. */
	static void radixSort(float[] a, int n) {
		radixSort(a, n, new int[n], new int[n]);
	}

	private static void radixSort(float[] a, int n, int[] keys, int[] tmpBuffer) {
		if (n < 64) {
			java.util.Arrays.sort(a, 0, n);
			return;
		}
		for (int i = 0; i < n; i++) {
			int bits = Float.floatToRawIntBits(a[i]);
			keys[i] = bits ^ ((bits >> 31) | 0x80000000); // unsigned order == float order
		}
		// one counting pass for all four 8-bit digits; digits shared by every key are skipped
		int[][] count = new int[4][257];
		for (int i = 0; i < n; i++) {
			int k = keys[i];
			count[0][(k & 0xFF) + 1]++;
			count[1][((k >>> 8) & 0xFF) + 1]++;
			count[2][((k >>> 16) & 0xFF) + 1]++;
			count[3][(k >>> 24) + 1]++;
		}
		int[] tmp = tmpBuffer;
		int[] src = keys;
		for (int pass = 0; pass < 4; pass++) {
			int[] c = count[pass];
			boolean trivial = false;
			for (int b = 1; b <= 256; b++) if (c[b] == n) trivial = true;
			if (trivial) continue;
			for (int b = 1; b <= 256; b++) c[b] += c[b - 1];
			int[] dst = src == keys ? tmp : keys;
			int shiftBits = 8 * pass;
			for (int i = 0; i < n; i++) {
				int k = src[i];
				dst[c[(k >>> shiftBits) & 0xFF]++] = k;
			}
			src = dst;
		}
		for (int i = 0; i < n; i++) {
			int k = src[i];
			int bits = (k & 0x80000000) != 0 ? k ^ 0x80000000 : ~k;
			a[i] = Float.intBitsToFloat(bits);
		}
	}
}
