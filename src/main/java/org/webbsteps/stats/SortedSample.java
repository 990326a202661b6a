package org.webbsteps.stats;

import java.util.Arrays;

/**
 * A float32 sample held in rank order on which astropy-style sigma clipping costs almost nothing:
 * every clipped subset is a rank range, medians are look-ups and sums come from per-bucket sums.
 * The values are grouped by the top 16 bits of their order-preserving bit pattern (one counting
 * pass, one scatter pass); a bucket is sorted only when a query falls inside it. Sums are taken
 * relative to a shift near the median to keep float64 cancellation negligible. Non-finite values
 * are left out.
 * <p>
 * Results agree with {@link SigmaClip} up to the rounding of the float64 sums (which numpy takes in
 * another order), i.e. to about 1e-13 relative.
 */
public final class SortedSample {

	private static final int BUCKETS = 1 << 16;

	/** Reusable work arrays for samples of up to {@code capacity} values (one set per thread). */
	public static final class Buffers {
		final float[] values;
		final int[] counts = new int[BUCKETS + 1];
		final double[] sums = new double[BUCKETS];
		final double[] sumsSq = new double[BUCKETS];
		final boolean[] sorted = new boolean[BUCKETS];

		public Buffers(int capacity) {
			values = new float[capacity];
		}

		public int capacity() {
			return values.length;
		}
	}

	private final float[] v; // bucket order; sorted within a bucket once `sorted[bucket]`
	private final int n;
	private final boolean[] sorted;
	private final int[] bucketIds; // occupied buckets, ascending
	private final int[] bucketStart; // rank of each occupied bucket's first value; one extra entry = n
	private final double[] sumBefore; // Σ (v - shift) over the buckets before; one extra entry = total
	private final double[] sumSqBefore;
	private final double shift;
	private int lastFrom, lastTo;

	/** The finite values of {@code image} where {@code mask} is true (all of them if mask is null). */
	public static SortedSample of(float[] image, boolean[] mask) {
		return of(image, mask, new Buffers(image.length));
	}

	/**
	 * As {@link #of(float[], boolean[])}, using the given buffers; the sample is valid until the
	 * buffers are used again.
	 */
	public static SortedSample of(float[] image, boolean[] mask, Buffers buffers) {
		if (buffers.capacity() < image.length) buffers = new Buffers(image.length);
		int[] counts = buffers.counts;
		double[] sums = buffers.sums;
		double[] sumsSq = buffers.sumsSq;
		Arrays.fill(counts, 0);
		double shift = roughCentre(image, mask);
		int n = 0;
		for (int i = 0; i < image.length; i++) {
			float x = image[i];
			if ((mask == null || mask[i]) && !Float.isNaN(x) && !Float.isInfinite(x)) {
				counts[bucket(x) + 1]++;
				n++;
			}
		}
		int occupied = 0;
		for (int b = 1; b <= BUCKETS; b++) if (counts[b] != 0) occupied++;
		int[] ids = new int[occupied];
		int[] start = new int[occupied + 1];
		int k = 0;
		for (int b = 0; b < BUCKETS; b++) {
			int c = counts[b + 1];
			counts[b + 1] = counts[b] + c; // counts[b] becomes the write position of bucket b
			if (c != 0) {
				ids[k] = b;
				start[k++] = counts[b];
			}
		}
		start[occupied] = n;
		float[] v = buffers.values;
		for (int i = 0; i < image.length; i++) {
			float x = image[i];
			if ((mask == null || mask[i]) && !Float.isNaN(x) && !Float.isInfinite(x)) v[counts[bucket(x)]++] = x;
		}
		boolean[] sorted = buffers.sorted;
		for (int id : ids) sorted[id] = false;
		for (int k2 = 0; k2 < occupied; k2++) { // per-bucket sums: one sequential pass over the bucketed values
			double sum = 0, sumSq = 0;
			for (int i = start[k2]; i < start[k2 + 1]; i++) {
				double d = v[i] - shift;
				sum += d;
				sumSq += d * d;
			}
			sums[ids[k2]] = sum;
			sumsSq[ids[k2]] = sumSq;
		}
		return new SortedSample(v, n, sorted, ids, start, shift, sums, sumsSq);
	}

	private SortedSample(float[] v, int n, boolean[] sorted, int[] ids, int[] start, double shift, double[] sums, double[] sumsSq) {
		this.v = v;
		this.n = n;
		this.sorted = sorted;
		this.bucketIds = ids;
		this.bucketStart = start;
		this.shift = shift;
		int occupied = ids.length;
		sumBefore = new double[occupied + 1];
		sumSqBefore = new double[occupied + 1];
		double s = 0, q = 0;
		for (int k = 0; k < occupied; k++) {
			sumBefore[k] = s;
			sumSqBefore[k] = q;
			s += sums[ids[k]];
			q += sumsSq[ids[k]];
		}
		sumBefore[occupied] = s;
		sumSqBefore[occupied] = q;
	}

	/** A value near the middle of the sample (median of up to 65 evenly spaced usable values), to shift sums by. */
	private static double roughCentre(float[] image, boolean[] mask) {
		float[] probe = new float[65];
		int m = 0;
		int step = Math.max(1, image.length / 64);
		for (int i = 0; i < image.length && m < probe.length; i += step) {
			float x = image[i];
			if ((mask == null || mask[i]) && !Float.isNaN(x) && !Float.isInfinite(x)) probe[m++] = x;
		}
		if (m == 0) return 0;
		Arrays.sort(probe, 0, m);
		return probe[m / 2];
	}

	public int size() {
		return n;
	}

	/** Value of rank i (0 = smallest). */
	public float get(int i) {
		int k = bucketOfRank(i);
		ensureSorted(k);
		return v[i];
	}

