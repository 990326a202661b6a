package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webbsteps.Golden;
import org.webbsteps.SyntheticProducts;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.io.FitsFile;

/**
 * The step's behaviours that the reference's own tests check (spec §5.1, §5.5), on small synthetic
 * products, through the command line.
 */
class CleanFlickerNoiseStepTest {

	@TempDir
	Path dir;

	private String log;

	private int run(Path input, String... args) {
		List<String> argv = new ArrayList<>(Arrays.asList("clean_flicker_noise", input.toString(), "--output_dir=" + dir));
		argv.addAll(Arrays.asList(args));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = WebbSteps.run(argv.toArray(new String[0]), new PrintStream(out), new PrintStream(err));
		log = out + "\n" + err;
		return code;
	}

	private Path output(String name) {
		return dir.resolve(name);
	}

	private static String status(Path file) {
		try (FitsFile f = FitsFile.open(file)) {
			return f.primary().header().getString("S_CLNFNS");
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void uniformMiriRampIsUnchanged(boolean maskScienceRegions) {
		Path in = SyntheticProducts.miri().ramp(dir.resolve("test_ramp.fits"), 3, 5, 10, 10);
		assertEquals(0, run(in, "--mask_science_regions=" + maskScienceRegions), log);
		Path out = output("test_clean_flicker_noise.fits");
		assertEquals("COMPLETE", status(out));
		assertArrayEquals(Golden.floats(in, "SCI"), Golden.floats(out, "SCI"));
		assertFalse(Files.exists(output("test_mask.fits")));
	}

	@Test
	void nirspecFixedSlitRateIsUnchanged() {
		Path in = SyntheticProducts.miri().with("INSTRUME", "NIRSPEC").with("DETECTOR", "NRS1").with("EXP_TYPE", "NRS_FIXEDSLIT")
				.with("SLOWAXIS", 1L).rate(dir.resolve("fs_rate.fits"), 20, 20, null);
		assertEquals(0, run(in), log);
		assertArrayEquals(Golden.floats(in, "SCI"), Golden.floats(output("fs_clean_flicker_noise.fits"), "SCI"));
	}

	@Test
	void unsupportedMiriModeFailsWithDataUnchanged() {
		Path in = SyntheticProducts.miri().with("EXP_TYPE", "MIR_MRS").ramp(dir.resolve("mrs_ramp.fits"), 1, 3, 10, 10);
		assertEquals(0, run(in), log);
		Path out = output("mrs_clean_flicker_noise.fits");
		assertEquals("FAILED", status(out));
		assertArrayEquals(Golden.floats(in, "SCI"), Golden.floats(out, "SCI"));
		assertTrue(log.contains("not supported"), log);
		assertTrue(log.contains("ended with status FAILED"), log);
	}

	@ParameterizedTest
	@ValueSource(strings = { "MIR_IMAGE", "NRC_IMAGE", "NIS_IMAGE" })
	void fftOutsideNirspecSpectroscopyFails(String expType) {
		Path in = SyntheticProducts.miri().with("EXP_TYPE", expType).rate(dir.resolve("x_rate.fits"), 10, 10, null);
		assertEquals(0, run(in, "--fit_method=fft"), log);
		assertEquals("FAILED", status(output("x_clean_flicker_noise.fits")));
	}

	@Test
	void fitByChannelOnMiriIsResetWithAWarning() {
		Path in = SyntheticProducts.miri().ramp(dir.resolve("c_ramp.fits"), 1, 3, 10, 10);
		assertEquals(0, run(in, "--fit_by_channel=True"), log);
		assertTrue(log.contains("setting fit_by_channel to False"), log);
		assertEquals("COMPLETE", status(output("c_clean_flicker_noise.fits")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "None", "none", "NONE" })
	void noBackgroundCleansTheConstantRateAway(String none) {
		Path in = SyntheticProducts.miri().ramp(dir.resolve("b_ramp.fits"), 2, 4, 10, 10);
		assertEquals(0, run(in, "--background_method=" + none), log);
		for (float v : Golden.floats(output("b_clean_flicker_noise.fits"), "SCI")) assertEquals(0f, v, 1e-6);
	}

	@Test
	void userMasksAreSavedAsGivenAndDataUnchanged() {
		Path in = SyntheticProducts.miri().rateints(dir.resolve("u_rateints.fits"), 3, 10, 10);
		float[] m2 = new float[100];
		Arrays.fill(m2, 1f);
		m2[5] = 0;
		Path mask2 = SyntheticProducts.image(dir.resolve("mask2d.fits"), new long[] { 10, 10 }, m2);
		assertEquals(0, run(in, "--user_mask=" + mask2, "--save_mask=True"), log);
		assertArrayEquals(m2, Golden.floats(output("u_mask.fits"), "SCI"));
		assertArrayEquals(Golden.floats(in, "SCI"), Golden.floats(output("u_clean_flicker_noise.fits"), "SCI"));
		float[] m3 = new float[300];
		Arrays.fill(m3, 1f);
		m3[250] = 0;
		Path mask3 = SyntheticProducts.image(dir.resolve("mask3d.fits"), new long[] { 10, 10, 3 }, m3);
		assertEquals(0, run(in, "--user_mask=" + mask3, "--save_mask=True"), log);
		assertArrayEquals(m3, Golden.floats(output("u_mask.fits"), "SCI"));
		assertArrayEquals(new long[] { 10, 10, 3 }, Golden.dims(output("u_mask.fits"), "SCI"));
	}

	@Test
	void singleMaskFalseGivesOneMaskPerIntegration() {
		Path in = SyntheticProducts.miri().rateints(dir.resolve("s_rateints.fits"), 3, 10, 10);
		assertEquals(0, run(in, "--save_mask=True", "--single_mask=True"), log);
		assertArrayEquals(new long[] { 10, 10 }, Golden.dims(output("s_mask.fits"), "SCI"));
		assertEquals(0, run(in, "--save_mask=True", "--single_mask=False"), log);
		assertArrayEquals(new long[] { 10, 10, 3 }, Golden.dims(output("s_mask.fits"), "SCI"));
	}

	@Test
	void masksOfTheWrongShapeFail() {
		Path mask = SyntheticProducts.image(dir.resolve("small_mask.fits"), new long[] { 10, 10 }, new float[100]);
		Path rate = SyntheticProducts.miri().rate(dir.resolve("r_rate.fits"), 20, 20, null);
		Path cube = SyntheticProducts.miri().rateints(dir.resolve("q_rateints.fits"), 3, 20, 20);
		Path ramp = SyntheticProducts.miri().ramp(dir.resolve("p_ramp.fits"), 3, 3, 20, 20);
		for (Path in : new Path[] { rate, cube, ramp }) {
			assertEquals(0, run(in, "--user_mask=" + mask, "--save_mask=True"), log);
			String root = in.getFileName().toString().substring(0, 1);
			assertEquals("FAILED", status(output(root + "_clean_flicker_noise.fits")));
			assertTrue(log.contains("Mask does not match data shape"), log);
			assertFalse(Files.exists(output(root + "_mask.fits")));
		}
		Path mask3 = SyntheticProducts.image(dir.resolve("m3.fits"), new long[] { 20, 20, 2 }, new float[800]);
		assertEquals(0, run(cube, "--user_mask=" + mask3), log);
		assertEquals("FAILED", status(output("q_clean_flicker_noise.fits")));
	}

	@Test
	void medianImageNeedsSeveralIntegrations() {
		Path in = SyntheticProducts.miri().rate(dir.resolve("m_rate.fits"), 10, 10, null);
		assertEquals(0, run(in, "--background_method=median_image"), log);
		assertEquals("FAILED", status(output("m_clean_flicker_noise.fits")));
		assertTrue(log.contains("nints=1"), log);
	}

	@Test
	void medianImageOfUniformIntegrationsLeavesThemUnchanged() {
		Path in = SyntheticProducts.miri().with("EXP_TYPE", "NRC_IMAGE").with("INSTRUME", "NIRCAM").rateints(dir.resolve("t_rateints.fits"), 3, 10, 10);
		assertEquals(0, run(in, "--background_method=median_image", "--save_background=True"), log);
		assertTrue(log.contains("setting single_mask to False"), log);
		assertArrayEquals(Golden.floats(in, "SCI"), Golden.floats(output("t_clean_flicker_noise.fits"), "SCI"));
		assertArrayEquals(Golden.floats(in, "SCI"), Golden.floats(output("t_flicker_bkg.fits"), "SCI"));
	}

	@Test
	void unityFlatWithoutBackgroundGivesExactZero() {
		Path in = SyntheticProducts.miri().ramp(dir.resolve("f_ramp.fits"), 1, 3, 20, 20);
		float[] ones = new float[400];
		Arrays.fill(ones, 1f);
		Path flat = SyntheticProducts.image(dir.resolve("flat.fits"), new long[] { 20, 20 }, ones);
		assertEquals(0, run(in, "--apply_flat_field=True", "--override_flat=" + flat, "--background_method=None"), log);
		assertTrue(log.contains("Using FLAT"), log);
		for (float v : Golden.floats(output("f_clean_flicker_noise.fits"), "SCI")) assertEquals(0f, v);
	}

	@Test
	void flatStructuredDataIsLeftExactlyAsIsWithTheFlat() {
		float[] flat = new float[400];
		for (int i = 0; i < 400; i++) flat[i] = i;
		Path flatFile = SyntheticProducts.image(dir.resolve("gradient_flat.fits"), new long[] { 20, 20 }, flat);
		Path in = SyntheticProducts.miri().rate(dir.resolve("g_rate.fits"), 20, 20, flat.clone());
		assertEquals(0, run(in, "--apply_flat_field=True", "--override_flat=" + flatFile), log);
		assertArrayEquals(flat, Golden.floats(output("g_clean_flicker_noise.fits"), "SCI"));
		assertEquals(0, run(in), log);
		assertFalse(Arrays.equals(flat, Golden.floats(output("g_clean_flicker_noise.fits"), "SCI")));
	}

	@Test
	void largerFlatIsCutToTheSubarray() {
		float[] flat = new float[2500];
		Arrays.fill(flat, 1f);
		Path flatFile = SyntheticProducts.image(dir.resolve("big_flat.fits"), new long[] { 50, 50 }, flat);
		Path in = SyntheticProducts.miri().rate(dir.resolve("h_rate.fits"), 20, 20, null);
		assertEquals(0, run(in, "--apply_flat_field=True", "--override_flat=" + flatFile), log);
		assertTrue(log.contains("Extracting matching subarray"), log);
		assertArrayEquals(Golden.floats(in, "SCI"), Golden.floats(output("h_clean_flicker_noise.fits"), "SCI"));
	}

	@Test
	void flatWithoutAFileIsAWarningNotAFailure() {
		Path in = SyntheticProducts.miri().rate(dir.resolve("n_rate.fits"), 10, 10, null);
		assertEquals(0, run(in, "--apply_flat_field=True"), log);
		assertTrue(log.contains("Flat correction is not available"), log);
		assertEquals("COMPLETE", status(output("n_clean_flicker_noise.fits")));
	}

	@Test
	void savedBackgroundAndNoiseHaveTheInputShapeAndModel() {
		Path in = SyntheticProducts.miri().ramp(dir.resolve("test_ramp.fits"), 2, 4, 10, 12);
		assertEquals(0, run(in, "--save_background=True", "--save_noise=True", "--save_mask=True"), log);
		for (String s : new String[] { "flicker_bkg", "flicker_noise" }) {
			Path p = output("test_" + s + ".fits");
			assertArrayEquals(new long[] { 12, 10, 4, 2 }, Golden.dims(p, "SCI"));
			try (FitsFile f = FitsFile.open(p)) {
				assertEquals("RampModel", f.primary().header().getString("DATAMODL"));
			}
		}
		float[] bkg = Golden.floats(output("test_flicker_bkg.fits"), "SCI");
		for (int i = 0; i < 120; i++) assertEquals(0f, bkg[i]); // group 0
		assertEquals(1f, bkg[120]); // difference 1-0 of a ramp with slope 1
		try (FitsFile f = FitsFile.open(output("test_mask.fits"))) {
			assertEquals("ImageModel", f.primary().header().getString("DATAMODL"));
		}
	}

	@Test
	void badParameterValuesAreOneClearError() {
		Path in = SyntheticProducts.miri().rate(dir.resolve("z_rate.fits"), 10, 10, null);
		assertEquals(1, run(in, "--fit_method=wavelet"));
		assertTrue(log.contains("fit_method"), log);
		assertEquals(1, run(in, "--n_sigma=-1"));
		assertTrue(log.contains("n_sigma"), log);
		assertEquals(1, run(in, "--background_box_size=3"));
		assertTrue(log.contains("background_box_size"), log);
		assertEquals(1, run(in, "--user_mask=" + dir.resolve("missing.fits")));
		assertTrue(log.contains("user_mask"), log);
		assertFalse(Files.exists(output("z_clean_flicker_noise.fits")));
	}

	@Test
	void autoparamSetsParametersForImagingAndWarnsOtherwise() {
		Path nrc = SyntheticProducts.miri().with("INSTRUME", "NIRCAM").with("DETECTOR", "NRCBLONG").with("EXP_TYPE", "NRC_IMAGE")
				.with("SLOWAXIS", -2L).rate(dir.resolve("a_rate.fits"), 10, 10, null);
		assertEquals(0, run(nrc, "--autoparam=True", "--background_method=model"), log);
		assertTrue(log.contains("Auto parameters set for NRC_IMAGE"), log);
		assertTrue(log.contains("background_method: median"), log);
		assertTrue(log.contains("apply_flat_field: False"), log);
		Path miri = SyntheticProducts.miri().rate(dir.resolve("b_rate.fits"), 10, 10, null);
		assertEquals(0, run(miri, "--autoparam=True"), log);
		assertTrue(log.contains("not available for exposure type MIR_IMAGE"), log);
	}

	@Test
	void flatNotCoveringTheSubarrayIsAClearError() {
		Path flat = SyntheticProducts.image(dir.resolve("small_flat.fits"), new long[] { 5, 5 }, new float[25]);
		Path in = SyntheticProducts.miri().rate(dir.resolve("k_rate.fits"), 10, 10, null);
		assertEquals(1, run(in, "--apply_flat_field=True", "--override_flat=" + flat));
		assertTrue(log.contains("small_flat.fits: the flat"), log);
		assertTrue(log.contains("does not cover the science subarray"), log);
		assertFalse(Files.exists(output("k_clean_flicker_noise.fits")));
	}

	@Test
	void allNanDataIsSkippedImageByImage() {
		float[] nan = new float[100];
		Arrays.fill(nan, Float.NaN);
		Path in = SyntheticProducts.miri().rate(dir.resolve("v_rate.fits"), 10, 10, nan);
		assertEquals(0, run(in), log);
		assertEquals("COMPLETE", status(output("v_clean_flicker_noise.fits")));
		assertTrue(log.contains("No usable data"), log);
		for (float v : Golden.floats(output("v_clean_flicker_noise.fits"), "SCI")) assertTrue(Float.isNaN(v));
	}

	@Test
	void rawDataIsRefused() {
		assertEquals(1, run(org.webbsteps.TestData.DIR.resolve("fgs_acq1_guider2_prog1019_uncal_jwstrepo.fits")));
		assertTrue(log.contains("raw (uncal)"), log);
	}
}
