package org.webbsteps.selfcal;

import java.util.concurrent.atomic.AtomicInteger;

import org.webbsteps.step.StepLog;

/**
 * A NaN-ignoring median filter of a float32 image, exactly as the JWST pipeline's
 * {@code stcal.outlier_detection.utils.medfilt}: the image is padded by ⌊k/2⌋ on both sides of each
 * axis with zeros, and each output pixel is the numpy {@code nanmedian} of its ky × kx window
 * (NaNs left out; an even count gives the float32 mean of the two middle values; an all-NaN window
 * gives NaN). The padding zeros are values like any other, so within ⌊k/2⌋ pixels of an edge the
 * median is pulled towards 0. {@link Padding#NONE} instead cuts the windows at the edges.
 * <p>
 * Images are row-major float arrays (x fastest, {@code index = y * width + x}); windows are given
 * as (rows, columns) with odd lengths. One-dimensional windows keep a small sorted window per line;
 * two-dimensional windows slide a multi-level count histogram over the ranks of the values
 * (Huang's algorithm), so the cost per pixel grows with the window side, not its area. Both give
 * the exact numpy result. Work is split over threads by rows or columns.
 */
public final class MedianFilter {

	/** What lies beyond the image edges. */
	public enum Padding {
		/** Zeros, which enter the medians (the pipeline's behaviour). */
		ZEROS,
		/** Nothing: the windows are cut at the edges. */
		NONE
	}

	/** Rows of output per task of the two-dimensional filter. */
	private static final int BLOCK_ROWS = 32;
	/** Fan-out of the count histogram levels (2^6). */
	private static final int SHIFT = 6;

	private MedianFilter() {
	}

	/**
	 * The median-filtered image.
	 *
	 * @param image row-major data (not modified); NaN = missing
	 * @param width image width (x size)
	 * @param height image height (y size)
	 * @param kernelRows window length along y, odd
	 * @param kernelCols window length along x, odd
	 * @param padding the pipeline's {@link Padding#ZEROS} or {@link Padding#NONE}
	 * @param threads worker threads (at least 1)
	 * @param log progress and cancellation
	 */
	public static float[] filter(float[] image, int width, int height, int kernelRows, int kernelCols, Padding padding, int threads, StepLog log) {
		if (kernelRows < 1 || kernelCols < 1 || kernelRows % 2 == 0 || kernelCols % 2 == 0) {
			throw new IllegalArgumentException("median filter window " + kernelRows + " x " + kernelCols + " must have odd sides");
		}
		if (image.length != width * height) throw new IllegalArgumentException("image size " + image.length + " is not " + width + " x " + height);
		float[] out = new float[image.length];
		boolean zeros = padding == Padding.ZEROS;
		if (kernelRows == 1 && kernelCols == 1) {
			System.arraycopy(image, 0, out, 0, image.length);
		}
		else if (kernelRows == 1) {
			int tasks = Math.max(1, Math.min(height, 8 * threads));
			forEach(tasks, threads, log, t -> {
				float[] window = new float[kernelCols];
				for (int y = (int) ((long) height * t / tasks), y1 = (int) ((long) height * (t + 1) / tasks); y < y1; y++) {
					filterRow(image, out, width, y, kernelCols / 2, zeros, window);
				}
			});
		}
		else if (kernelCols == 1) {
			int tasks = Math.max(1, Math.min((width + 63) / 64, 8 * threads));
			forEach(tasks, threads, log, t -> filterColumns(image, out, width, height, (int) ((long) width * t / tasks),
					(int) ((long) width * (t + 1) / tasks), kernelRows / 2, zeros));
		}
		else {
			int blocks = (height + BLOCK_ROWS - 1) / BLOCK_ROWS;
			ThreadLocal<Sliding> work = ThreadLocal.withInitial(() -> new Sliding(image, out, width, height, kernelRows, kernelCols, zeros));
			forEach(blocks, threads, log, b -> work.get().filterBlock(b * BLOCK_ROWS, Math.min(height, (b + 1) * BLOCK_ROWS)));
		}
		return out;
	}

