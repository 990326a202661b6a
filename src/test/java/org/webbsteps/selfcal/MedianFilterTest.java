package org.webbsteps.selfcal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webbsteps.selfcal.MedianFilter.Padding;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;

/**
 * The median filter against a direct implementation of the pipeline's definition (pad, then the
 * numpy nanmedian of every window), on images with NaNs, ties, signed zeros and infinities, for
 * every window shape the step uses, and against hand-computed edges.
 */
class MedianFilterTest {

	/** The definition: the float32 nanmedian of each (possibly padded) window. */
	static float[] direct(float[] image, int width, int height, int ky, int kx, Padding padding) {
		float[] out = new float[image.length];
		float[] w = new float[ky * kx];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int n = 0;
				for (int dy = -ky / 2; dy <= ky / 2; dy++) {
					for (int dx = -kx / 2; dx <= kx / 2; dx++) {
						int yy = y + dy, xx = x + dx;
						boolean inside = yy >= 0 && yy < height && xx >= 0 && xx < width;
						if (!inside && padding == Padding.NONE) continue;
						float v = inside ? image[yy * width + xx] : 0f;
						if (!Float.isNaN(v)) w[n++] = v;
					}
				}
				Arrays.sort(w, 0, n);
				out[y * width + x] = n == 0 ? Float.NaN : (n & 1) == 1 ? w[n / 2] : (w[n / 2 - 1] + w[n / 2]) / 2f;
			}
		}
		return out;
	}

	/** Random values on a coarse grid (many ties), some NaN (single and in blocks), signed zeros, infinities. */
	static float[] image(int width, int height, long seed) {
		Random r = new Random(seed);
		float[] a = new float[width * height];
		for (int i = 0; i < a.length; i++) a[i] = Math.round(r.nextGaussian() * 8) / 4f + (r.nextInt(50) == 0 ? 40 : 0);
		for (int i = 0; i < a.length / 20; i++) a[r.nextInt(a.length)] = Float.NaN;
		for (int i = 0; i < a.length / 50; i++) a[r.nextInt(a.length)] = -0f;
		a[r.nextInt(a.length)] = Float.POSITIVE_INFINITY;
		a[r.nextInt(a.length)] = Float.NEGATIVE_INFINITY;
		int bx = r.nextInt(width), by = r.nextInt(height); // a block of NaN: all-NaN windows in the middle
		for (int y = by; y < Math.min(height, by + 8); y++) for (int x = bx; x < Math.min(width, bx + 8); x++) a[y * width + x] = Float.NaN;
		return a;
	}

	private static void assertSame(float[] expected, float[] got, String what) {
		for (int i = 0; i < expected.length; i++) {
			boolean same = expected[i] == got[i] || (Float.isNaN(expected[i]) && Float.isNaN(got[i]));
			if (!same) throw new AssertionError(what + ": pixel " + i + " expected " + expected[i] + ", got " + got[i]);
		}
	}

	@ParameterizedTest(name = "{0} x {1} window on {2} x {3}, {4} threads")
	@CsvSource({ "1, 1, 40, 30, 1", "1, 9, 40, 30, 1", "9, 1, 40, 30, 1", "1, 15, 70, 33, 3", "15, 1, 70, 33, 3", "3, 3, 40, 30, 1",
			"15, 15, 70, 81, 1", "15, 15, 70, 81, 3", "5, 11, 37, 45, 2", "11, 5, 37, 45, 2", "15, 15, 9, 6, 2", "1, 31, 12, 5, 1",
			"31, 1, 12, 5, 2", "7, 7, 1, 1, 1", "1, 3, 1, 20, 1", "3, 1, 20, 1, 1" })
	void equalsTheDefinition(int ky, int kx, int width, int height, int threads) {
		float[] a = image(width, height, 31L * ky + kx + width);
		for (Padding p : Padding.values()) {
			float[] got = MedianFilter.filter(a, width, height, ky, kx, p, threads, StepLog.NONE);
			assertSame(direct(a, width, height, ky, kx, p), got, ky + "x" + kx + " " + p);
		}
	}

	@Test
	void largeImageTwoDimensionalWindowEqualsTheDefinition() {
		int width = 203, height = 150; // several row blocks, rank tables larger than one histogram level
		Random r = new Random(5);
		float[] a = new float[width * height];
		for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian() * 1000;
		for (int i = 0; i < 300; i++) a[r.nextInt(a.length)] = Float.NaN;
		assertSame(direct(a, width, height, 15, 15, Padding.ZEROS), MedianFilter.filter(a, width, height, 15, 15, Padding.ZEROS, 2, StepLog.NONE), "15x15");
	}

	/** A constant image: zero padding gives 0 where zeros outnumber pixels (corners of a 3 x 3 window). */
	@Test
	void zeroPaddingAtTheEdgesByHand() {
		float[] a = new float[5 * 4];
		Arrays.fill(a, 7f);
		float[] f = MedianFilter.filter(a, 5, 4, 3, 3, Padding.ZEROS, 1, StepLog.NONE);
		float[] expected = {
				0, 7, 7, 7, 0,
				7, 7, 7, 7, 7,
				7, 7, 7, 7, 7,
				0, 7, 7, 7, 0 };
		assertArrayEquals(expected, f, 0f);
		float[] none = MedianFilter.filter(a, 5, 4, 3, 3, Padding.NONE, 1, StepLog.NONE);
		for (float v : none) assertTrue(v == 7f);
		// 1-D along x and along y, length 5: the two zeros beyond each end pull the edge medians down
		float[] ramp = { 1, 2, 3, 4, 5, 6 };
		float[] zeros = { 1, 2, 3, 4, 4, 4 };
		float[] cut = { 2, 2.5f, 3, 4, 4.5f, 5 };
		assertArrayEquals(zeros, MedianFilter.filter(ramp, 6, 1, 1, 5, Padding.ZEROS, 1, StepLog.NONE), 0f);
		assertArrayEquals(zeros, MedianFilter.filter(ramp, 1, 6, 5, 1, Padding.ZEROS, 1, StepLog.NONE), 0f);
		assertArrayEquals(cut, MedianFilter.filter(ramp, 6, 1, 1, 5, Padding.NONE, 1, StepLog.NONE), 0f);
		assertArrayEquals(cut, MedianFilter.filter(ramp, 1, 6, 5, 1, Padding.NONE, 1, StepLog.NONE), 0f);
	}

	/** NaNs are left out; an even count averages the middle pair in float32; an all-NaN window is NaN. */
	@Test
	void nanHandlingByHand() {
		float n = Float.NaN;
		float[] row = { n, 1, 4, n, n, n, 2 };
		// windows of 3 with zero padding: [0,n,1] [n,1,4] [1,4,n] [4,n,n] [n,n,n] [n,n,2] [n,2,0]
		float[] expected = { 0.5f, 2.5f, 2.5f, 4f, n, 2f, 1f };
		assertArrayEquals(expected, MedianFilter.filter(row, 7, 1, 1, 3, Padding.ZEROS, 1, StepLog.NONE), 0f);
		assertArrayEquals(expected, MedianFilter.filter(row, 1, 7, 3, 1, Padding.ZEROS, 1, StepLog.NONE), 0f);
	}

	@Test
	void evenOrEmptyWindowsAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> MedianFilter.filter(new float[4], 2, 2, 2, 1, Padding.ZEROS, 1, StepLog.NONE));
		JwstException e = assertThrows(JwstException.class, () -> SelfcalParams.defaults().withKernelSize(14));
		assertTrue(e.getMessage().contains("kernel_size=14") && e.getMessage().contains("odd"), e.getMessage());
		assertThrows(JwstException.class, () -> SelfcalParams.defaults().withKernelSize(0));
	}
}
