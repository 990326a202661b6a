package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webbsteps.Golden;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.io.FitsFile;

/**
 * The step against the JWST pipeline's outputs for the golden cases (median fitting), run through
 * the command line exactly as the cases' strun arguments say. Ramp cases use the reference mask as
 * user_mask, as the golden README prescribes (the draft rate is compared separately).
 */
class CleanFlickerNoiseGoldenTest {

	@TempDir
	Path out;

	private String run(Path caseDir, String input, String args) {
		List<String> argv = new ArrayList<>();
		argv.add("clean_flicker_noise");
		argv.add(caseDir.resolve(input).toString());
		for (String a : args.trim().split("\\s+")) {
			if (a.isEmpty()) continue;
			if (a.startsWith("--user_mask=")) a = "--user_mask=" + caseDir.resolve(a.substring(12) + ".gz");
			argv.add(a);
		}
		argv.add("--output_dir=" + out);
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int code = WebbSteps.run(argv.toArray(new String[0]), new PrintStream(o), new PrintStream(e));
		assertEquals(0, code, e.toString() + o);
		return o.toString();
	}

	/** The product written for the input (all golden inputs are named input_<role>). */
	private Path only(String suffix) {
		Path p = out.resolve("input_" + suffix + ".fits");
		if (!Files.exists(p)) throw new AssertionError("no " + p.getFileName() + " written");
		return p;
	}

	private static String status(Path file) {
		try (FitsFile f = FitsFile.open(file)) {
			return f.primary().header().getString("S_CLNFNS");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', value = {
			"p01_nircam_sub160_ramp_median; input_ramp.fits.gz; --fit_method=median --background_method=median --n_sigma=2.0 --single_mask=True --save_mask=True --save_background=True --save_noise=True --user_mask=ref_mask.fits; 0.001; 1e-6; 0; 0",
			"p02_nirspec_nrs2_sub1024b_ramp_model_bkg_fallback; input_ramp.fits.gz; --fit_method=median --background_method=model --n_sigma=2.0 --single_mask=True --save_mask=True --save_background=True --user_mask=ref_mask.fits; 0.002; 1e-5; 0.001; 2.0",
			"p03_niriss_sub256_ramp_model_bkg; input_ramp.fits.gz; --fit_method=median --background_method=model --n_sigma=2.0 --single_mask=True --save_mask=True --save_background=True --save_noise=True --user_mask=ref_mask.fits; 0.002; 1e-5; 0.001; 2.0",
			"p04_niriss_sub256_rate_bkg_none_nsigma1p5; input_rate.fits.gz; --fit_method=median --background_method=None --n_sigma=1.5 --save_mask=True --save_noise=True; 0.001; 1e-6; 0; 0",
			"p05_nirspec_nrs1_subs200a1_rate_fit_histogram; input_rate.fits.gz; --fit_method=median --background_method=median --n_sigma=3.0 --fit_histogram=True --save_mask=True; 0.001; 1e-6; 0.05; 1.0",
			"p06_nircam_tso_ramp_single_mask_false; input_ramp.fits.gz; --fit_method=median --background_method=median --n_sigma=2.0 --single_mask=False --save_mask=True --save_noise=True --user_mask=ref_mask.fits; 0.001; 1e-6; 0; 0",
			"p07_nirspec_nrs1_sub2048_ramp_user_mask; input_ramp.fits.gz; --fit_method=median --background_method=median --n_sigma=2.0 --save_mask=True --save_background=True --save_noise=True --user_mask=input_user_mask.fits; 0.001; 1e-6; 0; 0" })
	void matchesTheReference(String caseName, String input, String args, double atol, double rtol, double maxFracOver, double atolHard)
			throws Exception {
		Path dir = Golden.bundled(caseName);
		run(dir, input, args);
		Path output = only("clean_flicker_noise");
		assertEquals("COMPLETE", status(output));
		float[] ref = Golden.floats(dir.resolve("ref_output.fits.gz"), "SCI");
		double worst = Golden.assertAllClose(caseName + " SCI", ref, Golden.floats(output, "SCI"), atol, rtol, maxFracOver, atolHard);
		System.out.println(caseName + ": max |output - reference| = " + worst);
		double maskTolerance = caseName.startsWith("p05") ? 0.0005 : 0;
		Golden.assertMask(caseName + " mask", Golden.mask(dir.resolve("ref_mask.fits.gz"), "SCI"), Golden.mask(only("mask"), "SCI"), maskTolerance);
		if (args.contains("save_background")) {
			Golden.assertAllClose(caseName + " flicker_bkg", Golden.floats(dir.resolve("ref_flicker_bkg.fits.gz"), "SCI"),
					Golden.floats(only("flicker_bkg"), "SCI"), atol, rtol, maxFracOver, atolHard);
		}
		if (args.contains("save_noise")) {
			Golden.assertAllClose(caseName + " flicker_noise", Golden.floats(dir.resolve("ref_flicker_noise.fits.gz"), "SCI"),
					Golden.floats(only("flicker_noise"), "SCI"), atol, rtol, maxFracOver, atolHard);
		}
	}

	/** Full frame, fit by channel: compared through the rounded correction (output - input). */
	@Test
	void fullFrameByChannelMatchesTheReferenceCorrection() throws Exception {
		Path dir = Golden.shared("p08_nircam_full_rate_fit_by_channel");
		run(dir, "input_rate.fits.gz", "--fit_method=median --background_method=median --fit_by_channel=True --save_mask=True");
		Path output = only("clean_flicker_noise");
		float[] in = Golden.floats(dir.resolve("input_rate.fits.gz"), "SCI");
		float[] got = Golden.floats(output, "SCI");
		float[] correction = new float[in.length];
		for (int i = 0; i < in.length; i++) correction[i] = (float) ((double) got[i] - in[i]);
		Golden.assertAllClose("p08 correction", Golden.floats(dir.resolve("ref_correction.fits.gz"), "CORRECTION"), correction, 0.002053125, 0);
		Golden.assertMask("p08 mask", Golden.mask(dir.resolve("ref_mask.fits.gz"), "SCI"), Golden.mask(only("mask"), "SCI"), 0);
		assertFalse(Files.exists(out.resolve("input_flicker_bkg.fits")));
	}
}
