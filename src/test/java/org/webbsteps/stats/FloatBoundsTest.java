package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatBoundsTest {

	@Test
	void ceilAndFloorSelectTheSameFloats() {
		java.util.Random r = new java.util.Random(7);
		for (int trial = 0; trial < 2000; trial++) {
			double x = r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
			float c = FloatBounds.ceil(x), f = FloatBounds.floor(x);
			assertTrue(c >= x && Math.nextDown(c) < x);
			assertTrue(f <= x && Math.nextUp(f) > x);
		}
		assertEquals(Float.NEGATIVE_INFINITY, FloatBounds.ceil(Double.NEGATIVE_INFINITY));
		assertEquals(Float.POSITIVE_INFINITY, FloatBounds.floor(Double.POSITIVE_INFINITY));
		assertEquals(Float.POSITIVE_INFINITY, FloatBounds.ceil(1e300));
	}

	@Test
	void shiftedBoundIsTheExactFloatInterval() {
		java.util.Random r = new java.util.Random(8);
		for (int trial = 0; trial < 2000; trial++) {
			float offset = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 2));
			double x = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 2);
			float least = FloatBounds.leastWithShiftAtLeast(x, offset);
			assertTrue(least - offset >= x, "shift of the least value reaches x");
			assertTrue(Math.nextDown(least) - offset < x, "the float below does not");
			float greatest = FloatBounds.greatestWithShiftAtMost(x, offset);
			assertTrue(greatest - offset <= x, "shift of the greatest value stays at most x");
			assertTrue(Math.nextUp(greatest) - offset > x, "the float above does not");
		}
		assertEquals(Float.NEGATIVE_INFINITY, FloatBounds.leastWithShiftAtLeast(Double.NEGATIVE_INFINITY, 3f));
		assertEquals(2.5f, FloatBounds.leastWithShiftAtLeast(2.5, 0f));
		assertEquals(Math.nextUp(2.5f), FloatBounds.leastWithShiftAtLeast(Math.nextUp(2.5), 0f));
	}
}
