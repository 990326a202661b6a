package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SelectionTest {

	/** Every rank of arrays with many ties, signed zeros and infinities lands in place, with the order around it. */
	@Test
	void selectPutsEveryRankInPlace() {
		Random r = new Random(21);
		for (int trial = 0; trial < 300; trial++) {
			int n = 1 + r.nextInt(trial < 150 ? 40 : 700);
			int distinct = 1 + r.nextInt(trial % 3 == 0 ? 3 : 1000);
			float[] a = new float[n];
			for (int i = 0; i < n; i++) a[i] = r.nextInt(distinct) - distinct / 2f;
			if (n > 3) {
				a[0] = -0f;
				a[1] = 0f;
				a[2] = Float.POSITIVE_INFINITY;
				a[3] = Float.NEGATIVE_INFINITY;
			}
			float[] sorted = a.clone();
			Arrays.sort(sorted);
			int k = r.nextInt(n);
			float[] b = a.clone();
			Selection.select(b, 0, n - 1, k);
			assertEquals(0, Float.compare(sorted[k] + 0f, b[k] + 0f), "rank " + k + " of " + n);
			for (int i = 0; i < k; i++) assertTrue(b[i] <= b[k]);
			for (int i = k + 1; i < n; i++) assertTrue(b[i] >= b[k]);
		}
	}

	/** The sampled median and the plain selection agree with sorting, with and without an offset. */
	@Test
	void medianOfShiftedValuesMatchesSorting() {
		Random r = new Random(22);
		for (int trial = 0; trial < 200; trial++) {
			int n = 1 + r.nextInt(3000);
			float offset = trial % 2 == 0 ? 0f : (float) (100 * r.nextGaussian());
			float[] a = new float[n + 5];
			for (int i = 0; i < a.length; i++) a[i] = (float) (5 + 3 * r.nextGaussian() + (r.nextInt(30) == 0 ? 1e3 : 0));
			float[] shifted = new float[n];
			for (int i = 0; i < n; i++) shifted[i] = a[5 + i] - offset;
			Arrays.sort(shifted);
			float expected = n % 2 == 1 ? shifted[n / 2] : (shifted[n / 2 - 1] + shifted[n / 2]) / 2f;
			assertEquals(expected, Selection.medianInPlace(a, 5, n, offset), 0f, "n = " + n);
		}
	}
}
