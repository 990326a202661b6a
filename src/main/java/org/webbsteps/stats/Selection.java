package org.webbsteps.stats;

/**
 * Medians by selection (no sorting), numpy semantics: for an even count the mean of the two middle
 * values. The arrays passed in are reordered.
 */
public final class Selection {

	private Selection() {
	}

	/** Median of {@code a[0..n)}; reorders that range. NaN if n = 0. The values must not be NaN. */
	public static double medianInPlace(double[] a, int n) {
		if (n <= 0) return Double.NaN;
		int k = (n - 1) / 2;
		select(a, 0, n - 1, k);
		double lower = a[k];
		if ((n & 1) == 1) return lower;
		double upper = a[k + 1];
		for (int i = k + 2; i < n; i++) if (a[i] < upper) upper = a[i];
		return (lower + upper) / 2;
	}

	/** Median of {@code a[0..n)} as float32 values (numpy float32 median: mean of the middle two in float32). */
	public static float medianInPlace(float[] a, int n) {
		return medianInPlace(a, 0, n);
	}

	/** As {@link #medianInPlace(float[], int)} for {@code a[from..from+n)}; reorders that range. */
	public static float medianInPlace(float[] a, int from, int n) {
		return medianInPlace(a, from, n, 0f);
	}

	/**
	 * The float32 median of the values {@code float32(a[i] - offset)} for i in {@code [from, from+n)}
	 * (numpy semantics), selected among the stored values: the map is monotone, so the middle ranks
	 * are the same. Reorders that range.
	 */
	public static float medianInPlace(float[] a, int from, int n, float offset) {
		if (n <= 0) return Float.NaN;
		if (n >= 512) {
			float m = medianBySampling(a, from, n, offset);
			if (!Float.isNaN(m)) return m;
		}
		int k = from + (n - 1) / 2;
		select(a, from, from + n - 1, k);
		float lower = a[k] - offset;
		if ((n & 1) == 1) return lower;
		float upper = a[k + 1];
		for (int i = k + 2; i < from + n; i++) if (a[i] < upper) upper = a[i];
		return (lower + (upper - offset)) / 2f;
	}

	private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[4096]);

	/**
	 * The exact median of {@code float32(a[i] - offset)} over {@code [from, from+n)} from one pass:
	 * brackets the middle ranks with ranks 24 and 39 of an evenly spaced sample of 64, copies the
	 * values inside the bracket aside and selects among those only. Returns NaN when the bracket
	 * misses the middle ranks (the caller then selects on the whole range).
	 */
	private static float medianBySampling(float[] a, int from, int n, float offset) {
		float[] sample = new float[64];
		int stride = n / 64;
		for (int i = 0; i < 64; i++) sample[i] = a[from + i * stride + stride / 2];
		select(sample, 0, 63, 24);
		select(sample, 25, 63, 39);
		float lo = sample[24];
		float hi = sample[39];
		float[] mid = SCRATCH.get();
		if (mid.length < n + 1) {
			mid = new float[n + 1];
			SCRATCH.set(mid);
		}
		int below = 0, m = 0;
		for (int i = from; i < from + n; i++) { // branch-free: the outcomes are unpredictable
			float v = a[i];
			below += v < lo ? 1 : 0;
			mid[m] = v;
			m += v >= lo & v <= hi ? 1 : 0;
		}
		int k = (n - 1) / 2;
		boolean even = (n & 1) == 0;
		int need = even ? k + 1 : k; // highest rank needed
		if (below > k || below + m <= need) return Float.NaN;
		int kk = k - below;
		select(mid, 0, m - 1, kk);
		float lower = mid[kk] - offset;
		if (!even) return lower;
		float upper = mid[kk + 1];
		for (int i = kk + 2; i < m; i++) if (mid[i] < upper) upper = mid[i];
		return (lower + (upper - offset)) / 2f;
	}

	/** Puts the k-th smallest of {@code a[lo..hi]} at index k (introselect-style quickselect). */
	static void select(double[] a, int lo, int hi, int k) {
		while (hi > lo) {
			if (hi - lo < 16) {
				insertionSort(a, lo, hi);
				return;
			}
			int mid = (lo + hi) >>> 1;
			// median of three as pivot
			if (a[mid] < a[lo]) swap(a, mid, lo);
			if (a[hi] < a[lo]) swap(a, hi, lo);
			if (a[hi] < a[mid]) swap(a, hi, mid);
			double pivot = a[mid];
			int i = lo, j = hi;
			while (i <= j) {
				while (a[i] < pivot) i++;
				while (a[j] > pivot) j--;
				if (i <= j) {
					swap(a, i, j);
					i++;
					j--;
				}
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return;
		}
	}

	/**
	 * Puts the k-th smallest of {@code a[lo..hi]} at index k, with no larger value before it and no
	 * smaller one after it. Quickselect with a median-of-three pivot and a branch-free partition
	 * (the comparisons of noisy data are unpredictable, so a branching partition stalls on them).
	 */
	static void select(float[] a, int lo, int hi, int k) {
		while (hi - lo >= 16) {
			float x = a[lo], y = a[(lo + hi) >>> 1], z = a[hi];
			float pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
			int j = lo; // [lo, j) < pivot <= [j, i)
			for (int i = lo; i <= hi; i++) {
				float v = a[i];
				a[i] = a[j];
				a[j] = v;
				j += v < pivot ? 1 : 0;
			}
			if (k < j) {
				hi = j - 1; // the pivot itself is not below the pivot: j <= hi
				continue;
			}
			if (j > lo) {
				lo = j;
				continue;
			}
			int e = j; // nothing below the pivot: move the values equal to it to the front, [j, e)
			for (int i = j; i <= hi; i++) {
				float v = a[i];
				a[i] = a[e];
				a[e] = v;
				e += v == pivot ? 1 : 0;
			}
			if (k < e) return;
			lo = e;
		}
		insertionSort(a, lo, hi);
	}

	private static void insertionSort(double[] a, int lo, int hi) {
		for (int i = lo + 1; i <= hi; i++) {
			double v = a[i];
			int j = i - 1;
			while (j >= lo && a[j] > v) {
				a[j + 1] = a[j];
				j--;
			}
			a[j + 1] = v;
		}
	}

	private static void insertionSort(float[] a, int lo, int hi) {
		for (int i = lo + 1; i <= hi; i++) {
			float v = a[i];
			int j = i - 1;
			while (j >= lo && a[j] > v) {
				a[j + 1] = a[j];
				j--;
			}
			a[j + 1] = v;
		}
	}

	private static void swap(double[] a, int i, int j) {
		double t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}
