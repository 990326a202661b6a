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
}
