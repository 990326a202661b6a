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
		if (axisToCorrect != 1 && axisToCorrect != 2) throw new IllegalArgumentException("axis_to_correct must be 1 or 2, not " + axisToCorrect);
		boolean columns = axisToCorrect == 1;
		int lineLength = columns ? height : width; // pixels along the median direction
		int lines = columns ? width : height;
		int blocks = byChannel && lineLength == FULL ? FULL / CHANNEL : 1;
		int blockLength = lineLength / blocks;
		float[] out = new float[image.length];
		float[] buffer = new float[blockLength];
		for (int line = 0; line < lines; line++) {
			for (int b = 0; b < blocks; b++) {
				int start = b * blockLength;
				int end = b == blocks - 1 ? lineLength : start + blockLength;
				int n = 0;
				for (int k = start; k < end; k++) {
					int i = columns ? k * width + line : line * width + k;
					if (mask[i]) buffer[n++] = image[i];
				}
				float stripe = n == 0 ? 0f : Selection.medianInPlace(buffer, n);
				for (int k = start; k < end; k++) {
					int i = columns ? k * width + line : line * width + k;
					out[i] = image[i] - stripe;
				}
			}
		}
		return out;
	}
}
