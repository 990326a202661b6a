package org.webbsteps.stats;

import java.util.Arrays;

import org.webbsteps.step.Parallel;

/**
 * A float32 sample held in rank order on which astropy-style sigma clipping costs almost nothing:
 * every clipped subset is a rank range, medians are look-ups and sums come from per-bucket sums.
 * The values are grouped by the top 16 bits of their order-preserving bit pattern (one counting
 * pass, one scatter pass); a bucket is sorted only when a query falls inside it. Sums are taken
 * relative to a shift near the median to keep float64 cancellation negligible. Non-finite values
 * are left out.
 * <p>
 * A sample can also be a view of a rank range of another one with every value mapped to
 * {@code float32(v - offset)} ({@link #mapped}): a monotone map, so the view shares the storage
 * and order and only its sums are recomputed (one sequential pass).
 * <p>
 * Results agree with {@link SigmaClip} up to the rounding of the float64 sums (which numpy takes in
 * another order), i.e. to about 1e-13 relative.
 */
public final class SortedSample {

	private static final int BUCKETS = 1 << 16;
	/** Spare counters (a power of two) for the values left out, after the bucket counts. */
	private static final int SPARE_MASK = 7;
	/**
	 * The buckets of finite values: the others hold only infinities and NaNs (order-preserving
	 * patterns below that of -Float.MAX_VALUE or above that of Float.MAX_VALUE).
	 */
	private static final int FIRST_FINITE = bucket(-Float.MAX_VALUE), LAST_FINITE = bucket(Float.MAX_VALUE);
	/** Smallest image bucketed in parts on several threads. */
	public static final int PARALLEL_MIN = 1 << 18;

	/** Reusable work arrays for samples of up to {@code capacity} values (one set per thread). */
	public static final class Buffers {
		final float[] values;
		final boolean[] sorted = new boolean[BUCKETS];
		private int[][] counts = new int[0][];

		public Buffers(int capacity) {
			values = new float[capacity];
		}

		/** One bucket-count array per part of the image. */
		int[][] counts(int parts) {
			if (counts.length != parts) {
				int[][] c = new int[parts][];
				for (int t = 0; t < parts; t++) c[t] = t < counts.length ? counts[t] : new int[BUCKETS + 2 + SPARE_MASK];
				counts = c;
			}
			return counts;
		}

		public int capacity() {
			return values.length;
		}
	}

	// shared storage: values in bucket order, sorted within a bucket once `sorted[id]`
	private final float[] v;
	private final boolean[] sorted;
	private final int[] bucketIds; // occupied buckets, ascending
	private final int[] bucketStart; // storage index of each occupied bucket's first value; one extra entry = end
	// this view: storage indices [from, to), values mapped to float32(v - offset)
	private final int from;
	private final int to;
	private final float offset;
	private final boolean mapped;
	private final double shift;
	private final double[] sumBefore; // Σ (value - shift) over the view's part of the buckets before k
	private final double[] sumSqBefore;
	private int lastFrom, lastTo;

	/**
	 * The finite values of {@code image} where {@code mask} is true (all of them if mask is null);
	 * a large image is bucketed on all processors.
	 */
	public static SortedSample of(float[] image, boolean[] mask) {
		return of(image, mask, new Buffers(image.length), Runtime.getRuntime().availableProcessors());
	}

	/**
	 * As {@link #of(float[], boolean[])} on the calling thread only, using the given buffers; the
	 * sample is valid until the buffers are used again.
	 */
	public static SortedSample of(float[] image, boolean[] mask, Buffers buffers) {
		return of(image, mask, buffers, 1);
	}

