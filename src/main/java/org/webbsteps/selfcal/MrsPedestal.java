package org.webbsteps.selfcal;

import java.util.Locale;

import org.webbsteps.stats.Selection;

/**
 * The MIRI MRS dark pedestal: the dark level of an MRS exposure varies, so before the minimum is
 * taken each exposure has the NaN-median of its unilluminated inter-channel gap subtracted
 * (JWST {@code PEDESTAL_INDX_MIRIFUSHORT/LONG}). The gap is rows 50…973 of columns 503…515 on
 * MIRIFUSHORT and columns 474…506 on MIRIFULONG (0-based, DMS orientation).
 */
public final class MrsPedestal {

	/** Gap regions as {row from, row to, column from, column to}, half-open. */
	private static final int[] SHORT = { 50, 974, 503, 516 };
	private static final int[] LONG = { 50, 974, 474, 507 };

	private MrsPedestal() {
	}

	/**
	 * The gap region for a detector ({row from, row to, column from, column to}, half-open), or
	 * null for detectors without a pedestal correction (everything but MIRIFUSHORT and MIRIFULONG).
	 */
	public static int[] region(String detector) {
		if (detector == null) return null;
		String d = detector.trim().toUpperCase(Locale.ROOT);
		if (d.equals("MIRIFUSHORT")) return SHORT.clone();
		if (d.equals("MIRIFULONG")) return LONG.clone();
		return null;
	}

	/**
	 * The float32 NaN-median of the region of a row-major image, clipped to the image as a numpy
	 * slice is; NaN when the region holds no value.
	 */
	public static float median(float[] image, int width, int height, int[] region) {
		int y0 = Math.min(region[0], height), y1 = Math.min(region[1], height);
		int x0 = Math.min(region[2], width), x1 = Math.min(region[3], width);
		float[] values = new float[Math.max(0, (y1 - y0) * (x1 - x0))];
		int n = 0;
		for (int y = y0; y < y1; y++) {
			for (int x = x0; x < x1; x++) {
				float v = image[y * width + x];
				if (v == v) values[n++] = v;
			}
		}
		return Selection.medianInPlace(values, n);
	}

	/** Subtracts the pedestal of a detector from the image in place (float32); returns the pedestal, or 0 when the detector has none. */
	public static float subtract(float[] image, int width, int height, String detector) {
		int[] region = region(detector);
		if (region == null) return 0f;
		float p = median(image, width, height, region);
		for (int i = 0; i < image.length; i++) image[i] -= p;
		return p;
	}
}
