package org.webbsteps.selfcal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;

/** The flagger, the minimum, the MRS pedestal and the flag application (the reference's unit tests, §2.8). */
class BadPixelSelfCalTest {

	/**
	 * The reference's flagger test: a smooth 2-D polynomial background on a 1024 × 1032 frame,
	 * unit Gaussian noise, four outliers; square 15 × 15 window (no DISPAXIS).
	 */
	@Test
	void findsOutliersOnAMiriLikeFrame() {
		int height = 1024, width = 1032;
		float[] image = new float[width * height];
		Random r = new Random(77);
		for (int row = 0; row < height; row++) {
			double x = -1 + 2.0 * row / (height - 1);
			for (int col = 0; col < width; col++) {
				double y = -1 + 2.0 * col / (width - 1);
				double bg = 1 + 3 * y + 5 * y * y + x * (2 + 4 * y + 6 * y * y);
				image[row * width + col] = (float) (bg + r.nextGaussian());
			}
		}
		int[][] outliers = { { 300, 300 }, { 500, 600 }, { 1000, 900 }, { 100, 100 } };
		for (int i = 0; i < outliers.length; i++) image[outliers[i][0] * width + outliers[i][1]] += i < 3 ? 10 : -10;
		BadPixelSelfCal.Result res = BadPixelSelfCal.flag(image, width, height, SelfcalParams.defaults(), null, 2, StepLog.NONE);
		assertArrayEquals(new int[] { 15, 15 }, res.kernel);
		for (int[] o : outliers) assertTrue(Arrays.binarySearch(res.flagged, o[0] * width + o[1]) >= 0, "outlier at " + Arrays.toString(o));
		double fraction = res.flagged.length / (double) image.length;
		assertEquals(0.002, fraction, 0.0001);
	}

	/** The reference's orientation test: stripes in every 4th column vanish only for a window along y. */
	@Test
	void windowFollowsTheDispersionAxis() {
		int height = 102, width = 96;
		float[] image = new float[width * height];
		for (int y = 0; y < height; y++) for (int x = 0; x < width; x += 4) image[y * width + x] = 10;
		int[][] outliers = { { 10, 10 }, { 30, 30 }, { 50, 60 }, { 100, 90 } };
		for (int[] o : outliers) image[o[0] * width + o[1]] += 10;
		assertEquals(4, BadPixelSelfCal.flag(image, width, height, SelfcalParams.defaults(), 2, 1, StepLog.NONE).flagged.length);
		int[] along = BadPixelSelfCal.flag(image, width, height, SelfcalParams.defaults(), 1, 1, StepLog.NONE).flagged;
		assertArrayEquals(new int[] { 50 * width + 60 }, along);
		assertEquals(1, BadPixelSelfCal.flag(image, width, height, SelfcalParams.defaults(), null, 1, StepLog.NONE).flagged.length);
		assertThrows(JwstException.class, () -> BadPixelSelfCal.flag(image, width, height, SelfcalParams.defaults(), 3, 1, StepLog.NONE));
	}

	/** Strict comparisons: values equal to a threshold are kept, NaNs are never flagged, a 1 × 1 window flags nothing. */
	@Test
	void thresholdsAreStrict() {
		float[] image = new float[100];
		for (int i = 0; i < 100; i++) image[i] = i % 10;
		image[5] = Float.NaN;
		SelfcalParams p = SelfcalParams.defaults().withKernelSize(1);
		BadPixelSelfCal.Result r = BadPixelSelfCal.flag(image, 10, 10, p, 1, 1, StepLog.NONE);
		assertEquals(0, r.flagged.length);
		assertEquals(0.0, r.lowerThreshold);
		assertEquals(0.0, r.upperThreshold);
		// a 1 x 3 window on 1 1 9 1 ... 1: every median is 1, so the high-pass is 8 at x = 2 and 0 elsewhere;
		// the 95th percentile of nine 0s and one 8 is about 8 - 8 * 0.45 (numpy interpolates from the upper value)
		float[] row = { 1, 1, 9, 1, 1, 1, 1, 1, 1, 1 };
		BadPixelSelfCal.Result one = BadPixelSelfCal.flag(row, 10, 1, SelfcalParams.defaults().withKernelSize(3).withFlagfracUpper(0.05), 1, 1, StepLog.NONE);
		assertArrayEquals(new int[] { 2 }, one.flagged);
		assertEquals(4.3999999999999915, one.upperThreshold, 0); // numpy 2.4: np.nanpercentile(hpf, [0.1, (1 - 0.05) * 100])[1]
	}

	@Test
	void flagsAreOredIntoDqAndNanInData() {
		int[] dq = { 0, 4, 0, 1 << 31 };
		float[] sci = { 1, 2, 3, 4 };
		double[] var = { 1, 2, 3, 4 };
		int[] flagged = { 0, 1, 3 };
		BadPixelSelfCal.applyToDq(dq, flagged);
		BadPixelSelfCal.applyToData(sci, flagged);
		BadPixelSelfCal.applyToData(var, flagged);
		assertEquals(1073741825, dq[0]);
		assertEquals(1073741825 | 4, dq[1]);
		assertEquals(0, dq[2]);
		assertEquals(0x80000000 | 1073741825, dq[3]);
		assertTrue(Float.isNaN(sci[0]) && Float.isNaN(sci[1]) && sci[2] == 3 && Float.isNaN(sci[3]));
		assertTrue(Double.isNaN(var[0]) && var[2] == 3);
	}

	@Test
	void minimumIgnoresNans() {
		MinImage m = new MinImage(4);
		m.add(new float[] { 1, Float.NaN, 5, Float.NaN });
		m.add(new float[] { 2, 3, Float.NaN, Float.NaN });
		m.add(new float[] { 0.5f, 4, 6, Float.NaN });
		assertArrayEquals(new float[] { 0.5f, 3, 5, Float.NaN }, m.image(), 0f);
		assertEquals(3, m.count());
	}

	@Test
	void mrsPedestalIsTheGapMedian() {
		assertArrayEquals(new int[] { 50, 974, 503, 516 }, MrsPedestal.region("MIRIFUSHORT"));
		assertArrayEquals(new int[] { 50, 974, 474, 507 }, MrsPedestal.region("mirifulong"));
		assertEquals(null, MrsPedestal.region("NRS1"));
		assertEquals(null, MrsPedestal.region("MIRIMAGE"));
		int width = 1032, height = 1024;
		float[] image = new float[width * height];
		Arrays.fill(image, 100f);
		for (int y = 50; y < 974; y++) for (int x = 503; x < 516; x++) image[y * width + x] = (x - 503) % 2 == 0 ? 2f : 3f; // 7 of 13 are 2
		image[60 * width + 503] = Float.NaN;
		assertEquals(2f, MrsPedestal.subtract(image, width, height, "MIRIFUSHORT"));
		assertEquals(98f, image[0]);
		float[] other = image.clone();
		assertEquals(0f, MrsPedestal.subtract(other, width, height, "NRS1"));
		assertArrayEquals(image, other, 0f);
		// an even count takes the float32 mean of the middle pair; no value at all gives NaN
		float[] tiny = new float[16 * 16];
		assertTrue(Float.isNaN(MrsPedestal.median(tiny, 16, 16, MrsPedestal.region("MIRIFULONG"))));
		float[] pair = { 1, 2 };
		assertEquals(1.5f, MrsPedestal.median(pair, 2, 1, new int[] { 0, 1, 0, 2 }));
	}
}
