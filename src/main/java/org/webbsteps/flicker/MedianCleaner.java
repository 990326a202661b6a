package org.webbsteps.flicker;

import org.webbsteps.stats.FloatBounds;
import org.webbsteps.stats.Selection;
import org.webbsteps.step.Parallel;

/**
 * The median noise model of {@code clean_flicker_noise} ({@code median_clean}): one median per
 * detector line along the fast-read direction, from the usable pixels only, subtracted from every
 * pixel of that line. Images are float32, row-major ({@code index = y * width + x}); the mask is
 * {@code true} for usable background pixels.
 */
public final class MedianCleaner {

	/** Lines per amplifier channel when fitting by channel. */
	public static final int CHANNEL = 512;
	/** Axis length at which channels apply (full-frame near-infrared detectors). */
	public static final int FULL = 2048;

	private MedianCleaner() {
	}

	/**
	 * Removes the per-line medians.
	 *
	 * @param image background-subtracted image (not modified)
	 * @param mask true = usable pixel
	 * @param axisToCorrect 1: one value per column (median over rows, removes vertical stripes; NIRSpec,
	 *            NIRISS, FGS, MIRI); 2: one value per row (median over columns; NIRCam) — the JWST
	 *            {@code abs(SLOWAXIS)} convention
	 * @param byChannel fit the four 512-line amplifier blocks separately; only acts when the median
	 *            runs along an axis of length 2048
	 * @return the corrected image; a line (or block) without usable pixels is left unchanged
	 */
	public static float[] clean(float[] image, boolean[] mask, int width, int height, int axisToCorrect, boolean byChannel) {
		float[] out = image.clone();
		cleanInPlace(out, mask, width, height, axisToCorrect, byChannel);
		return out;
	}

	/** As {@link #clean}, writing the corrected values back into {@code image}. */
	public static void cleanInPlace(float[] image, boolean[] mask, int width, int height, int axisToCorrect, boolean byChannel) {
		cleanInPlace(image, mask, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, width, height, axisToCorrect, byChannel);
	}

	/**
	 * As {@link #cleanInPlace(float[], boolean[], int, int, int, boolean)}, using only the usable
	 * pixels whose value lies in {@code [lo, hi]} (a clip applied on the way; the mask is not changed).
	 */
	public static void cleanInPlace(float[] image, boolean[] mask, double lo, double hi, int width, int height, int axisToCorrect, boolean byChannel) {
		stripes(image, mask, 0f, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, lo, hi, width, height, axisToCorrect, byChannel, 1)
				.subtractFrom(image);
	}

	/**
	 * The stripe values (one per line and channel block) of {@code image - offset} (float32), not yet
	 * subtracted. A pixel is used when its mask is true, its value lies in {@code [rawLo, rawHi]} and
	 * its value minus the offset lies in {@code [lo, hi]}: the background level and both clips of the
	 * step applied on the way, without a pass over the image of their own.
	 *
	 * @param threads threads sharing the lines
	 */
	public static Stripes stripes(float[] image, boolean[] mask, float offset, double rawLo, double rawHi, double lo, double hi, int width,
			int height, int axisToCorrect, boolean byChannel, int threads) {
		if (axisToCorrect != 1 && axisToCorrect != 2) throw new IllegalArgumentException("axis_to_correct must be 1 or 2, not " + axisToCorrect);
		boolean columns = axisToCorrect == 1;
		int lineLength = columns ? height : width; // pixels along the median direction
		int blocks = byChannel && lineLength == FULL ? FULL / CHANNEL : 1;
		int blockLength = lineLength / blocks;
		UsedPixels sel = new UsedPixels(image, mask, offset, rawLo, rawHi, lo, hi, width);
		float[] values = columns ? columnStripes(sel, height, blocks, blockLength, threads) : rowStripes(sel, height, blocks, blockLength, threads);
		return new Stripes(values, offset, columns, width, height, blocks, blockLength);
	}

	/**
	 * The pixels a fit uses: mask true and value in {@code [lo, hi]}, a float interval equivalent to
	 * the raw and shifted bounds (the shift is monotone), so the gather makes two float comparisons.
	 */
	private static final class UsedPixels {
		final float[] image;
		final boolean[] mask;
		final float offset;
		final float lo, hi;
		final int width;

		UsedPixels(float[] image, boolean[] mask, float offset, double rawLo, double rawHi, double shiftedLo, double shiftedHi, int width) {
			this.image = image;
			this.mask = mask;
			this.offset = offset;
			this.lo = Math.max(FloatBounds.ceil(rawLo), FloatBounds.leastWithShiftAtLeast(shiftedLo, offset));
			this.hi = Math.min(FloatBounds.floor(rawHi), FloatBounds.greatestWithShiftAtMost(shiftedHi, offset));
			this.width = width;
		}

		float median(float[] values, int from, int n) {
			return Selection.medianInPlace(values, from, n, offset);
		}
	}

	/** Stripe values of {@code image - offset}: per column (and row block) or per row (and column block). */
	public static final class Stripes {
		private final float[] values;
		private final float offset;
		private final boolean columns;
		private final int width, height, blocks, blockLength;

