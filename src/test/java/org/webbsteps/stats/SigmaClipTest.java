package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SigmaClipTest {

	@Test
	void mediansFollowNumpy() {
		assertEquals(2.5, Selection.medianInPlace(new double[] { 4, 1, 3, 2 }, 4));
		assertEquals(3.0, Selection.medianInPlace(new double[] { 5, 1, 3 }, 3));
		assertEquals(Double.NaN, Selection.medianInPlace(new double[0], 0));
		assertEquals(1.5f, Selection.medianInPlace(new float[] { 2, 1 }, 2));
		Random r = new Random(1);
		double[] big = new double[10001];
		for (int i = 0; i < big.length; i++) big[i] = r.nextGaussian();
		double[] sorted = big.clone();
		java.util.Arrays.sort(sorted);
		assertEquals(sorted[5000], Selection.medianInPlace(big.clone(), big.length));
		assertEquals((sorted[4999] + sorted[5000]) / 2, Selection.medianInPlace(java.util.Arrays.copyOf(big, 10000), 10000) * 0
				+ medianOfSorted(java.util.Arrays.copyOf(big, 10000)));
	}

	private static double medianOfSorted(double[] a) {
		double m = Selection.medianInPlace(a.clone(), a.length);
		java.util.Arrays.sort(a);
		assertEquals((a[a.length / 2 - 1] + a[a.length / 2]) / 2, m);
		return m;
	}

	@Test
	void clipsOutliersInclusivelyAndStopsWhenStable() {
		double[] v = new double[101];
		for (int i = 0; i < 100; i++) v[i] = i % 2 == 0 ? 1.0 : -1.0;
		v[100] = 1000;
		ClippedStats s = SigmaClip.clippedStats(v, v.length);
		assertEquals(100, s.count);
		assertEquals(0.0, s.mean, 0);
		assertEquals(1.0, s.std, 0);
		double[] constant = { 2, 2, 2, Double.NaN, Double.POSITIVE_INFINITY };
		ClippedStats c = SigmaClip.clippedStats(constant, constant.length);
		assertEquals(3, c.count); // non-finite dropped, std 0 keeps everything (bounds inclusive)
		assertEquals(2.0, c.median, 0);
	}

	@Test
	void pairwiseSumsMatchNaiveSumsClosely() {
		Random r = new Random(2);
		for (int n : new int[] { 0, 3, 8, 100, 128, 129, 1000, 12345 }) {
			double[] a = new double[n];
			double naive = 0, sq = 0;
			for (int i = 0; i < n; i++) {
				a[i] = r.nextGaussian();
				naive += a[i];
			}
			for (double x : a) sq += (x - 0.5) * (x - 0.5);
			assertEquals(naive, PairwiseSum.sum(a, 0, n), 1e-9);
			assertEquals(sq, PairwiseSum.sumSquaredDeviations(a, 0, n, 0.5), 1e-8);
		}
	}
}