	/**
	 * As {@link #of(float[], boolean[], Buffers)}, counting and placing the values of an image of
	 * at least {@value #PARALLEL_MIN} pixels in {@code threads} contiguous parts on as many threads.
	 * The result does not depend on the number of threads.
	 */
	public static SortedSample of(float[] image, boolean[] mask, Buffers buffers, int threads) {
		if (buffers.capacity() < image.length) buffers = new Buffers(image.length);
		int len = image.length;
		int parts = len >= PARALLEL_MIN ? Math.max(1, threads) : 1;
		int[][] counts = buffers.counts(parts);
		Parallel.forEach(parts, parts, () -> null, (none, t) -> count(image, mask, partStart(len, parts, t), partStart(len, parts, t + 1), counts[t]));
		// finite values first, in bucket order; the non-finite ones (bucketed but not part of the
		// sample) are placed after them
		int occupied = 0;
		for (int b = FIRST_FINITE; b <= LAST_FINITE; b++) {
			int c = 0;
			for (int[] part : counts) c += part[b + 1];
			if (c != 0) occupied++;
		}
		int[] ids = new int[occupied];
		int[] start = new int[occupied + 1];
		int k = 0, n = 0;
		for (int b = FIRST_FINITE; b <= LAST_FINITE; b++) { // counts[t][b] becomes the write position of part t's values in bucket b
			int first = n;
			for (int[] part : counts) {
				int c = part[b + 1];
				part[b] = n;
				n += c;
			}
			if (n > first) {
				ids[k] = b;
				start[k++] = first;
			}
		}
		start[occupied] = n;
		int end = n;
		for (int b = 0; b < BUCKETS; b++) {
			if (b == FIRST_FINITE) b = LAST_FINITE + 1;
			for (int[] part : counts) {
				int c = part[b + 1];
				part[b] = end;
				end += c;
			}
		}
		float[] v = buffers.values;
		Parallel.forEach(parts, parts, () -> null, (none, t) -> place(image, mask, partStart(len, parts, t), partStart(len, parts, t + 1), counts[t], v));
		boolean[] sorted = buffers.sorted;
		for (int id : ids) sorted[id] = false;
		return new SortedSample(v, sorted, ids, start, 0, n, 0f, false);
	}

	private static int partStart(int length, int parts, int t) {
		return (int) ((long) length * t / parts);
	}

	/**
	 * Counts the values of {@code [from, to)} with a true mask per bucket into {@code counts[bucket + 1]}
	 * (non-finite ones land in buckets of their own, outside the sample). Branch
	 * free (mask outcomes are unpredictable): a value left out goes to one of the spare counters after
	 * the buckets, rotating so that runs of them do not form one dependency chain.
	 */
	private static void count(float[] image, boolean[] mask, int from, int to, int[] counts) {
		Arrays.fill(counts, 0);
		if (mask == null) {
			for (int i = from; i < to; i++) counts[bucket(image[i]) + 1]++;
			return;
		}
		for (int i = from; i < to; i++) {
			int keep = mask[i] ? 1 : 0;
			counts[((bucket(image[i]) + 1) & -keep) | ((BUCKETS + 1 + (i & SPARE_MASK)) & (keep - 1))]++;
		}
	}

	/** Writes the kept values of {@code [from, to)} at their bucket's next position ({@code next[bucket]}). */
	private static void place(float[] image, boolean[] mask, int from, int to, int[] next, float[] v) {
		for (int i = from; i < to; i++) {
			float x = image[i];
			if (mask == null || mask[i]) v[next[bucket(x)]++] = x;
		}
	}

	private SortedSample(float[] v, boolean[] sorted, int[] ids, int[] start, int from, int to, float offset, boolean mapped) {
		this.v = v;
		this.sorted = sorted;
		this.bucketIds = ids;
		this.bucketStart = start;
		this.from = from;
		this.to = to;
		this.offset = offset;
		this.mapped = mapped;
		int occupied = ids.length;
		sumBefore = new double[occupied + 1];
		sumSqBefore = new double[occupied + 1];
		this.shift = to > from ? value(v[Math.min(to - 1, Math.max(from, (from + to) / 2))]) : 0;
		double[] sums = new double[2]; // Σ (value - shift), Σ (value - shift)²
		for (int k = 0; k < occupied; k++) {
			sumBefore[k] = sums[0];
			sumSqBefore[k] = sums[1];
			int a = Math.max(from, bucketStart[k]), b = Math.min(to, bucketStart[k + 1]);
			if (a >= b) continue;
			if ((a > bucketStart[k] || b < bucketStart[k + 1])) ensureSorted(k); // a partial bucket: its values in rank order
			addSums(a, b, sums);
		}
		sumBefore[occupied] = sums[0];
		sumSqBefore[occupied] = sums[1];
	}

