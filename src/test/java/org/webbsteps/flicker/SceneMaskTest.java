package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webbsteps.Golden;
import org.webbsteps.step.StepLog;

class SceneMaskTest {

	private static float[][] planes(Path file) {
		long[] d = Golden.dims(file, "SCI");
		float[] all = Golden.floats(file, "SCI");
		int size = (int) (d[0] * d[1]);
		int n = all.length / size;
		float[][] p = new float[n][];
		for (int i = 0; i < n; i++) p[i] = java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size);
		return p;
	}

	private static boolean[] concat(boolean[][] masks) {
		boolean[] out = new boolean[masks.length * masks[0].length];
		for (int i = 0; i < masks.length; i++) System.arraycopy(masks[i], 0, out, i * masks[0].length, masks[0].length);
		return out;
	}

	@ParameterizedTest
	@CsvSource({ "ref_mask_default, 2.0, false, 0", "ref_mask_fit_histogram, 3.0, true, 0.0005", "ref_mask_no_clip, 0.0, false, 0" })
	void rateMaskMatchesTheReference(String ref, double nSigma, boolean fitHistogram, double tolerance) {
		Path dir = Golden.bundled("p13_create_mask_rate");
		Path input = dir.resolve("input_rate.fits.gz");
		long[] d = Golden.dims(input, "SCI");
		boolean[][] m = SceneMask.create(planes(input), null, (int) d[0], (int) d[1], Collections.emptyList(), nSigma, fitHistogram, false, StepLog.NONE);
		Golden.assertMask(ref, Golden.mask(dir.resolve(ref + ".fits.gz"), "MASK"), m[0], tolerance);
	}

	@ParameterizedTest
	@CsvSource({ "ref_mask_single, true", "ref_mask_per_int, false" })
	void rateintsMasksMatchTheReference(String ref, boolean single) {
		Path dir = Golden.bundled("p14_create_mask_rateints");
		Path input = dir.resolve("input_rateints.fits.gz");
		long[] d = Golden.dims(input, "SCI");
		boolean[][] m = SceneMask.create(planes(input), null, (int) d[0], (int) d[1], Collections.emptyList(), 2.0, false, single, StepLog.NONE);
		assertEquals(single ? 1 : 4, m.length);
		Golden.assertMask(ref, Golden.mask(dir.resolve(ref + ".fits.gz"), "MASK"), concat(m), 0);
	}

	/** Ramp cases: our mask from the case's draft rate equals the reference mask the step was given. */
	@ParameterizedTest
	@CsvSource({ "p01_nircam_sub160_ramp_median, input_rate, 2.0, true", "p02_nirspec_nrs2_sub1024b_ramp_model_bkg_fallback, input_rate, 2.0, true",
			"p03_niriss_sub256_ramp_model_bkg, input_rate, 2.0, true", "p06_nircam_tso_ramp_single_mask_false, input_rateints, 2.0, false" })
	void maskFromTheDraftRateMatchesTheReference(String caseName, String draft, double nSigma, boolean single) {
		Path dir = Golden.bundled(caseName);
		Path input = dir.resolve(draft + ".fits.gz");
		long[] d = Golden.dims(input, "SCI");
		boolean[][] m = SceneMask.create(planes(input), null, (int) d[0], (int) d[1], Collections.emptyList(), nSigma, false, single, StepLog.NONE);
		Golden.assertMask(caseName, Golden.mask(dir.resolve("ref_mask.fits.gz"), "SCI"), concat(m), 0);
	}

	/** The reference's test_create_mask_from_rateints: one outlier per plane on the diagonal. */
	@Test
	void outliersPerIntegrationAndCombined() {
		int w = 10, h = 10;
		java.util.Random r = new java.util.Random(5);
		float[][] p = new float[3][w * h];
		for (float[] plane : p) for (int i = 0; i < plane.length; i++) plane[i] = 1f + 0.01f * (float) r.nextGaussian();
		for (int i = 0; i < 3; i++) p[i][i * w + i] += 100;
		boolean[][] per = SceneMask.create(p, null, w, h, Collections.emptyList(), 2.0, false, false, StepLog.NONE);
		for (int i = 0; i < 3; i++) assertFalse(per[i][i * w + i]);
		boolean[][] one = SceneMask.create(p, null, w, h, Collections.emptyList(), 2.0, false, true, StepLog.NONE);
		assertEquals(1, one.length);
		for (int i = 0; i < 3; i++) assertFalse(one[0][i * w + i]);
	}

	@Test
	void regionsNanAndZeroAreExcluded() {
		int w = 4, h = 3;
		float[] draft = new float[w * h];
		java.util.Arrays.fill(draft, 1f);
		draft[0] = Float.NaN;
		draft[1] = 0f;
		int[] dq = new int[w * h];
		dq[5] = 1 << 29; // MSA_FAILED_OPEN
		List<SceneMask.Region> regions = java.util.Arrays.asList(SceneMask.dqBits(1 << 29), SceneMask.rows(11, 12, 10));
		boolean[] m = SceneMask.create(new float[][] { draft }, new int[][] { dq }, w, h, regions, 0, false, true, StepLog.NONE)[0];
		assertFalse(m[0]);
		assertFalse(m[1]);
		assertFalse(m[5]);
		for (int x = 0; x < w; x++) assertFalse(m[w + x]); // full-frame row 11 = array row 1 with offset 10
		assertTrue(m[2]);
		assertTrue(m[8]);
	}
}