	/** Number of values below x (the rank of the first value >= x). */
	public int lowerIndex(double x) {
		if (Double.isNaN(x)) throw new IllegalArgumentException("NaN bound");
		if (x > Float.MAX_VALUE) return n;
		if (x < -Float.MAX_VALUE) return 0;
		return countBelow(ceilToFloat(x));
	}

	/** Number of values at most x (the rank of the first value > x). */
	public int upperIndex(double x) {
		if (Double.isNaN(x)) throw new IllegalArgumentException("NaN bound");
		if (x >= Float.MAX_VALUE) return n;
		if (x < -Float.MAX_VALUE) return 0;
		float g = ceilToFloat(x);
		if (g == x) g = Math.nextUp(g);
		return countBelow(g);
	}

	/** Median of ranks {@code [from, to)} in float64 (numpy: mean of the two middle values). */
	public double median(int from, int to) {
		int m = to - from;
		if (m <= 0) return Double.NaN;
		int k = from + (m - 1) / 2;
		return (m & 1) == 1 ? get(k) : ((double) get(k) + get(k + 1)) / 2;
	}

	/** Median of ranks {@code [from, to)} in float32 arithmetic (numpy's float32 median). */
	public float floatMedian(int from, int to) {
		int m = to - from;
		if (m <= 0) return Float.NaN;
		int k = from + (m - 1) / 2;
		return (m & 1) == 1 ? get(k) : (get(k) + get(k + 1)) / 2f;
	}

	/** Mean of ranks {@code [from, to)}. */
	public double mean(int from, int to) {
		return shift + sum(from, to, false) / (to - from);
	}

	/** Population standard deviation of ranks {@code [from, to)}. */
	public double std(int from, int to) {
		int m = to - from;
		double s = sum(from, to, false);
		double q = sum(from, to, true);
		return Math.sqrt(Math.max(0, (q - s * s / m) / m));
	}

	/**
	 * astropy sigma clipping of the whole sample (centre median, population std, bounds included,
	 * stop when nothing changes or after {@code maxIters}).
	 *
	 * @return the stats of the survivors; {@link #lastFrom()}/{@link #lastTo()} give their ranks
	 */
	public ClippedStats clip(double sigmaLower, double sigmaUpper, int maxIters) {
		int from = 0, to = n;
		for (int iter = 0; iter < maxIters && to > from; iter++) {
			double centre = median(from, to);
			double std = std(from, to);
			int a = Math.max(from, lowerIndex(centre - sigmaLower * std));
			int b = Math.min(to, upperIndex(centre + sigmaUpper * std));
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
	 * Sigma clipping of the mirrored lower half about {@code c}: the values {@code v <= c} together
	 * with {@code (c - v) + c}. The mirrored sample is symmetric about c, so its median and mean are
	 * c and each clip keeps {@code v >= c - sigma*std}.
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

	/** First rank of the survivors of the last {@link #clip}. */
	public int lastFrom() {
		return lastFrom;
	}

	/** End rank (exclusive) of the survivors of the last {@link #clip}. */
	public int lastTo() {
		return lastTo;
	}

	// -- Helper methods --

	/** std of {v} ∪ {2c - v} for ranks [from, to): sqrt(Σ(v - c)² / m). */
	private double mirroredStd(int from, int to, double c) {
		int m = to - from;
		double s = sum(from, to, false);
		double q = sum(from, to, true);
		double d = c - shift;
		return Math.sqrt(Math.max(0, (q - 2 * d * s + m * d * d) / m));
	}

	/** Σ (v - shift), or its squares, over ranks [from, to). */
	private double sum(int from, int to, boolean squares) {
		return prefix(to, squares) - prefix(from, squares);
	}

	private double prefix(int rank, boolean squares) {
		if (rank >= n) return squares ? sumSqBefore[bucketIds.length] : sumBefore[bucketIds.length];
		int k = bucketOfRank(rank);
		double s = squares ? sumSqBefore[k] : sumBefore[k];
		if (rank == bucketStart[k]) return s;
		ensureSorted(k);
		for (int i = bucketStart[k]; i < rank; i++) {
			double d = v[i] - shift;
			s += squares ? d * d : d;
		}
		return s;
	}

	/** Number of values strictly below the float g. */
	private int countBelow(float g) {
		int b = bucket(g);
		int k = Arrays.binarySearch(bucketIds, b);
		if (k < 0) {
			int insert = -k - 1;
			return bucketStart[insert];
		}
		ensureSorted(k);
		int lo = bucketStart[k], hi = bucketStart[k + 1];
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (v[mid] < g) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Index (in the occupied-bucket list) of the bucket holding rank i. */
	private int bucketOfRank(int i) {
		int k = Arrays.binarySearch(bucketStart, 0, bucketIds.length, i);
		if (k >= 0) {
			while (k + 1 < bucketIds.length && bucketStart[k + 1] == i) k++;
			return k;
		}
		return -k - 2;
	}

	private void ensureSorted(int k) {
		int id = bucketIds[k];
		if (!sorted[id]) {
			Arrays.sort(v, bucketStart[k], bucketStart[k + 1]);
			sorted[id] = true;
		}
	}

	/** The smallest float >= x. */
	private static float ceilToFloat(double x) {
		float f = (float) x;
		return f < x ? Math.nextUp(f) : f;
	}

	/** The top 16 bits of the order-preserving bit pattern of a finite float (-0 counts as +0). */
	private static int bucket(float x) {
		int bits = Float.floatToRawIntBits(x + 0f);
		return (bits ^ ((bits >> 31) | 0x80000000)) >>> 16;
	}
}
