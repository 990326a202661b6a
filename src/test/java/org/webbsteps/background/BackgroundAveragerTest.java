package org.webbsteps.background;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The averaging rules of spec §3.4.5-3.4.6 on hand-computed stacks. */
class BackgroundAveragerTest {

	private static final float NAN = Float.NaN;

	private static ExposureArrays rate(int width, int height, float[] sci, float[] err, int[] dq) {
		return new ExposureArrays(width, height, new float[][] { sci }, err == null ? null : new float[][] { err }, dq == null ? null : new int[][] { dq });
	}

	private static Placement all(int width, int height) {
		return new Placement(0, 0, 0, 0, width, height);
	}

	private static CombinedBackground average(double sigma, List<ExposureArrays> b, List<Placement> p, int width, int height, boolean rateints) {
		return new BackgroundAverager(sigma, Integer.MAX_VALUE, 1, null).average(b, p, width, height, rateints);
	}

	@Test
	void rateBackgroundsAreClippedAcrossFilesAndAveraged() {
		// pixel 0: 1, 2, 3, 10 -> 10 is clipped at 1.5 sigma, mean 2; err sqrt(1 + 4 + 4) / 3
		// pixel 1: a NaN is left out; pixel 2: all NaN -> 0
		List<ExposureArrays> b = Arrays.asList(
				rate(3, 1, new float[] { 1, 5, NAN }, new float[] { 1, 3, 1 }, new int[] { 1, 0, 64 }),
				rate(3, 1, new float[] { 2, NAN, NAN }, new float[] { 2, 3, 1 }, new int[] { 2, 0, 0 }),
				rate(3, 1, new float[] { 3, 5, NAN }, new float[] { 2, 3, 1 }, new int[] { 4, 0, 0 }),
				rate(3, 1, new float[] { 10, 5, NAN }, new float[] { 4, 3, 1 }, new int[] { 8, 0, 0 }));
		CombinedBackground c = average(1.5, b, Arrays.asList(all(3, 1), all(3, 1), all(3, 1), all(3, 1)), 3, 1, false);
		assertArrayEquals(new float[] { 2, 5, 0 }, c.sci);
		assertArrayEquals(new float[] { 1, (float) (Math.sqrt(27) / 3), 0 }, c.err);
		assertArrayEquals(new int[] { 15, 0, 64 }, c.dq); // the clipped background's flag too
	}

	@Test
	void placementsLeaveUncoveredPixelsToTheOtherBackgrounds() {
		// background A covers science column 1 only (its own column 0); B covers everything; C is disjoint
		ExposureArrays a = rate(1, 1, new float[] { 4 }, null, new int[] { 2 });
		ExposureArrays b = rate(3, 1, new float[] { 2, 2, 2 }, new float[] { 1, 1, 1 }, null);
		ExposureArrays c = rate(1, 1, new float[] { 100 }, null, new int[] { 1 << 30 });
		CombinedBackground r = average(3, Arrays.asList(a, b, c), Arrays.asList(new Placement(0, 0, 1, 0, 1, 1), all(3, 1), null), 3, 1, false);
		assertArrayEquals(new float[] { 2, 3, 2 }, r.sci);
		assertArrayEquals(new int[] { 0, 2, 0 }, r.dq); // the disjoint background's DQ is ignored
		assertArrayEquals(new float[] { 1, 0.5f, 1 }, r.err); // missing ERR reads as 0
	}

