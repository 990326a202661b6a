package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** numpy nanpercentile (linear) on values checked against numpy 2.4. */
class PercentileInPlaceTest {

	@Test
	void linearInterpolationAsNumpy() {
		double[] v = { 4, Double.NaN, 1, 3, 2 };
		assertEquals(1.75, Percentile.nanPercentile(v, v.length, 25)); // numpy: 1.75
		assertEquals(2.5, Percentile.nanPercentile(v, v.length, 50));
		assertEquals(1.0, Percentile.nanPercentile(v, v.length, 0));
		assertEquals(4.0, Percentile.nanPercentile(v, v.length, 100));
		assertEquals(3.97, Percentile.nanPercentile(v, v.length, 99), 1e-15); // numpy: 3.9699999999999998
		assertEquals(7.0, Percentile.nanPercentile(new double[] { 7 }, 1, 35));
		assertEquals(Double.NaN, Percentile.nanPercentile(new double[] { Double.NaN }, 1, 35));
		assertEquals(4.0, v[0]); // input untouched
		float[] f = { 4, Float.NaN, 1, 3, 2 };
		assertEquals(1.75, Percentile.nanPercentileInPlace(f, f.length, 25));
		assertEquals(2.5, Percentile.nanPercentileInPlace(f, f.length, 50)); // reordered, same values
		double[] d = { Double.NaN, 5, Double.NaN, 1 };
		assertEquals(3.0, Percentile.nanPercentileInPlace(d, d.length, 50));
	}

	@Test
	void agreesWithTheSortedFormulaOnLargeSamples() {
		Random r = new Random(5);
		double[] v = new double[10007];
		for (int i = 0; i < v.length; i++) v[i] = i % 101 == 0 ? Double.NaN : r.nextGaussian();
		double[] finite = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
		for (double p : new double[] { 0, 5, 25, 35, 50, 95, 99.9, 100 }) {
			double rank = (finite.length - 1) * (p / 100);
			int k = (int) Math.floor(rank);
			double expected = k + 1 < finite.length ? finite[k] + (rank - k) * (finite[k + 1] - finite[k]) : finite[k];
			assertEquals(expected, Percentile.nanPercentile(v, v.length, p), 1e-15, "p = " + p);
		}
	}
}