	// -- One-dimensional windows --

	/** One row with a 1 × (2h+1) window, kept sorted in {@code window}. */
	private static void filterRow(float[] image, float[] out, int width, int y, int h, boolean zeros, float[] window) {
		int base = y * width;
		int n = 0;
		for (int x = -h; x <= h; x++) n = insert(window, n, at(image, base, x, width, zeros));
		for (int x = 0; x < width; x++) {
			out[base + x] = median(window, 0, n);
			n = replace(window, 0, n, at(image, base, x - h, width, zeros), at(image, base, x + h + 1, width, zeros));
		}
	}

	/**
	 * Columns [x0, x1) with a (2h+1) × 1 window: one sorted window per column, rows visited in
	 * order so that memory is read row by row.
	 */
	private static void filterColumns(float[] image, float[] out, int width, int height, int x0, int x1, int h, boolean zeros) {
		int k = 2 * h + 1;
		int cols = x1 - x0;
		float[] windows = new float[cols * k];
		int[] counts = new int[cols];
		for (int c = 0; c < cols; c++) {
			int n = 0;
			for (int y = -h; y <= h; y++) n = insert(windows, c * k, n, atRow(image, y, x0 + c, width, height, zeros));
			counts[c] = n;
		}
		for (int y = 0; y < height; y++) {
			int row = y * width;
			for (int c = 0; c < cols; c++) {
				int x = x0 + c;
				int n = counts[c];
				out[row + x] = median(windows, c * k, n);
				counts[c] = replace(windows, c * k, n, atRow(image, y - h, x, width, height, zeros), atRow(image, y + h + 1, x, width, height, zeros));
			}
		}
	}

	/** Value at column x of the row starting at {@code base}: 0 or NaN (nothing) beyond the edges. */
	private static float at(float[] image, int base, int x, int width, boolean zeros) {
		if (x < 0 || x >= width) return zeros ? 0f : Float.NaN;
		return canonical(image[base + x]);
	}

	/** Value at (x, y): 0 or NaN (nothing) beyond the top and bottom edges. */
	private static float atRow(float[] image, int y, int x, int width, int height, boolean zeros) {
		if (y < 0 || y >= height) return zeros ? 0f : Float.NaN;
		return canonical(image[y * width + x]);
	}

	/** -0 as +0, so that equal values are equal bit patterns (the median's value is the same). */
	private static float canonical(float v) {
		return v == 0 ? 0f : v;
	}

	private static int insert(float[] w, int n, float v) {
		return insert(w, 0, n, v);
	}

	/** Inserts v (ignored if NaN) into the sorted {@code w[off..off+n)}; returns the new count. */
	private static int insert(float[] w, int off, int n, float v) {
		if (v != v) return n;
		int i = off + n;
		while (i > off && w[i - 1] > v) {
			w[i] = w[i - 1];
			i--;
		}
		w[i] = v;
		return n + 1;
	}

	/**
	 * Replaces one occurrence of {@code old} by {@code v} in the sorted {@code w[off..off+n)} (a NaN
	 * means nothing to remove or to add); returns the new count.
	 */
	private static int replace(float[] w, int off, int n, float old, float v) {
		if (old != old) return insert(w, off, n, v);
		int j = off;
		while (w[j] < old) j++; // w[j] == old: it is in the window
		int end = off + n;
		if (v != v) {
			System.arraycopy(w, j + 1, w, j, end - j - 1);
			return n - 1;
		}
		if (v > old) {
			while (j + 1 < end && w[j + 1] < v) {
				w[j] = w[j + 1];
				j++;
			}
		}
		else {
			while (j > off && w[j - 1] > v) {
				w[j] = w[j - 1];
				j--;
			}
		}
		w[j] = v;
		return n;
	}

