package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SortedSampleTest {

	@Test
	void ranksAndBoundsFollowTheSortedOrder() {
		Random r = new Random(3);
		float[] a = new float[20000];
		for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4));
		a[0] = -0f;
		a[1] = 0f;
		a[2] = Float.MAX_VALUE;
		a[3] = -Float.MAX_VALUE;
		a[4] = Float.NaN;
		a[5] = Float.POSITIVE_INFINITY;
		float[] expected = Arrays.copyOfRange(a, 6, a.length);
		float[] withEnds = new float[expected.length + 4];
		System.arraycopy(expected, 0, withEnds, 0, expected.length);
		withEnds[expected.length] = -0f;
		withEnds[expected.length + 1] = 0f;
		withEnds[expected.length + 2] = Float.MAX_VALUE;
		withEnds[expected.length + 3] = -Float.MAX_VALUE;
		Arrays.sort(withEnds);
		SortedSample s = SortedSample.of(a, null);
		assertEquals(withEnds.length, s.size());
		for (int i = 0; i < withEnds.length; i += 7) assertEquals(withEnds[i], s.get(i), 0f);
		for (double x : new double[] { 0.0, -0.0, 1e-3, -1e-3, 0.123456789, 5, -Float.MAX_VALUE, Float.MAX_VALUE, 1e300, -1e300 }) {
			int below = 0, atMost = 0;
			for (float v : withEnds) {
				if (v < x) below++;
				if (v <= x) atMost++;
			}
			assertEquals(below, s.lowerIndex(x), "below " + x);
			assertEquals(atMost, s.upperIndex(x), "at most " + x);
		}
	}

	@Test
	void bucketingInPartsGivesTheSameSample() {
		Random r = new Random(5);
		int n = SortedSample.PARALLEL_MIN + 12345;
		float[] img = new float[n];
		boolean[] mask = new boolean[n];
		for (int i = 0; i < n; i++) {
			img[i] = (float) (10 * r.nextGaussian() + (i % 977 == 0 ? 1e4 : 0));
			mask[i] = r.nextInt(10) != 0;
		}
		img[7] = Float.NaN;
		img[n - 1] = Float.NEGATIVE_INFINITY;
		SortedSample one = SortedSample.of(img, mask, new SortedSample.Buffers(n), 1);
		for (int threads : new int[] { 2, 3 }) {
			SortedSample parts = SortedSample.of(img, mask, new SortedSample.Buffers(n), threads);
			assertEquals(one.size(), parts.size());
			for (int i = 0; i < one.size(); i += 101) assertEquals(one.get(i), parts.get(i), 0f);
			ClippedStats a = one.clip(3, 3, 5), b = parts.clip(3, 3, 5);
			assertEquals(a.count, b.count);
			assertEquals(a.median, b.median, 0);
			assertEquals(a.std, b.std, 0);
		}
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
	void mappedViewEqualsASampleOfTheShiftedValues() {
		Random r = new Random(8);
		float[] img = new float[30000];
		for (int i = 0; i < img.length; i++) img[i] = (float) Math.rint(100 * r.nextGaussian()) / 8f + 37.3f;
		SortedSample s = SortedSample.of(img, null);
		ClippedStats front = s.clip(3, 3, 5);
		float b = 36.9f;
		int from = s.lowerIndex(front.median - 2 * front.std), to = s.upperIndex(front.median + 2 * front.std);
		SortedSample view = s.mapped(from, to, b);
		float[] shifted = new float[to - from];
		for (int i = from; i < to; i++) shifted[i - from] = s.get(i) - b;
		SortedSample direct = SortedSample.of(shifted, null);
		assertEquals(direct.size(), view.size());
		for (int i = 0; i < view.size(); i += 97) assertEquals(direct.get(i), view.get(i), 0f);
		ClippedStats a = view.clip(3, 3, 5), c = direct.clip(3, 3, 5);
		assertEquals(c.count, a.count);
		assertEquals(c.median, a.median, 0);
		assertEquals(c.std, a.std, 1e-9 * c.std);
		for (double x : new double[] { -3.1, 0, 0.125, 2.5, 1e9, -1e9 }) {
			assertEquals(direct.lowerIndex(x), view.lowerIndex(x), "below " + x);
			assertEquals(direct.upperIndex(x), view.upperIndex(x), "at most " + x);
		}
		ClippedStats am = view.clipMirrored(a.median, 3, 5), cm = direct.clipMirrored(c.median, 3, 5);
		assertEquals(cm.count, am.count);
		assertEquals(cm.std, am.std, 1e-9 * cm.std);
	}
}
