package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.webbsteps.dq.GroupFlag;
import org.webbsteps.dq.PixelFlag;

class DraftRateTest {

	private static final byte GOOD = 0;
	private static final byte DNU = (byte) GroupFlag.DO_NOT_USE.value();
	private static final byte SAT = (byte) GroupFlag.SATURATED.value();
	private static final byte JUMP = (byte) GroupFlag.JUMP_DET.value();
	private static final byte PERSISTENCE = (byte) GroupFlag.PERSISTENCE.value();

	/** T-CFN test_make_rate: (3, 5, 10, 10) ramp with group g = g, TGROUP 1 → rateints and rate all exactly 1. */
	@Test
	void makeRateOfTheReferenceTest() {
		int pixels = 100;
		DraftRate draft = new DraftRate(pixels, 1.0);
		float[] ones = new float[pixels];
		Arrays.fill(ones, 1f);
		for (int i = 0; i < 3; i++) {
			float[][] groups = new float[5][pixels];
			for (int g = 0; g < 5; g++) Arrays.fill(groups[g], g);
			assertArrayEquals(ones, draft.addIntegration(groups, new byte[5][pixels], new int[pixels]));
		}
		assertArrayEquals(ones, draft.rate());
	}

	@Test
	void jumpSplitsTheRampAndSegmentsAreWeightedByLCubedMinusL() {
		// groups 0..2 rise by 2 DN, a jump of +1000 DN at group 3, then groups 3..7 rise by 5 DN
		float[] ramp = new float[8];
		for (int g = 0; g < 8; g++) ramp[g] = g < 3 ? 100 + 2 * g : 1100 + 5 * g;
		byte[] dq = { GOOD, GOOD, GOOD, JUMP, GOOD, GOOD, GOOD, GOOD };
		// segments [0..2] (L = 3, weight 24) and [3..7] (jump group prepended, L = 5, weight 120)
		double expected = (24 * 2 + 120 * 5) / 144.0 / 2.0;
		assertEquals(2.25, expected);
		assertEquals((float) expected, one(ramp, dq, 2.0));
		// PERSISTENCE does not stop the jump group from starting the next segment
		dq[3] = (byte) (JUMP | PERSISTENCE);
		assertEquals((float) expected, one(ramp, dq, 2.0));
		// JUMP_DET with DO_NOT_USE is not prepended: segments L = 3 and L = 4 (weight 60)
		dq[3] = (byte) (JUMP | DNU);
		assertEquals((float) ((24 * 2 + 60 * 5) / 84.0 / 2.0), one(ramp, dq, 2.0));
		// a jump group with a NaN read is not prepended either
		dq[3] = JUMP;
		ramp[3] = Float.NaN;
		assertEquals((float) ((24 * 2 + 60 * 5) / 84.0 / 2.0), one(ramp, dq, 2.0));
	}

	@Test
	void saturatedTailGroupsAreIgnored() {
		float[] ramp = new float[10];
		byte[] dq = new byte[10];
		for (int g = 0; g < 10; g++) {
			ramp[g] = g < 6 ? 1000 + 7 * g : 65535;
			dq[g] = g < 6 ? GOOD : SAT;
		}
		assertEquals(7f / 3f, one(ramp, dq, 3.0));
	}

	@Test
	void saturatedFirstGroupMakesTheIntegrationNaN() {
		float[] ramp = { 0, 1, 2, 3 };
		assertNaN(one(ramp, new byte[] { SAT, GOOD, GOOD, GOOD }, 1.0));
		assertNaN(one(ramp, new byte[] { SAT, SAT, SAT, SAT }, 1.0));
		assertNaN(one(ramp, new byte[] { (byte) (SAT | DNU), GOOD, GOOD, GOOD }, 1.0));
	}

	@Test
	void invalidPixelDqMakesEveryIntegrationAndTheRateNaN() {
		float[][] groups = { { 0, 0, 0 }, { 1, 1, 1 }, { 2, 2, 2 } };
		int[] pixelDq = { PixelFlag.DO_NOT_USE.bits() | PixelFlag.REFERENCE_PIXEL.bits(), PixelFlag.SATURATED.bits(),
				PixelFlag.REFERENCE_PIXEL.bits() | PixelFlag.HOT.bits() };
		DraftRate draft = new DraftRate(3, 1.0);
		for (int i = 0; i < 2; i++) {
			float[] slope = draft.addIntegration(groups, new byte[3][3], pixelDq);
			assertNaN(slope[0]);
			assertNaN(slope[1]);
			assertEquals(1f, slope[2]);
		}
		float[] rate = draft.rate();
		assertNaN(rate[0]);
		assertNaN(rate[1]);
		assertEquals(1f, rate[2]);
	}