	/** numpy's float32 median of the sorted {@code w[off..off+n)}; NaN if empty. */
	private static float median(float[] w, int off, int n) {
		if (n == 0) return Float.NaN;
		int mid = off + (n >> 1);
		return (n & 1) == 1 ? w[mid] : (w[mid - 1] + w[mid]) / 2f;
	}

	// -- Two-dimensional windows --

	/**
	 * Huang's sliding histogram over value ranks for one worker. For a block of output rows, the
	 * values of the source rows it needs (plus the padding zero) are ranked by one radix sort; the
	 * window's counts per rank sit in three levels (per rank, per 64 ranks, per 4096 ranks), so an
	 * update touches three counters and finding the k-th value scans at most a few dozen of each.
	 */
	private static final class Sliding {
		private final float[] image;
		private final float[] out;
		private final int width;
		private final int height;
		private final int hy;
		private final int hx;
		private final boolean zeros;
		private int[] rank = new int[0];
		private float[] values = new float[0];
		private int[] keys = new int[0];
		private int[] index = new int[0];
		private int[] keysTmp = new int[0];
		private int[] indexTmp = new int[0];
		private int[] level0 = new int[0];
		private int[] level1 = new int[0];
		private int[] level2 = new int[0];
		private int total;
		private int zeroRank;

		Sliding(float[] image, float[] out, int width, int height, int kernelRows, int kernelCols, boolean zeros) {
			this.image = image;
			this.out = out;
			this.width = width;
			this.height = height;
			this.hy = kernelRows / 2;
			this.hx = kernelCols / 2;
			this.zeros = zeros;
		}

		/** Output rows [y0, y1). */
		void filterBlock(int y0, int y1) {
			int sy0 = Math.max(0, y0 - hy);
			int sy1 = Math.min(height, y1 + hy);
			int ranks = rankValues(sy0, sy1);
			if (level0.length < ranks) {
				level0 = new int[ranks];
				level1 = new int[(ranks >> SHIFT) + 1];
				level2 = new int[(ranks >> 2 * SHIFT) + 1];
			}
			for (int y = y0; y < y1; y++) filterRow(y, sy0);
		}

		/** Output row y by sliding the window along x; the histogram is empty before and after. */
		private void filterRow(int y, int sy0) {
			int r0 = Math.max(0, y - hy);
			int r1 = Math.min(height - 1, y + hy);
			int padRows = 2 * hy + 1 - (r1 - r0 + 1);
			int fixedZeros = zeros ? padRows * (2 * hx + 1) : 0; // rows beyond the edge: the same zeros at every x
			if (fixedZeros > 0) add(zeroRank, fixedZeros);
			for (int c = -hx; c <= hx; c++) column(c, r0, r1, sy0, 1);
			for (int x = 0; x < width; x++) {
				out[y * width + x] = median();
				if (x + 1 < width) {
					column(x - hx, r0, r1, sy0, -1);
					column(x + hx + 1, r0, r1, sy0, 1);
				}
			}
			for (int c = width - 1 - hx; c <= width - 1 + hx; c++) column(c, r0, r1, sy0, -1);
			if (fixedZeros > 0) add(zeroRank, -fixedZeros);
		}

		/** Adds (sign 1) or removes (-1) the in-image rows [r0, r1] of column c. */
		private void column(int c, int r0, int r1, int sy0, int sign) {
			if (c < 0 || c >= width) {
				if (zeros) add(zeroRank, sign * (r1 - r0 + 1));
				return;
			}
			for (int r = r0; r <= r1; r++) {
				int k = rank[(r - sy0) * width + c];
				if (k >= 0) {
					level0[k] += sign;
					level1[k >>> SHIFT] += sign;
					level2[k >>> 2 * SHIFT] += sign;
					total += sign;
				}
			}
		}

		private void add(int k, int count) {
			level0[k] += count;
			level1[k >>> SHIFT] += count;
			level2[k >>> 2 * SHIFT] += count;
			total += count;
		}

