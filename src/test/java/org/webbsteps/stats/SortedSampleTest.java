package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SortedSampleTest {

	@Test
	void radixSortOrdersLikeArraysSort() {
		Random r = new Random(3);
		float[] a = new float[10000];
		for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4));
		a[0] = -0f;
		a[1] = 0f;
		a[2] = Float.MAX_VALUE;
		a[3] = -Float.MAX_VALUE;
		float[] expected = a.clone();
		Arrays.sort(expected);
		SortedSample.radixSort(a, a.length);
		for (int i = 0; i < a.length; i++) assertEquals(expected[i], a[i], 0f);
	}

	@Test
	void clippingAgreesWithTheDirectImplementation() {
		Random r = new Random(4);
		for (int trial = 0; trial < 20; trial++) {
			int n = 500 + r.nextInt(50000);
			float[] img = new float[n];
			for (int i = 0; i < n; i++) img[i] = (float) Math.rint(100 + 5 * r.nextGaussian() + (r.nextInt(20) == 0 ? 200 * r.nextDouble() : 0));
			img[0] = Float.NaN;
			SortedSample s = SortedSample.of(img, null);
			double[] d = new double[n];
			for (int i = 0; i < n; i++) d[i] = img[i];
			ClippedStats direct = SigmaClip.clippedStats(d, n);
			ClippedStats fast = s.clip(3, 3, 5);
			assertEquals(direct.count, fast.count);
			assertEquals(direct.median, fast.median, 0);
			assertEquals(direct.mean, fast.mean, 1e-12 * Math.abs(direct.mean));
			assertEquals(direct.std, fast.std, 1e-9 * direct.std);
			// mirrored lower half about the median
			double c = fast.median;
			double[] m = new double[2 * n];
			int k = 0;
			for (int i = 0; i < n; i++) if (img[i] <= c) {
				m[k++] = img[i];
				m[k++] = (c - img[i]) + c;
			}
			ClippedStats dm = SigmaClip.clippedStats(m, k);
			ClippedStats fm = s.clipMirrored(c, 3, 5);
			assertEquals(dm.count, fm.count);
			assertEquals(dm.median, fm.median, 1e-12 * Math.abs(c));
			assertEquals(dm.std, fm.std, 1e-9 * dm.std);
		}
	}

	@Test
	void shiftedSampleIsTheSortedDifference() {
		float[] img = { 5, 1, 3, 2, 4 };
		SortedSample s = SortedSample.of(img, new boolean[] { true, true, false, true, true });
		SortedSample t = s.shifted(1, 4, 1.5f);
		float[] got = new float[t.size()];
		for (int i = 0; i < got.length; i++) got[i] = t.get(i);
		assertArrayEquals(new float[] { 0.5f, 2.5f, 3.5f }, got);
		assertEquals(2.5f, t.floatMedian(0, 3));
	}
}
