package org.webbsteps.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.Golden;
import org.webbsteps.TestData;
import org.webbsteps.background.BkgFiles.Run;
import org.webbsteps.io.FitsFile;
import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.FitsWriter;
import org.webbsteps.io.PixelType;

/**
 * NIRISS SOSS through the step: a generated BKG reference in the CRDS SossBkgModel layout (SCI,
 * ERR, DQ of shape (n_templates, 256, 2048)), the single-template exoTEDRF file as an override,
 * and the SKIPPED and error outcomes of spec §3.6-3.8.
 */
class SossStepTest {

	private static final int W = 2048;

	@TempDir
	Path dir;

	/** A SossBkgModel-layout reference file holding the given 256-row templates. */
	private Path crdsReference(String name, double[]... templates) {
		int n = templates.length;
		float[] sci = new float[n * 256 * W];
		for (int t = 0; t < n; t++) for (int i = 0; i < 256 * W; i++) sci[t * 256 * W + i] = (float) templates[t][i];
		long[] dims = { W, 256, n };
		FitsHeader primary = FitsHeader.newPrimary();
		primary.set("TELESCOP", "JWST", "");
		primary.set("REFTYPE", "BKG", "");
		primary.set("DATAMODL", "SossBkgModel", "");
		primary.set("INSTRUME", "NIRISS", "");
		primary.set("EXP_TYPE", "NIS_SOSS", "");
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(BkgFiles.image("SCI", PixelType.FLOAT32, dims, sci));
		parts.add(BkgFiles.image("ERR", PixelType.FLOAT32, dims, null));
		parts.add(BkgFiles.image("DQ", PixelType.UINT32, dims, null));
		Path file = dir.resolve(name);
		FitsWriter.write(file, parts);
		return file;
	}

	private static double[] rows(double[] t, int first, int count) {
		return Arrays.copyOfRange(t, first * W, (first + count) * W);
	}

	private static float[] concat(float[][] planes) {
		float[] all = new float[planes.length * planes[0].length];
		for (int p = 0; p < planes.length; p++) System.arraycopy(planes[p], 0, all, p * planes[0].length, planes[0].length);
		return all;
	}

	/** Mean of the background-only rows (the first quarter) of every integration. */
	private static double backgroundMean(float[] all, int rows, int nints) {
		double sum = 0;
		int n = 0;
		for (int p = 0; p < nints; p++) for (int i = 0; i < rows / 4 * W; i++) {
			sum += all[p * rows * W + i];
			n++;
		}
		return sum / n;
	}

	@Test
	void substrip96CubeWithAGeneratedCrdsReferenceIsFitted() {
		double[] step = SossTemplateFitterTest.stepTemplate(256);
		double[] tilted = step.clone();
		for (int i = 0; i < tilted.length; i++) tilted[i] *= 1 + (i % W) / 2048.0;
		Path ref = crdsReference("jwst_niriss_bkg_test.fits", tilted, step);
		double[] t96 = rows(step, SossTemplateFitter.SUBSTRIP96_FIRST_ROW, 96);
		int[] d = new SossTemplateFitter(W, 96, true).stepColumns(t96);
		float[][] data = SossTemplateFitterTest.sossData(t96, 96, 10, 4.0, 6.0, 0.001, d, 7);
		Path sci = BkgFiles.soss().with("SUBARRAY", "SUBSTRIP96").write(dir.resolve("soss_rateints.fits"), 10, 96, W, concat(data), null, null);
		Run r = BkgFiles.run(sci, "--override_bkg=" + ref, "--output_dir=" + dir);
		assertEquals(0, r.code, r.log);
		Path out = dir.resolve("soss_bsubints.fits");
		assertEquals("COMPLETE", BkgFiles.keyword(out, "S_BKDSUB"));
		assertEquals("jwst_niriss_bkg_test.fits", BkgFiles.keyword(out, "R_BKG"));
		assertTrue(r.log.contains("Best-fit template 2 of 2"), r.log);
		assertTrue(r.log.contains("SCI extension"), r.log);
		assertEquals(0, backgroundMean(Golden.floats(out, "SCI"), 96, 10), 1e-3);
	}

