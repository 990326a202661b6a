package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Percentile} against numpy 2.4 {@code nanpercentile(a, [q...])} results and the sort-based definition. */
class PercentileTest {

	@Test
	void matchesNumpyBitForBit() {
		// np.nanpercentile(np.float32([0.1, 0.7, nan, 0.3, 1e-3]), [10, 37.5, 62.5, 80, 90, 99, 100, 0]) with numpy 2.4.6
		float[] v = { 0.1f, 0.7f, Float.NaN, 0.3f, 1e-3f };
		double[] expected = { 0.030699999886564914, 0.1250000037252903, 0.2750000096857548, 0.4600000023841859, 0.5799999952316285,
				0.6879999887943267, 0.699999988079071, 0.0010000000474974513 };
		assertArrayEquals(expected, Percentile.nanPercentiles(v, 10, 37.5, 62.5, 80, 90, 99, 100, 0), 0);
		assertArrayEquals(new double[] { 1.75, 2.875 }, Percentile.nanPercentiles(new float[] { 4, 2, 3, 1 }, 25, 62.5), 0);
	}

	@Test
	void nanAndInfinityFollowNumpy() {
		double[] allNan = Percentile.nanPercentiles(new float[] { Float.NaN, Float.NaN }, 10, 90);
		assertTrue(Double.isNaN(allNan[0]) && Double.isNaN(allNan[1]));
		assertTrue(Double.isNaN(Percentile.nanPercentiles(new float[0], 50)[0]));
		// numpy interpolates with inf - x = inf and inf * 0 = NaN, so every percentile next to an infinity is NaN
		double[] inf = Percentile.nanPercentiles(new float[] { Float.POSITIVE_INFINITY, 1, 2 }, 0, 50, 100);
		assertEquals(1.0, inf[0]);
		assertTrue(Double.isNaN(inf[1]) && Double.isNaN(inf[2]));
		assertEquals(5.0, Percentile.nanPercentiles(new float[] { 5 }, 0, 100)[1]);
		assertThrows(IllegalArgumentException.class, () -> Percentile.nanPercentiles(new float[] { 1 }, 101));
	}

	@Test
	void equalsTheSortedDefinition() {
		Random r = new Random(11);
		for (int trial = 0; trial < 30; trial++) {
			int n = 1 + r.nextInt(trial < 10 ? 20 : 5000);
			float[] a = new float[n];
			for (int i = 0; i < n; i++) a[i] = r.nextInt(4) == 0 ? Float.NaN : trial % 2 == 0 ? (float) r.nextGaussian() : r.nextInt(5);
			double[] q = { 0, 0.1, 0.2, 1, 50, 99, 99.8, 99.9, 100 };
			double[] got = Percentile.nanPercentiles(a.clone(), q);
			float[] sorted = finiteSorted(a);
			for (int i = 0; i < q.length; i++) {
				double want = definition(sorted, q[i]);
				assertTrue(Double.compare(want, got[i]) == 0, "n=" + n + " q=" + q[i] + ": " + want + " vs " + got[i]);
			}
		}
	}

	private static float[] finiteSorted(float[] a) {
		float[] s = new float[a.length];
		int m = 0;
		for (float v : a) if (!Float.isNaN(v)) s[m++] = v;
		s = Arrays.copyOf(s, m);
		Arrays.sort(s);
		return s;
	}

	/** numpy's linear method with its float32 difference and float64 interpolation. */
	private static double definition(float[] s, double percent) {
		int n = s.length;
		if (n == 0) return Double.NaN;
		double virtual = (n - 1) * (percent / 100.0);
		int lo = (int) Math.floor(virtual);
		if (virtual >= n - 1) return s[n - 1];
		float a = s[lo], b = s[lo + 1];
		float diff = b - a;
		double t = virtual - lo;
		return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
	}
}
