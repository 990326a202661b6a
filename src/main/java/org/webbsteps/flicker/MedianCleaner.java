package org.webbsteps.flicker;

import org.webbsteps.stats.Selection;

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
		stripes(image, mask, lo, hi, width, height, axisToCorrect, byChannel).subtractFrom(image);
	}

	/** The fitted stripe values (one per line and channel block), not yet subtracted. */
	public static Stripes stripes(float[] image, boolean[] mask, double lo, double hi, int width, int height, int axisToCorrect, boolean byChannel) {
		if (axisToCorrect != 1 && axisToCorrect != 2) throw new IllegalArgumentException("axis_to_correct must be 1 or 2, not " + axisToCorrect);
		boolean columns = axisToCorrect == 1;
		int lineLength = columns ? height : width; // pixels along the median direction
		int blocks = byChannel && lineLength == FULL ? FULL / CHANNEL : 1;
		int blockLength = lineLength / blocks;
		float[] values = columns ? columnStripes(image, mask, lo, hi, width, height, blocks, blockLength)
				: rowStripes(image, mask, lo, hi, width, height, blocks, blockLength);
		return new Stripes(values, columns, width, height, blocks, blockLength);
	}

	/** Stripe values of one image: per column (and row block) or per row (and column block). */
	public static final class Stripes {
		private final float[] values;
		private final boolean columns;
		private final int width, height, blocks, blockLength;

		Stripes(float[] values, boolean columns, int width, int height, int blocks, int blockLength) {
			this.values = values;
			this.columns = columns;
			this.width = width;
			this.height = height;
			this.blocks = blocks;
			this.blockLength = blockLength;
		}

		/** {@code image -= stripe} for every pixel. */
		public void subtractFrom(float[] image) {
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
		 * {@code out = base + ((image - stripe) + offset)} for every pixel, in float32 and in that order
		 * (a ramp group rebuilt from the cleaned difference and its background in one pass).
		 */
		public void addCleaned(float[] base, float[] image, float offset, float[] out) {
			for (int y = 0; y < height; y++) {
				int row = y * width;
				if (columns) {
					int sb = Math.min(y / blockLength, blocks - 1) * width;
					for (int x = 0; x < width; x++) out[row + x] = base[row + x] + ((image[row + x] - values[sb + x]) + offset);
				}
				else {
					for (int b = 0; b < blocks; b++) {
						float st = values[y * blocks + b];
						int x0 = b * blockLength, x1 = b == blocks - 1 ? width : x0 + blockLength;
						for (int x = x0; x < x1; x++) out[row + x] = base[row + x] + ((image[row + x] - st) + offset);
					}
				}
			}
		}
	}

	/** Stripe values [block * width + x]: medians of the usable pixels of each column block, gathered in tiles of columns. */
	private static float[] columnStripes(float[] image, boolean[] mask, double lo, double hi, int width, int height, int blocks, int blockLength) {
		final int tile = 64;
		float[] stripes = new float[blocks * width];
		float[][] buffers = new float[tile][blockLength + 1]; // a spare slot: the gather writes every value, advancing past the kept ones
		int[] counts = new int[tile];
		for (int b = 0; b < blocks; b++) {
			int y0 = b * blockLength;
			int y1 = b == blocks - 1 ? height : y0 + blockLength;
			if (buffers[0].length < y1 - y0 + 1) buffers = new float[tile][y1 - y0 + 1];
			for (int x0 = 0; x0 < width; x0 += tile) {
				int t1 = Math.min(tile, width - x0);
				java.util.Arrays.fill(counts, 0);
				for (int y = y0; y < y1; y++) {
					int base = y * width + x0;
					for (int t = 0; t < t1; t++) { // branch-free
						float v = image[base + t];
						int c = counts[t];
						buffers[t][c] = v;
						counts[t] = c + (mask[base + t] & v >= lo & v <= hi ? 1 : 0);
					}
				}
				for (int t = 0; t < t1; t++) stripes[b * width + x0 + t] = counts[t] == 0 ? 0f : Selection.medianInPlace(buffers[t], counts[t]);
			}
		}
		return stripes;
	}

	/** Stripe values [y * blocks + block]: medians of the usable pixels of each row block. */
	private static float[] rowStripes(float[] image, boolean[] mask, double lo, double hi, int width, int height, int blocks, int blockLength) {
		float[] stripes = new float[blocks * height];
		float[] buffer = new float[width];
		for (int y = 0; y < height; y++) {
			for (int b = 0; b < blocks; b++) {
				int x0 = b * blockLength;
				int x1 = b == blocks - 1 ? width : x0 + blockLength;
				int n = 0;
				int row = y * width;
				for (int x = x0; x < x1; x++) {
					float v = image[row + x];
					if (mask[row + x] && v >= lo && v <= hi) buffer[n++] = v;
				}
				stripes[y * blocks + b] = n == 0 ? 0f : Selection.medianInPlace(buffer, n);
			}
		}
		return stripes;
	}
}