	@Test
	void substrip256ImageAndWiderPercentilesComplete() {
		double[] step = SossTemplateFitterTest.stepTemplate(256);
		Path ref = crdsReference("bkg256.fits", step);
		int[] d = new SossTemplateFitter(W, 256, true).stepColumns(step);
		float[][] data = SossTemplateFitterTest.sossData(step, 256, 1, 0.5, 0.7, 0.001, d, 8);
		Path sci = BkgFiles.soss().with("SUBARRAY", "SUBSTRIP256").write(dir.resolve("soss_rate.fits"), 0, 256, W, data[0], null, null);
		Run r = BkgFiles.run(sci, "--override_bkg=" + ref, "--soss_bkg_percentile=5,95", "--output_dir=" + dir);
		assertEquals(0, r.code, r.log);
		Path out = dir.resolve("soss_bsub.fits");
		assertEquals("COMPLETE", BkgFiles.keyword(out, "S_BKDSUB"));
		assertEquals(0, backgroundMean(Golden.floats(out, "SCI"), 256, 1), 1e-3);
	}

	@Test
	void singleTemplateOverrideFromExoTedrfIsFitted() {
		Path ref = TestData.DIR.resolve("soss_model_background96_exoTEDRF_converted.fits");
		double[] t;
		try (FitsFile f = FitsFile.open(ref)) {
			t = (double[]) f.readImage(f.primary()).plane(0);
		}
		int[] d = new SossTemplateFitter(W, 96, false).stepColumns(t);
		float[][] data = SossTemplateFitterTest.sossData(t, 96, 3, 1.5, 1.5, 0.01, d, 9);
		float[] all = concat(data);
		Path sci = BkgFiles.soss().with("SUBARRAY", "SUBSTRIP96").write(dir.resolve("exo_rateints.fits"), 3, 96, W, all, null, null);
		Run r = BkgFiles.run(sci, "--override_bkg=" + ref, "--soss_bkg_percentile=5,95", "--output_dir=" + dir);
		assertEquals(0, r.code, r.log);
		Path out = dir.resolve("exo_bsubints.fits");
		assertEquals("COMPLETE", BkgFiles.keyword(out, "S_BKDSUB"));
		assertTrue(r.log.contains("primary HDU"), r.log);
		double before = backgroundMean(all, 96, 3);
		double after = backgroundMean(Golden.floats(out, "SCI"), 96, 3);
		assertTrue(before > 5, "background level " + before);
		assertEquals(0, after, 0.01, "residual background");
	}

	/**
	 * The reference tests' mock data: N(0, 1) noise with 1e-4 NaN (flagged) and 1e-3 outliers at
	 * 100, plus 0.123 times the template, as an image and as a 10-integration cube.
	 */
	@Test
	void referenceMockDataIsProcessedAsImageAndCube() {
		double[] step = SossTemplateFitterTest.stepTemplate(256);
		Path ref = crdsReference("two.fits", step, step);
		java.util.Random rnd = new java.util.Random(42);
		float[] sci = new float[256 * W];
		int[] dq = new int[sci.length];
		for (int i = 0; i < sci.length; i++) {
			double v = rnd.nextGaussian();
			if (rnd.nextInt(1000) == 0) v = 100 + rnd.nextGaussian();
			sci[i] = (float) (v + 0.123 * step[i]);
			if (rnd.nextInt(10000) == 0) {
				sci[i] = Float.NaN;
				dq[i] = 1;
			}
		}
		Path image = BkgFiles.soss().write(dir.resolve("mock_rate.fits"), 0, 256, W, sci, null, dq);
		float[] cube = new float[10 * sci.length];
		int[] cubeDq = new int[cube.length];
		for (int p = 0; p < 10; p++) {
			System.arraycopy(sci, 0, cube, p * sci.length, sci.length);
			System.arraycopy(dq, 0, cubeDq, p * sci.length, sci.length);
		}
		Path cubeFile = BkgFiles.soss().write(dir.resolve("mock_rateints.fits"), 10, 256, W, cube, null, cubeDq);
		for (Path in : new Path[] { image, cubeFile }) {
			Run r = BkgFiles.run(in, "--override_bkg=" + ref, "--output_dir=" + dir);
			assertEquals(0, r.code, r.log);
		}
		assertEquals("COMPLETE", BkgFiles.keyword(dir.resolve("mock_bsub.fits"), "S_BKDSUB"));
		assertEquals("COMPLETE", BkgFiles.keyword(dir.resolve("mock_bsubints.fits"), "S_BKDSUB"));
		float[] out = Golden.floats(dir.resolve("mock_bsub.fits"), "SCI");
		assertTrue(Float.isNaN(out[firstNaN(sci)]));
		assertEquals(Golden.floats(dir.resolve("mock_bsub.fits"), "SCI")[12345], Golden.floats(dir.resolve("mock_bsubints.fits"), "SCI")[9 * sci.length + 12345]);
	}