	@Test
	void rateintsBackgroundsAreFirstAveragedOverTheirIntegrations() {
		// A: pixel 0 = 1, 1, 1, 1, 50 (50 clipped at 1.5 sigma), err 2; pixel 1 NaN in every integration -> 0
		float[][] aSci = new float[5][];
		float[][] aErr = new float[5][];
		int[][] aDq = new int[5][];
		for (int j = 0; j < 5; j++) {
			aSci[j] = new float[] { j == 4 ? 50 : 1, NAN };
			aErr[j] = new float[] { 2, 2 };
			aDq[j] = new int[] { j == 4 ? 4 : 0, 0 };
		}
		ExposureArrays a = new ExposureArrays(2, 1, aSci, aErr, aDq);
		// B: 3 integrations of 7 on a 1 x 1 subarray over science pixel 0, err 1
		ExposureArrays b = new ExposureArrays(1, 1, new float[][] { { 7 }, { 7 }, { 7 } }, new float[][] { { 1 }, { 1 }, { 1 } }, null);
		CombinedBackground r = average(1.5, Arrays.asList(a, b), Arrays.asList(all(2, 1), new Placement(0, 0, 0, 0, 1, 1)), 2, 1, true);
		assertEquals(4f, r.sci[0]); // (1 + 7) / 2: two values are never clipped at 1.5 sigma
		assertEquals((float) (Math.sqrt(4 + 1) / 2), r.err[0]);
		assertEquals(0f, r.sci[1]); // A all clipped (0) and B outside its block (0) both count as 0
		assertEquals(1f, r.err[1]); // A's ERR² is finite and clipped on its own: sqrt(4 + 0) / 2
		assertEquals(4, r.dq[0]);
	}

	@Test
	void rateintsMeansUseFloat32Sums() {
		// float32: 16777216 + 1 + 1 = 16777216 (each +1 rounds away), then / 3 in float64
		float big = 16777216f;
		ExposureArrays a = new ExposureArrays(1, 1, new float[][] { { big }, { 1 }, { 1 } }, null, null);
		CombinedBackground r = new BackgroundAverager(100, Integer.MAX_VALUE, 1, null).average(Arrays.asList(a), Arrays.asList(all(1, 1)), 1, 1, true);
		assertEquals((float) (16777216.0 / 3), r.sci[0]);
	}

	@Test
	void threadsDoNotChangeTheResult() {
		Random rnd = new Random(3);
		int w = 37, h = 45, n = 5;
		ExposureArrays[] b = new ExposureArrays[n];
		Placement[] p = new Placement[n];
		for (int i = 0; i < n; i++) {
			float[] s = new float[w * h];
			float[] e = new float[w * h];
			int[] q = new int[w * h];
			for (int k = 0; k < s.length; k++) {
				s[k] = rnd.nextInt(50) == 0 ? NAN : (float) (10 + rnd.nextGaussian() + (rnd.nextInt(20) == 0 ? 30 : 0));
				e[k] = (float) rnd.nextDouble();
				q[k] = rnd.nextInt(8) == 0 ? 1 << rnd.nextInt(32) : 0;
			}
			b[i] = rate(w, h, s, e, q);
			p[i] = i == 3 ? new Placement(0, 0, 5, 7, 20, 30) : all(w, h);
		}
		CombinedBackground one = new BackgroundAverager(2, Integer.MAX_VALUE, 1, null).average(Arrays.asList(b), Arrays.asList(p), w, h, false);
		CombinedBackground four = new BackgroundAverager(2, Integer.MAX_VALUE, 4, null).average(Arrays.asList(b), Arrays.asList(p), w, h, false);
		assertArrayEquals(one.sci, four.sci);
		assertArrayEquals(one.err, four.err);
		assertArrayEquals(one.dq, four.dq);
	}

	/** Random stacks with clipping, NaN, flags and partial or missing coverage. */
	private static List<ExposureArrays> randomBackgrounds(Random rnd, int n, int w, int h, int nints) {
		ExposureArrays[] b = new ExposureArrays[n];
		for (int i = 0; i < n; i++) {
			float[][] s = new float[nints][w * h];
			float[][] e = new float[nints][w * h];
			int[][] q = new int[nints][w * h];
			for (int j = 0; j < nints; j++) {
				for (int k = 0; k < w * h; k++) {
					s[j][k] = rnd.nextInt(40) == 0 ? NAN : (float) (10 + rnd.nextGaussian() + (rnd.nextInt(15) == 0 ? 30 : 0));
					e[j][k] = (float) rnd.nextDouble();
					q[j][k] = rnd.nextInt(8) == 0 ? 1 << rnd.nextInt(32) : 0;
				}
			}
			b[i] = new ExposureArrays(w, h, s, e, q);
		}
		return Arrays.asList(b);
	}

