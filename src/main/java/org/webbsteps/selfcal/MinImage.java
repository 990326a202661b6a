package org.webbsteps.selfcal;

import java.util.Arrays;

/**
 * The pixel-wise minimum of several exposures of one detector, ignoring NaNs (numpy
 * {@code nanmin} over the stack): NaN only where every exposure is NaN. Exposures are added one at
 * a time, so only the running minimum is kept in memory.
 */
public final class MinImage {

	private final float[] min;
	private int count;

	/** An empty minimum for images of {@code size} pixels. */
	public MinImage(int size) {
		min = new float[size];
		Arrays.fill(min, Float.NaN);
	}

	/** Takes one more exposure into the minimum (row-major, same size); the array is not kept. */
	public void add(float[] image) {
		if (image.length != min.length) throw new IllegalArgumentException("image of " + image.length + " pixels, expected " + min.length);
		for (int i = 0; i < min.length; i++) {
			float v = image[i];
			float m = min[i];
			if (v < m || m != m) min[i] = v;
		}
		count++;
	}

	/** The number of exposures added. */
	public int count() {
		return count;
	}

	/** The minimum image (not copied). */
	public float[] image() {
		return min;
	}
}