	private static int firstNaN(float[] v) {
		for (int i = 0; i < v.length; i++) if (Float.isNaN(v[i])) return i;
		throw new AssertionError("no NaN");
	}

	@Test
	void skippedOutcomes() {
		double[] step = SossTemplateFitterTest.stepTemplate(256);
		float[][] data = SossTemplateFitterTest.sossData(rows(step, 10, 96), 96, 1, 4, 6, 0.001, new SossTemplateFitter(W, 96, true).stepColumns(rows(step, 10, 96)), 10);
		Path sci = BkgFiles.soss().write(dir.resolve("s_rate.fits"), 0, 96, W, data[0], null, null);
		Path out = dir.resolve("s_bsub.fits");
		// no reference file: what the pipeline does when CRDS answers N/A
		Run r = BkgFiles.run(sci, "--output_dir=" + dir);
		assertEquals(0, r.code, r.log);
		assertEquals("SKIPPED", BkgFiles.keyword(out, "S_BKDSUB"));
		assertTrue(r.log.contains("No BKG reference file found"), r.log);
		// no template can be fitted (all zeros: no finite ratio)
		r = BkgFiles.run(sci, "--override_bkg=" + crdsReference("zeros.fits", new double[256 * W]), "--output_dir=" + dir);
		assertEquals("SKIPPED", BkgFiles.keyword(out, "S_BKDSUB"));
		assertTrue(r.log.contains("Template matching failed"), r.log);
		assertEquals(data[0][5000], Golden.floats(out, "SCI")[5000]);
		// template rows that fit neither the science nor SUBSTRIP96
		Path sci128 = BkgFiles.soss().write(dir.resolve("t_rate.fits"), 0, 128, W, 1f);
		r = BkgFiles.run(sci128, "--override_bkg=" + crdsReference("bkg.fits", step), "--output_dir=" + dir);
		assertEquals("SKIPPED", BkgFiles.keyword(dir.resolve("t_bsub.fits"), "S_BKDSUB"));
		assertTrue(r.log.contains("does not match SOSS subarray"), r.log);
	}

	@Test
	void referenceFilesOfAnotherLayoutAreOneClearError() {
		Path sci = BkgFiles.soss().write(dir.resolve("e_rate.fits"), 0, 96, W, 1f);
		FitsHeader primary = FitsHeader.newPrimary();
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(BkgFiles.image("MASK", PixelType.FLOAT32, new long[] { 16, 16 }, null));
		Path noTemplates = dir.resolve("mask_only.fits");
		FitsWriter.write(noTemplates, parts);
		Path narrow = BkgFiles.soss().write(dir.resolve("narrow.fits"), 0, 96, 1024, 1f);
		for (Path ref : new Path[] { noTemplates, narrow }) {
			Run r = BkgFiles.run(sci, "--override_bkg=" + ref, "--output_dir=" + dir);
			assertEquals(1, r.code, r.log);
			assertTrue(r.log.contains("webb-steps: error: " + ref), r.log);
		}
		assertTrue(!dir.resolve("e_bsub.fits").toFile().exists());
	}
}