	@Test
	void nanReadIsAnUnusableGroup() {
		float[] ramp = { 10, 14, Float.NaN, 22, 26, 30 };
		assertEquals(2f, one(ramp, new byte[6], 2.0));
		assertNaN(one(new float[] { Float.NaN, 1, Float.NaN }, new byte[3], 1.0));
		assertNaN(one(new float[] { Float.POSITIVE_INFINITY, Float.NaN }, new byte[2], 1.0));
	}

	@Test
	void oneUsableGroupIsSuppressed() {
		assertNaN(one(new float[] { 5, 6, 7, 8 }, new byte[] { GOOD, DNU, DNU, DNU }, 1.0));
		assertNaN(one(new float[] { 5, 6, 7, 8 }, new byte[] { DNU, DNU, GOOD, SAT }, 1.0));
		// suppression comes before segmenting: a jump group in front of the single group does not rescue it
		assertNaN(one(new float[] { 5, 6, 7, 8 }, new byte[] { DNU, JUMP, GOOD, DNU }, 1.0));
		assertNaN(one(new float[] { 5, 6, 7 }, new byte[] { JUMP, JUMP, JUMP }, 1.0));
		assertNaN(one(new float[] { 5, 6, 7 }, new byte[] { DNU, DNU, DNU }, 1.0));
		// a one-group ramp is not suppressed
		assertEquals(2.5f, one(new float[] { 5 }, new byte[] { GOOD }, 2.0));
	}

	@Test
	void singleGroupSegments() {
		// only single-group segments: the first is kept, slope value / TGROUP
		assertEquals(2.5f, one(new float[] { 10, 99, 20, 99, 30 }, new byte[] { GOOD, DNU, GOOD, DNU, GOOD }, 4.0));
		// a longer segment exists: single-group segments are dropped
		assertEquals(0.75f, one(new float[] { 500, 99, 20, 23, 26 }, new byte[] { GOOD, DNU, GOOD, GOOD, GOOD }, 4.0));
	}

	@Test
	void pixelUsableInOneIntegrationOnly() {
		DraftRate draft = new DraftRate(2, 2.0);
		float[][] groups = { { 0, 0 }, { 4, 6 }, { 8, 12 } };
		float[] first = draft.addIntegration(groups, new byte[][] { { SAT, GOOD }, { SAT, GOOD }, { SAT, GOOD } }, null);
		assertNaN(first[0]);
		assertEquals(3f, first[1]);
		float[] second = draft.addIntegration(groups, new byte[3][2], null);
		assertEquals(2f, second[0]);
		assertEquals(3f, second[1]);
		assertArrayEquals(new float[] { 2f, 3f }, draft.rate());
	}

	@Test
	void noUsableIntegrationGivesNaNRate() {
		DraftRate draft = new DraftRate(1, 1.0);
		assertNaN(draft.rate()[0]);
		draft.addIntegration(new float[][] { { 1 }, { 2 } }, new byte[][] { { DNU }, { DNU } }, null);
		assertNaN(draft.rate()[0]);
	}

