package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webbsteps.Golden;

class MedianCleanerTest {

	private static boolean[] all(int n) {
		boolean[] m = new boolean[n];
		Arrays.fill(m, true);
		return m;
	}

	@Test
	void zeroImageStaysZero() {
		float[] out = MedianCleaner.clean(new float[100], all(100), 10, 10, 1, false);
		assertArrayEquals(new float[100], out);
	}

	/** Vertical stripes (per column) as in the reference's test_median_clean. */
	@Test
	void verticalStripesRemovedAlongColumnsOnly() {
		int w = 10, h = 10;
		float[] img = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img[y * w + x] = x % 2 == 0 ? 0.1f : -0.1f;
		float[] byColumn = MedianCleaner.clean(img, all(img.length), w, h, 1, false);
		for (float v : byColumn) assertEquals(0f, v);
		float[] byRow = MedianCleaner.clean(img, all(img.length), w, h, 2, false);
		for (int i = 0; i < img.length; i++) assertEquals(img[i] - 0f, byRow[i]); // row median of ±0.1 is 0
	}

	@Test
	void maskedPixelsAreCorrectedButNotUsedAndEmptyLinesGetZero() {
		int w = 3, h = 4;
		float[] img = { 1, 5, 9, 2, 5, 9, 3, 5, 100, 4, 5, 9 };
		boolean[] m = all(12);
		m[8] = false; // the outlier
		for (int y = 0; y < h; y++) m[y * w + 1] = false; // column 1 fully masked
		float[] out = MedianCleaner.clean(img, m, w, h, 1, false);
		assertEquals(1 - 2.5f, out[0]); // median of 1,2,3,4
		assertEquals(5f, out[1]); // all masked -> 0 subtracted
		assertEquals(100 - 9f, out[8]);
	}

	@Test
	void channelsOnlyAtLength2048() {
		int w = 2, h = 2048;
		float[] img = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img[y * w + x] = y / 512;
		float[] split = MedianCleaner.clean(img, all(img.length), w, h, 1, true);
		for (float v : split) assertEquals(0f, v);
		float[] whole = MedianCleaner.clean(img, all(img.length), w, h, 1, false);
		assertEquals(0 - 1.5f, whole[0]);
		float[] small = MedianCleaner.clean(new float[] { 1, 2, 3, 4 }, all(4), 2, 2, 1, true);
		assertArrayEquals(new float[] { -1, -1, 1, 1 }, small);
	}

	@ParameterizedTest
	@CsvSource({ "median_axis1_bychannel, axis1_bychannel, 1, true", "median_axis1_single, axis1_bychannel, 1, false",
			"median_axis2_bychannel, axis2_bychannel, 2, true" })
	void matchesTheReference(String run, String input, int axis, boolean byChannel) {
		Path dir = Golden.bundled("p21_functions_median_clean_fft_clean_subarray");
		Path image = dir.resolve("input_median_" + input + "_image.fits.gz");
		long[] d = Golden.dims(image, "SCI");
		float[] img = Golden.floats(image, "SCI");
		boolean[] mask = Golden.mask(dir.resolve("input_median_" + input + "_mask.fits.gz"), "SCI");
		float[] ref = Golden.floats(dir.resolve("ref_" + run + ".fits.gz"), "CLEANED");
		float[] got = MedianCleaner.clean(img, mask, (int) d[0], (int) d[1], axis, byChannel);
		Golden.assertAllClose(run, ref, got, 1e-4, 1e-6);
		assertArrayEquals(ref, got, run + " is expected to be bit-identical");
	}

	/** Fitting the raw image with the shift and both clips applied on the way equals fitting the shifted, clipped image. */
	@Test
	void shiftAndClipsOnTheWayMatchAnExplicitPass() {
		java.util.Random r = new java.util.Random(9);
		for (int axis = 1; axis <= 2; axis++) {
			int w = 2048, h = 40;
			float[] raw = new float[w * h];
			boolean[] mask = new boolean[raw.length];
			for (int i = 0; i < raw.length; i++) {
				raw[i] = (float) (100.3 + 7 * r.nextGaussian() + (r.nextInt(50) == 0 ? 300 : 0));
				mask[i] = r.nextInt(8) != 0;
			}
			float offset = 100.37f;
			double rawLo = 80.1, rawHi = 121.9, lo = -15.3, hi = 14.2;
			float[] shifted = new float[raw.length];
			boolean[] clipped = mask.clone();
			for (int i = 0; i < raw.length; i++) {
				shifted[i] = raw[i] - offset;
				if (raw[i] < rawLo || raw[i] > rawHi || shifted[i] < lo || shifted[i] > hi) clipped[i] = false;
			}
			float[] base = new float[raw.length];
			float[] expected = new float[raw.length];
			MedianCleaner.stripes(shifted, clipped, 0f, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
					Double.POSITIVE_INFINITY, w, h, axis, true, 1).addCleaned(base, shifted, expected, 0, h);
			for (int i = 0; i < raw.length; i++) expected[i] += offset;
			for (int threads = 1; threads <= 2; threads++) {
				float[] got = new float[raw.length];
				MedianCleaner.stripes(raw, mask, offset, rawLo, rawHi, lo, hi, w, h, axis, true, threads).addCleaned(base, raw, got, 0, h);
				assertArrayEquals(expected, got, "axis " + axis + ", threads " + threads);
			}
		}
	}
}