		Stripes(float[] values, float offset, boolean columns, int width, int height, int blocks, int blockLength) {
			this.values = values;
			this.offset = offset;
			this.columns = columns;
			this.width = width;
			this.height = height;
			this.blocks = blocks;
			this.blockLength = blockLength;
		}

		/** {@code image -= stripe} for every pixel (stripes fitted without an offset). */
		public void subtractFrom(float[] image) {
			if (offset != 0f) throw new IllegalStateException("stripes of a shifted image: use addCleaned");
			for (int y = 0; y < height; y++) {
				int row = y * width;
				if (columns) {
					int sb = Math.min(y / blockLength, blocks - 1) * width;
					for (int x = 0; x < width; x++) image[row + x] -= values[sb + x];
				}
				else {
					for (int b = 0; b < blocks; b++) {
						float st = values[y * blocks + b];
						int x0 = b * blockLength, x1 = b == blocks - 1 ? width : x0 + blockLength;
						for (int x = x0; x < x1; x++) image[row + x] -= st;
					}
				}
			}
		}

		/**
		 * {@code out = base + (((image - offset) - stripe) + offset)} for the rows {@code [y0, y1)}, in
		 * float32 and in that order (a ramp group rebuilt from its cleaned difference in one pass).
		 */
		public void addCleaned(float[] base, float[] image, float[] out, int y0, int y1) {
			float o = offset;
			for (int y = y0; y < y1; y++) {
				int row = y * width;
				if (columns) {
					int sb = Math.min(y / blockLength, blocks - 1) * width;
					for (int x = 0; x < width; x++) out[row + x] = base[row + x] + (((image[row + x] - o) - values[sb + x]) + o);
				}
				else {
					for (int b = 0; b < blocks; b++) {
						float st = values[y * blocks + b];
						int x0 = b * blockLength, x1 = b == blocks - 1 ? width : x0 + blockLength;
						for (int x = x0; x < x1; x++) out[row + x] = base[row + x] + (((image[row + x] - o) - st) + o);
					}
				}
			}
		}
	}

	/** Columns gathered per tile. */
	private static final int TILE = 64;

	/** Stripe values [block * width + x]: medians of the used pixels of each column block, gathered in tiles of columns. */
	private static float[] columnStripes(UsedPixels sel, int height, int blocks, int blockLength, int threads) {
		int width = sel.width;
		float[] stripes = new float[blocks * width];
		int tiles = (width + TILE - 1) / TILE;
		int longest = height - (blocks - 1) * blockLength;
		int stride = longest + 1; // a spare slot: the gather writes every value, advancing past the used ones
		Parallel.forEach(blocks * tiles, threads, () -> new float[TILE * stride], (buffer, task) -> {
			int b = task / tiles;
			int x0 = (task % tiles) * TILE;
			int y0 = b * blockLength;
			int y1 = b == blocks - 1 ? height : y0 + blockLength;
			int t1 = Math.min(TILE, width - x0);
			int[] ends = new int[TILE]; // ends[t] = t * stride + values gathered for column t
			for (int t = 0; t < t1; t++) ends[t] = t * stride;
			float[] image = sel.image;
			boolean[] mask = sel.mask;
			float lo = sel.lo, hi = sel.hi;
			for (int y = y0; y < y1; y++) {
				int base = y * width + x0;
				for (int t = 0; t < t1; t++) { // branch-free
					float v = image[base + t];
					int e = ends[t];
					buffer[e] = v;
					ends[t] = e + (mask[base + t] & v >= lo & v <= hi ? 1 : 0);
				}
			}
			for (int t = 0; t < t1; t++) {
				int n = ends[t] - t * stride;
				stripes[b * width + x0 + t] = n == 0 ? 0f : sel.median(buffer, t * stride, n);
			}
		});
		return stripes;
	}

	/** Stripe values [y * blocks + block]: medians of the used pixels of each row block. */
	private static float[] rowStripes(UsedPixels sel, int height, int blocks, int blockLength, int threads) {
		int width = sel.width;
		float[] stripes = new float[blocks * height];
		final int rowsPerTask = 16;
		Parallel.forEach((height + rowsPerTask - 1) / rowsPerTask, threads, () -> new float[width + 1], (buffer, task) -> {
			float[] image = sel.image;
			boolean[] mask = sel.mask;
			float lo = sel.lo, hi = sel.hi;
			for (int y = task * rowsPerTask; y < Math.min(height, (task + 1) * rowsPerTask); y++) {
				for (int b = 0; b < blocks; b++) {
					int x0 = b * blockLength;
					int x1 = b == blocks - 1 ? width : x0 + blockLength;
					int n = 0;
					int row = y * width;
					for (int x = x0; x < x1; x++) { // branch-free
						float v = image[row + x];
						buffer[n] = v;
						n += mask[row + x] & v >= lo & v <= hi ? 1 : 0;
					}
					stripes[y * blocks + b] = n == 0 ? 0f : sel.median(buffer, 0, n);
				}
			}
		});
		return stripes;
	}
}