	@Test
	void rateIsPooledOverAllSegmentsNotAMeanOfIntegrationSlopes() {
		double tgroup = 10.7;
		DraftRate draft = new DraftRate(1, tgroup);
		// integration 1: segment [0..2] rising 3 DN/group (L = 3, weight 24), [4..5] falling 1 DN/group (L = 2, weight 6)
		float[] ramp1 = { 100, 103, 106, 1e6f, 50, 49, 7 };
		byte[] dq1 = { GOOD, GOOD, GOOD, DNU, GOOD, GOOD, DNU };
		// integration 2: segment [1..6] rising 2 DN/group (L = 6, weight 210)
		float[] ramp2 = { -40, 12, 14, 16, 18, 20, 22 };
		byte[] dq2 = { DNU, GOOD, GOOD, GOOD, GOOD, GOOD, GOOD };
		float int1 = draft.addIntegration(column(ramp1), column(dq1), new int[1])[0];
		float int2 = draft.addIntegration(column(ramp2), column(dq2), new int[1])[0];
		assertEquals((24 * 3 - 6) / 30.0 / tgroup, int1, 1e-6);
		assertEquals(2 / tgroup, int2, 1e-6);
		double pooled = (24 * 3 - 6 * 1 + 210 * 2) / 240.0 / tgroup;
		assertEquals(pooled, draft.rate()[0], 1e-6);
		assertTrue(Math.abs(pooled - (int1 + int2) / 2.0) > 1e-3);
		// integration 3: all 7 groups usable, one segment rising 4 DN/group (L = 7, weight 336)
		float[] ramp3 = { 0, 4, 8, 12, 16, 20, 24 };
		float int3 = draft.addIntegration(column(ramp3), column(new byte[7]), null)[0];
		assertEquals(4 / tgroup, int3, 1e-6);
		assertEquals((24 * 3 - 6 * 1 + 210 * 2 + 336 * 4) / 576.0 / tgroup, draft.rate()[0], 1e-6);
		// integration 4 is unusable and changes nothing
		assertNaN(draft.addIntegration(column(ramp3), column(new byte[7]), new int[] { PixelFlag.DO_NOT_USE.bits() })[0]);
		assertEquals((24 * 3 - 6 * 1 + 210 * 2 + 336 * 4) / 576.0 / tgroup, draft.rate()[0], 1e-6);
	}

	@Test
	void leastSquaresSlopeOfANoisySegment() {
		float[] ramp = { 3, 5, 4, 9, 11 };
		// slope = sum((k - 2) y_k) / sum((k - 2)^2) = (-6 - 5 + 0 + 9 + 22) / 10 DN/group
		assertEquals((float) (20 / 10.0 / 0.5), one(ramp, new byte[5], 0.5));
	}

	@Test
	void largeFramesGiveTheSameResultAsSmallOnes() {
		int pixels = 300 * 300;
		float[][] groups = new float[4][pixels];
		byte[][] dq = new byte[4][pixels];
		for (int p = 0; p < pixels; p++) {
			for (int g = 0; g < 4; g++) groups[g][p] = (p % 97) * g + p % 13;
			if (p % 5 == 0) dq[3][p] = SAT;
			if (p % 7 == 0) groups[0][p] = Float.NaN;
		}
		int[] pixelDq = new int[pixels];
		pixelDq[pixels - 1] = PixelFlag.DO_NOT_USE.bits();
		DraftRate draft = new DraftRate(pixels, 2.0);
		float[] slope = draft.addIntegration(groups, dq, pixelDq);
		for (int p = 0; p < pixels - 1; p++) assertEquals((p % 97) / 2f, slope[p], "pixel " + p);
		assertNaN(slope[pixels - 1]);
		assertArrayEquals(slope, draft.rate());
	}

	@Test
	void rejectsBadArguments() {
		assertThrows(IllegalArgumentException.class, () -> new DraftRate(4, 0));
		assertThrows(IllegalArgumentException.class, () -> new DraftRate(4, Double.NaN));
		assertThrows(IllegalArgumentException.class, () -> new DraftRate(-1, 1));
		DraftRate draft = new DraftRate(2, 1);
		assertThrows(IllegalArgumentException.class, () -> draft.addIntegration(new float[0][2], new byte[0][2], null));
		assertThrows(IllegalArgumentException.class, () -> draft.addIntegration(new float[2][2], new byte[1][2], null));
		assertThrows(IllegalArgumentException.class, () -> draft.addIntegration(new float[2][3], new byte[2][3], null));
		assertThrows(IllegalArgumentException.class, () -> draft.addIntegration(new float[2][2], new byte[2][2], new int[3]));
	}

	/** Slope of a one-pixel, one-integration ramp. */
	private static float one(float[] ramp, byte[] dq, double groupTime) {
		DraftRate draft = new DraftRate(1, groupTime);
		float slope = draft.addIntegration(column(ramp), column(dq), null)[0];
		assertEquals(Float.floatToIntBits(slope), Float.floatToIntBits(draft.rate()[0]));
		return slope;
	}

	private static float[][] column(float[] ramp) {
		float[][] planes = new float[ramp.length][];
		for (int g = 0; g < ramp.length; g++) planes[g] = new float[] { ramp[g] };
		return planes;
	}

	private static byte[][] column(byte[] dq) {
		byte[][] planes = new byte[dq.length][];
		for (int g = 0; g < dq.length; g++) planes[g] = new byte[] { dq[g] };
		return planes;
	}

	private static void assertNaN(float v) {
		assertTrue(Float.isNaN(v), "expected NaN, got " + v);
	}
}
