package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webbsteps.step.StepLog;

/** The reference's background_level / clip_to_background tests (spec §5.2). */
class BackgroundLevelTest {

	private final List<String> lines = new ArrayList<>();
	private final StepLog log = new StepLog() {
		public void info(String m) {
			lines.add(m);
		}

		public void warn(String m) {
			lines.add(m);
		}
	};

	private static boolean[] all(int n) {
		boolean[] m = new boolean[n];
		Arrays.fill(m, true);
		return m;
	}

	private static float[] noise() {
		Random r = new Random(123);
		float[] img = new float[100 * 100];
		for (int i = 0; i < img.length; i++) img[i] = (float) (0.01 * r.nextGaussian());
		img[0] += 1;
		img[101] -= 1;
		return img;
	}

	@ParameterizedTest
	@CsvSource({ "false, false", "true, false", "false, true", "true, true" })
	void outliersAreClippedAndTheRestKept(boolean fitHistogram, boolean lowerHalf) {
		float[] img = noise();
		boolean[] mask = all(img.length);
		BackgroundClip.clip(img, mask, 3, 2, fitHistogram, lowerHalf, log);
		assertFalse(mask[0]);
		assertFalse(mask[101]);
		int kept = 0;
		for (boolean b : mask) if (b) kept++;
		assertTrue(kept > 0.95 * img.length, "kept " + kept);
		boolean[] m2 = all(img.length);
		BackgroundClip.clip(img, m2, 3, 1000, fitHistogram, lowerHalf, log);
		assertTrue(m2[0]);
		boolean[] m3 = all(img.length);
		BackgroundClip.clip(img, m3, 1000, 2, fitHistogram, lowerHalf, log);
		assertTrue(m3[101]);
	}

	@Test
	void failedFitsKeepTheMask() {
		float[] nan = new float[100];
		Arrays.fill(nan, Float.NaN);
		boolean[] m = all(100);
		assertNull(BackgroundClip.clip(nan, m, 3, 2, true, false, log));
		assertTrue(lines.stream().anyMatch(l -> l.contains("Histogram failed")), lines.toString());
		boolean[] none = new boolean[100];
		assertNull(BackgroundClip.clip(noise(), none, 3, 2, false, false, log));
		float[] twoLevel = new float[100];
		for (int i = 75; i < 100; i++) twoLevel[i] = 0.1f;
		boolean[] m2 = all(100);
		BackgroundClip.clip(twoLevel, m2, 3, 2, true, false, log);
		assertTrue(lines.stream().anyMatch(l -> l.contains("Gaussian fit failed")), lines.toString());
		for (boolean b : m2) assertTrue(b);
	}

	private static float[] onesWithSpike() {
		float[] img = new float[100 * 100];
		Arrays.fill(img, 1f);
		img[50 * 100 + 50] = 1000;
		return img;
	}

	@Test
	void levels() {
		assertEquals(0f, BackgroundLevel.estimate(onesWithSpike(), all(10000), 100, 100, null, null, log).scalar);
		BackgroundLevel.Background median = BackgroundLevel.estimate(onesWithSpike(), all(10000), 100, 100, "median", null, log);
		assertNull(median.image);
		assertEquals(1f, median.scalar);
		for (int[] box : new int[][] { { 10, 10 }, { 32, 32 }, null }) {
			lines.clear();
			BackgroundLevel.Background model = BackgroundLevel.estimate(onesWithSpike(), all(10000), 100, 100, "model", box, log);
			for (float v : model.image) assertEquals(1f, v);
			if (box != null && box[0] == 32) assertTrue(lines.stream().anyMatch(l -> l.contains("does not divide evenly")), lines.toString());
		}
		assertEquals(25, Background2D.defaultBoxSize(100));
	}

	@Test
	void failedModelFallsBackToTheMedian() {
		float[] img = new float[100 * 100];
		Arrays.fill(img, Float.NaN);
		for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) img[y * 100 + x] = 1f;
		boolean[] mask = all(img.length);
		for (int i = 0; i < img.length; i++) if (Float.isNaN(img[i])) mask[i] = false;
		BackgroundLevel.Background b = BackgroundLevel.estimate(img, mask, 100, 100, "model", new int[] { 10, 10 }, log);
		assertNull(b.image);
		assertEquals(1f, b.scalar);
		assertTrue(lines.stream().anyMatch(l -> l.contains("Background fit failed")), lines.toString());
	}
}