		/** numpy nanmedian of the current window. */
		private float median() {
			if (total == 0) return Float.NaN;
			if ((total & 1) == 1) return values[select(total >> 1)];
			return (values[select((total >> 1) - 1)] + values[select(total >> 1)]) / 2f;
		}

		/** The rank of the t-th smallest value in the window (0-based). */
		private int select(int t) {
			int cum = 0;
			int i = 0;
			while (cum + level2[i] <= t) cum += level2[i++];
			i <<= SHIFT;
			while (cum + level1[i] <= t) cum += level1[i++];
			i <<= SHIFT;
			while (cum + level0[i] <= t) cum += level0[i++];
			return i;
		}

		/**
		 * Ranks the values of source rows [sy0, sy1) and the padding zero: fills {@link #rank}
		 * (-1 for NaN), {@link #values} (value per rank) and {@link #zeroRank}; returns the number
		 * of distinct values.
		 */
		private int rankValues(int sy0, int sy1) {
			int m = (sy1 - sy0) * width;
			if (rank.length < m) rank = new int[m];
			if (keys.length < m + 1) {
				keys = new int[m + 1];
				index = new int[m + 1];
				keysTmp = new int[m + 1];
				indexTmp = new int[m + 1];
				values = new float[m + 1];
			}
			int n = 0;
			int offset = sy0 * width;
			for (int i = 0; i < m; i++) {
				float v = image[offset + i];
				if (v != v) {
					rank[i] = -1;
					continue;
				}
				keys[n] = key(canonical(v));
				index[n++] = i;
			}
			keys[n] = key(0f);
			index[n++] = -1; // the padding zero
			int[] k = keys, idx = index, kt = keysTmp, it = indexTmp;
			for (int shift = 0; shift < 32; shift += 8) {
				int[] count = new int[257];
				for (int i = 0; i < n; i++) count[((k[i] >>> shift) & 0xFF) + 1]++;
				if (count[((k[0] >>> shift) & 0xFF) + 1] == n) continue; // one digit everywhere
				for (int b = 1; b <= 256; b++) count[b] += count[b - 1];
				for (int i = 0; i < n; i++) {
					int d = count[(k[i] >>> shift) & 0xFF]++;
					kt[d] = k[i];
					it[d] = idx[i];
				}
				int[] s = k;
				k = kt;
				kt = s;
				s = idx;
				idx = it;
				it = s;
			}
			int r = -1;
			int previous = 0;
			for (int i = 0; i < n; i++) {
				if (r < 0 || k[i] != previous) {
					r++;
					previous = k[i];
					values[r] = value(previous);
				}
				if (idx[i] >= 0) rank[idx[i]] = r;
				else zeroRank = r;
			}
			keys = k;
			index = idx;
			keysTmp = kt;
			indexTmp = it;
			return r + 1;
		}

		/** An int whose unsigned order is the float order. */
		private static int key(float v) {
			int bits = Float.floatToRawIntBits(v);
			return bits ^ ((bits >> 31) | 0x80000000);
		}

		private static float value(int key) {
			int bits = (key & 0x80000000) != 0 ? key ^ 0x80000000 : ~key;
			return Float.intBitsToFloat(bits);
		}
	}

	// -- Helper methods --

	/** Work item t of [0, tasks), run on up to {@code threads} threads. */
	interface Task {
		void run(int t);
	}

	/** Runs tasks 0..n-1 on up to {@code threads} threads; polls for cancellation and reports progress; rethrows the first failure. */
	static void forEach(int n, int threads, StepLog log, Task task) {
		AtomicInteger done = new AtomicInteger();
		org.webbsteps.step.Parallel.forEach(n, threads, () -> null, (w, t) -> {
			log.checkCanceled();
			task.run(t);
			log.progress(done.incrementAndGet(), n);
		});
	}
}
