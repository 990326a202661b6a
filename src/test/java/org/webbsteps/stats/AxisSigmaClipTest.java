package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** astropy sigma_clip along an axis (compiled path) on hand-computed slices. */
class AxisSigmaClipTest {

	private static boolean[] keep(double sigma, int maxIters, double... v) {
		boolean[] k = new boolean[v.length];
		new AxisSigmaClip(2, sigma, maxIters).clip(v, v.length, k);
		return k;
	}

	@Test
	void wirthMedianAveragesTheMiddleRanksOfEvenCounts() {
		assertEquals(2.5, AxisSigmaClip.wirthMedian(new double[] { 4, 1, 3, 2 }, 4));
		assertEquals(3.0, AxisSigmaClip.wirthMedian(new double[] { 5, 1, 3 }, 3));
		assertEquals(7.0, AxisSigmaClip.wirthMedian(new double[] { 7 }, 1));
		assertEquals(-1.0, AxisSigmaClip.kthSmallest(new double[] { 3, -1, 2, 9, 0 }, 5, 0));
	}

	@Test
	void outlierIsClippedAndClippingStopsWhenNothingChanges() {
		// median 1, std 29.7: 100 lies beyond 1 + 3*29.7; then the ones have std 0 and all stay
		double[] v = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 100 };
		boolean[] k = new boolean[v.length];
		assertEquals(9, new AxisSigmaClip(4, 3, Integer.MAX_VALUE).clip(v, v.length, k));
		assertEquals(false, k[9]);
		assertEquals(true, k[0]);
	}

	@Test
	void nonFiniteValuesAreClippedAndEqualValuesKept() {
		assertArrayEquals(new boolean[] { true, false, true, false, true }, keep(3, Integer.MAX_VALUE, 2, Double.NaN, 2, Double.POSITIVE_INFINITY, 2));
		assertArrayEquals(new boolean[] { false, false }, keep(3, Integer.MAX_VALUE, Double.NaN, Double.NaN));
	}

	@Test
	void maxitersLimitsIterations() {
		// first iteration clips 1000 only (3 sigma = 897); a second would also clip 10 (3 sigma = 9.43)
		double[] v = { 0, 0, 0, 0, 0, 0, 0, 0, 10, 1000 };
		boolean[] none = keep(3, Integer.MAX_VALUE, v);
		assertEquals(false, none[8]);
		assertEquals(false, none[9]);
		boolean[] one = keep(3, 1, v);
		assertEquals(true, one[8]);
		assertEquals(false, one[9]);
		assertEquals(false, keep(3, 2, v)[8]);
	}

	@Test
	void threeValuesCanOnlyBeClippedBelowSigmaThreeOverRootTwo() {
		// (0, 0, 1): |1 - median| / std = 3 / sqrt(2) = 2.12132
		assertArrayEquals(new boolean[] { true, true, false }, keep(2.1213, Integer.MAX_VALUE, 0, 0, 1));
		assertArrayEquals(new boolean[] { true, true, true }, keep(2.1214, Integer.MAX_VALUE, 0, 0, 1));
		assertArrayEquals(new boolean[] { true, true, true }, keep(3, Integer.MAX_VALUE, 0, 0, 1e30));
		// two values: both lie exactly one std from the median
		assertArrayEquals(new boolean[] { true, true }, keep(1, Integer.MAX_VALUE, 0, 1));
	}

	@Test
	void smallSlicesAtLargeSigmaNeedNoClipping() {
		AxisSigmaClip c = new AxisSigmaClip(3, 3, Integer.MAX_VALUE);
		assertEquals(false, c.mayClip(0));
		assertEquals(false, c.mayClip(3));
		assertEquals(true, c.mayClip(4));
		assertEquals(true, new AxisSigmaClip(3, 2, Integer.MAX_VALUE).mayClip(3));
	}

	@Test
	void clippingEverythingEndsWithNaNBoundsThatClipNothing() {
		// at sigma 0.5 both values are rejected; astropy's next iteration has no values, NaN bounds,
		// and its final mask (value < NaN or value > NaN) clips nothing
		assertArrayEquals(new boolean[] { true, true }, keep(0.5, Integer.MAX_VALUE, 0, 1));
		// with maxiters=1 there is no next iteration: the bounds that rejected both stay
		assertArrayEquals(new boolean[] { false, false }, keep(0.5, 1, 0, 1));
	}

	@Test
	void boundsAreThoseOfTheLastIteration() {
		AxisSigmaClip c = new AxisSigmaClip(1, 1.5, Integer.MAX_VALUE);
		double[] v = { 1, 2, 3, 10 };
		boolean[] k = new boolean[4];
		assertEquals(3, c.clip(v, 4, k)); // the buffer grows past the capacity given
		assertEquals(2 - 1.5 * Math.sqrt(2.0 / 3), c.lower(), 1e-15);
		assertEquals(2 + 1.5 * Math.sqrt(2.0 / 3), c.upper(), 1e-15);
	}

	/** 3000 random slices (ties, outliers, NaN, sigma 0.5-3, maxiters None/1/2/3/5) against astropy's masks. */
	@Test
	void masksMatchAstropy() throws IOException {
		int checked = 0;
		try (BufferedReader r = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream("astropy_sigma_clip_axis.txt"), StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				if (line.startsWith("#")) continue;
				String[] f = line.trim().split(" ");
				double sigma = Double.parseDouble(f[0]);
				int maxIters = Integer.parseInt(f[1]);
				String mask = f[2];
				double[] v = new double[f.length - 3];
				for (int i = 0; i < v.length; i++) v[i] = f[i + 3].equals("nan") ? Double.NaN : Double.parseDouble(f[i + 3]);
				boolean[] k = keep(sigma, maxIters == 0 ? Integer.MAX_VALUE : maxIters, v);
				for (int i = 0; i < v.length; i++) assertEquals(mask.charAt(i) == '1', !k[i], line);
				checked++;
			}
		}
		assertEquals(3000, checked);
	}
}
