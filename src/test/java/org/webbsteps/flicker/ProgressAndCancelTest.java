package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.webbsteps.step.StepLog;

/** Progress is reported per group difference and cancellation stops the work between images. */
class ProgressAndCancelTest {

	private static float[][] ramp(int ngroups, int nints, int n) {
		float[][] p = new float[ngroups * nints][n];
		for (int i = 0; i < p.length; i++) Arrays.fill(p[i], i % ngroups);
		return p;
	}

	private static boolean[][] all(int n) {
		boolean[] m = new boolean[n];
		Arrays.fill(m, true);
		return new boolean[][] { m };
	}

	@Test
	void progressOncePerDifference() {
		List<Long> done = java.util.Collections.synchronizedList(new ArrayList<>());
		StepLog log = new StepLog() {
			public void info(String m) {
			}

			public void warn(String m) {
			}

			@Override
			public void progress(long d, long total) {
				assertEquals(2 * 4, total);
				done.add(d);
			}
		};
		new FlickerNoiseCleaner(FlickerParams.defaults(), 1, null, log, 2).cleanRamp(ramp(5, 2, 64), null, 8, 8, 5, 2, all(64), null);
		assertEquals(Arrays.asList(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), done);
	}

	@Test
	void oneAndTwoThreadsGiveTheSameRamp() {
		java.util.Random r = new java.util.Random(9);
		int n = 32 * 24;
		float[][] a = new float[12][n];
		for (int p = 0; p < a.length; p++) for (int i = 0; i < n; i++) a[p][i] = (p % 6) * 10 + (float) r.nextGaussian() + (i % 24 == 3 ? 5 : 0);
		a[3][17] = Float.NaN;
		byte[][] g = new byte[12][n];
		g[2][40] = 4;
		float[][] b = new float[12][];
		for (int p = 0; p < 12; p++) b[p] = a[p].clone();
		new FlickerNoiseCleaner(FlickerParams.defaults(), 1, null, StepLog.NONE, 1).cleanRamp(a, g, 24, 32, 6, 2, all(n), null);
		new FlickerNoiseCleaner(FlickerParams.defaults(), 1, null, StepLog.NONE, 2).cleanRamp(b, g, 24, 32, 6, 2, all(n), null);
		for (int p = 0; p < 12; p++) org.junit.jupiter.api.Assertions.assertArrayEquals(a[p], b[p]);
	}

	@Test
	void cancelStopsTheLoop() {
		int[] progress = { 0 };
		StepLog log = new StepLog() {
			public void info(String m) {
			}

			public void warn(String m) {
			}

			@Override
			public void progress(long d, long total) {
				progress[0]++;
			}

			@Override
			public boolean isCanceled() {
				return progress[0] >= 2;
			}
		};
		FlickerNoiseCleaner c = new FlickerNoiseCleaner(FlickerParams.defaults(), 1, null, log, 2);
		assertThrows(StepLog.CanceledException.class, () -> c.cleanRamp(ramp(10, 1, 64), null, 8, 8, 10, 1, all(64), null));
		assertTrue(progress[0] >= 2 && progress[0] <= 4, "stopped after " + progress[0] + " of 9 differences");
		progress[0] = 0;
		FlickerNoiseCleaner one = new FlickerNoiseCleaner(FlickerParams.defaults(), 1, null, log, 1);
		assertThrows(StepLog.CanceledException.class, () -> one.cleanRamp(ramp(10, 1, 64), null, 8, 8, 10, 1, all(64), null));
		assertEquals(2, progress[0]);
	}
}