	@Test
	void fusedSubtractionEqualsAverageThenSubtract() {
		Random rnd = new Random(11);
		int w = 41, h = 23;
		for (int nints : new int[] { 0, 3 }) {
			for (int n : new int[] { 1, 3, 5 }) {
				List<ExposureArrays> b = randomBackgrounds(rnd, n, w, h, Math.max(1, nints));
				Placement[] p = new Placement[n];
				for (int i = 0; i < n; i++) p[i] = i == 1 ? new Placement(3, 2, 10, 4, 25, 15) : i == 3 ? null : all(w, h);
				List<Placement> placements = Arrays.asList(p);
				float[][] sci = new float[Math.max(1, nints)][w * h];
				int[][] dq = new int[sci.length][w * h];
				for (int j = 0; j < sci.length; j++) for (int k = 0; k < w * h; k++) {
					sci[j][k] = (float) (100 + rnd.nextGaussian());
					dq[j][k] = rnd.nextInt(20) == 0 ? 4 : 0;
				}
				float[][] sci2 = new float[sci.length][];
				int[][] dq2 = new int[sci.length][];
				for (int j = 0; j < sci.length; j++) {
					sci2[j] = sci[j].clone();
					dq2[j] = dq[j].clone();
				}
				BackgroundAverager avg = new BackgroundAverager(2.0, Integer.MAX_VALUE, 2, null);
				CombinedBackground c = avg.average(b, placements, w, h, nints > 0);
				c.subtractFrom(sci, dq);
				CombinedBackground kept = avg.subtract(b, placements, sci2, dq2, w, h, nints > 0, true);
				for (int j = 0; j < sci.length; j++) {
					assertArrayEquals(sci[j], sci2[j], "n " + n + ", nints " + nints);
					assertArrayEquals(dq[j], dq2[j]);
				}
				assertArrayEquals(c.sci, kept.sci);
				assertArrayEquals(c.err, kept.err);
				assertArrayEquals(c.dq, kept.dq);
				assertEquals(null, avg.subtract(b, placements, sci2, dq2, w, h, nints > 0, false));
			}
		}
	}

	@Test
	void subtractionIsFloat32AndBroadcastOverIntegrations() {
		CombinedBackground c = new CombinedBackground(2, 1, new float[] { 1.5f, 0 }, new float[2], new int[] { 1 << 31, 0 });
		float[][] sci = { { 10, NAN }, { 20, 3 } };
		int[][] dq = { { 2, 0 }, { 0, 0 } };
		c.subtractFrom(sci, dq);
		assertArrayEquals(new float[] { 8.5f, NAN }, sci[0]);
		assertArrayEquals(new float[] { 18.5f, 3 }, sci[1]);
		assertArrayEquals(new int[] { 2 | 1 << 31, 0 }, dq[0]);
		assertArrayEquals(new int[] { 1 << 31, 0 }, dq[1]);
	}

	@Test
	void rateScienceNeedsSinglePlaneBackgroundsAndFittingPlacements() {
		ExposureArrays cube = new ExposureArrays(1, 1, new float[][] { { 1 }, { 2 } }, null, null);
		assertThrows(IllegalArgumentException.class, () -> average(3, Arrays.asList(cube), Arrays.asList(all(1, 1)), 1, 1, false));
		ExposureArrays small = rate(2, 2, new float[4], null, null);
		assertThrows(IllegalArgumentException.class, () -> average(3, Arrays.asList(small), Arrays.asList(new Placement(1, 0, 0, 0, 2, 2)), 2, 2, false));
	}
}