	/**
	 * Adds Σ (value - shift) and Σ (value - shift)² over storage indices [a, b) to {@code sums[0]}
	 * and {@code sums[1]}, with four partial sums each (independent additions run in parallel in the
	 * processor).
	 */
	private void addSums(int a, int b, double[] sums) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
		float o = mapped ? offset : 0f;
		double c = shift;
		int i = a;
		for (; i + 3 < b; i += 4) {
			double d0 = (v[i] - o) - c, d1 = (v[i + 1] - o) - c, d2 = (v[i + 2] - o) - c, d3 = (v[i + 3] - o) - c;
			s0 += d0;
			s1 += d1;
			s2 += d2;
			s3 += d3;
			q0 += d0 * d0;
			q1 += d1 * d1;
			q2 += d2 * d2;
			q3 += d3 * d3;
		}
		for (; i < b; i++) {
			double d = (v[i] - o) - c;
			s0 += d;
			q0 += d * d;
		}
		sums[0] += (s0 + s1) + (s2 + s3);
		sums[1] += (q0 + q1) + (q2 + q3);
	}

	/**
	 * The view of ranks {@code [fromRank, toRank)} of this sample with every value mapped to
	 * {@code float32(value - offset)}, sharing this sample's storage (a background-subtracted sample
	 * without sorting again).
	 */
	public SortedSample mapped(int fromRank, int toRank, float offset) {
		if (mapped && this.offset != 0f) throw new IllegalStateException("a mapped sample cannot be mapped again");
		int a = from + fromRank, b = from + toRank;
		if (a > from && a < to) ensureSorted(bucketOfIndex(a));
		if (b > from && b < to) ensureSorted(bucketOfIndex(b - 1));
		return new SortedSample(v, sorted, bucketIds, bucketStart, a, b, offset, true);
	}

	public int size() {
		return to - from;
	}

	/** Value of rank i (0 = smallest). */
	public float get(int i) {
		int index = from + i;
		ensureSorted(bucketOfIndex(index));
		return value(v[index]);
	}

	/** Number of values below x (the rank of the first value >= x). */
	public int lowerIndex(double x) {
		if (Double.isNaN(x)) throw new IllegalArgumentException("NaN bound");
		if (x > Float.MAX_VALUE) return size();
		if (x < -Float.MAX_VALUE) return 0;
		return countBelow(FloatBounds.ceil(x));
	}

	/** Number of values at most x (the rank of the first value > x). */
	public int upperIndex(double x) {
		if (Double.isNaN(x)) throw new IllegalArgumentException("NaN bound");
		if (x >= Float.MAX_VALUE) return size();
		if (x < -Float.MAX_VALUE) return 0;
		float g = FloatBounds.ceil(x);
		if (g == x) g = Math.nextUp(g);
		return countBelow(g);
	}

	/** Median of ranks {@code [a, b)} in float64 (numpy: mean of the two middle values). */
	public double median(int a, int b) {
		int m = b - a;
		if (m <= 0) return Double.NaN;
		int k = a + (m - 1) / 2;
		return (m & 1) == 1 ? get(k) : ((double) get(k) + get(k + 1)) / 2;
	}

	/** Median of ranks {@code [a, b)} in float32 arithmetic (numpy's float32 median). */
	public float floatMedian(int a, int b) {
		int m = b - a;
		if (m <= 0) return Float.NaN;
		int k = a + (m - 1) / 2;
		return (m & 1) == 1 ? get(k) : (get(k) + get(k + 1)) / 2f;
	}

	/** Mean of ranks {@code [a, b)}. */
	public double mean(int a, int b) {
		return shift + sum(a, b, false) / (b - a);
	}

	/** Population standard deviation of ranks {@code [a, b)}. */
	public double std(int a, int b) {
		int m = b - a;
		double s = sum(a, b, false);
		double q = sum(a, b, true);
		return Math.sqrt(Math.max(0, (q - s * s / m) / m));
	}

	/**
	 * astropy sigma clipping of the whole sample (centre median, population std, bounds included,
	 * stop when nothing changes or after {@code maxIters}).
	 *
	 * @return the stats of the survivors; {@link #lastFrom()}/{@link #lastTo()} give their ranks
	 */
	public ClippedStats clip(double sigmaLower, double sigmaUpper, int maxIters) {
		int a = 0, b = size();
		for (int iter = 0; iter < maxIters && b > a; iter++) {
			double centre = median(a, b);
			double std = std(a, b);
			int na = Math.max(a, lowerIndex(centre - sigmaLower * std));
			int nb = Math.min(b, upperIndex(centre + sigmaUpper * std));
			if (na == a && nb == b) break;
			a = na;
			b = nb;
		}
		lastFrom = a;
		lastTo = b;
		if (b <= a) return new ClippedStats(Double.NaN, Double.NaN, Double.NaN, 0);
		return new ClippedStats(mean(a, b), median(a, b), std(a, b), b - a);
	}

	/**
	 * Sigma clipping of the mirrored lower half about {@code c}: the values {@code v <= c} together
	 * with {@code (c - v) + c}. The mirrored sample is symmetric about c, so its median and mean are
	 * c and each clip keeps {@code v >= c - sigma*std}.
	 *
	 * @return stats of the clipped mirrored sample (count = 2 * values kept)
	 */
	public ClippedStats clipMirrored(double c, double sigma, int maxIters) {
		int b = upperIndex(c);
		int a = 0;
		for (int iter = 0; iter < maxIters && b > a; iter++) {
			double std = mirroredStd(a, b, c);
			int na = Math.max(a, lowerIndex(c - sigma * std));
			if (na == a) break;
			a = na;
		}
		if (b <= a) return new ClippedStats(Double.NaN, Double.NaN, Double.NaN, 0);
		return new ClippedStats(c, c, mirroredStd(a, b, c), 2 * (b - a));
	}

	/** First rank of the survivors of the last {@link #clip}. */
	public int lastFrom() {
		return lastFrom;
	}

	/** End rank (exclusive) of the survivors of the last {@link #clip}. */
	public int lastTo() {
		return lastTo;
	}

	// -- Helper methods --

	private float value(float stored) {
		return mapped ? stored - offset : stored;
	}

	/** std of {v} ∪ {2c - v} for ranks [a, b): sqrt(Σ(v - c)² / m). */
	private double mirroredStd(int a, int b, double c) {
		int m = b - a;
		double s = sum(a, b, false);
		double q = sum(a, b, true);
		double d = c - shift;
		return Math.sqrt(Math.max(0, (q - 2 * d * s + m * d * d) / m));
	}

	/** Σ (value - shift), or its squares, over ranks [a, b). */
	private double sum(int a, int b, boolean squares) {
		return prefix(b + from, squares) - prefix(a + from, squares);
	}

	/** Number of view values strictly below the float g. */
	private int countBelow(float g) {
		// values are fl(v - offset), non-decreasing in v: the least stored t with fl(t - offset) >= g
		float t = mapped ? FloatBounds.leastWithShiftAtLeast(g, offset) : g;
		int index = storedBelow(t);
		return Math.max(from, Math.min(to, index)) - from;
	}

	/** Number of stored values (whole storage) strictly below the float g. */
	private int storedBelow(float g) {
		if (Float.isInfinite(g)) return g > 0 ? bucketStart[bucketIds.length] : 0;
		int b = bucket(g);
		int k = Arrays.binarySearch(bucketIds, b);
		if (k < 0) return bucketStart[-k - 1];
		ensureSorted(k);
		int lo = bucketStart[k], hi = bucketStart[k + 1];
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (v[mid] < g) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Σ over the view's storage indices [from, index). */
	private double prefix(int index, boolean squares) {
		if (index >= to) return squares ? sumSqBefore[bucketIds.length] : sumBefore[bucketIds.length];
		if (index <= from) return 0;
		int k = bucketOfIndex(index);
		double s = squares ? sumSqBefore[k] : sumBefore[k];
		int begin = Math.max(from, bucketStart[k]);
		if (index == begin) return s;
		ensureSorted(k);
		for (int i = begin; i < index; i++) {
			double d = value(v[i]) - shift;
			s += squares ? d * d : d;
		}
		return s;
	}

	/** Index (in the occupied-bucket list) of the bucket holding storage index i. */
	private int bucketOfIndex(int i) {
		int k = Arrays.binarySearch(bucketStart, 0, bucketIds.length, i);
		return k >= 0 ? k : -k - 2;
	}

	private void ensureSorted(int k) {
		int id = bucketIds[k];
		if (!sorted[id]) {
			Arrays.sort(v, bucketStart[k], bucketStart[k + 1]);
			sorted[id] = true;
		}
	}

	/** The top 16 bits of the order-preserving bit pattern of a finite float (-0 counts as +0). */
	private static int bucket(float x) {
		int bits = Float.floatToRawIntBits(x + 0f);
		return (bits ^ ((bits >> 31) | 0x80000000)) >>> 16;
	}
}
