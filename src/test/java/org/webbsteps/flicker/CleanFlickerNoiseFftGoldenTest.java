package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.Golden;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.io.FitsFile;
import org.webbsteps.stats.Selection;

/**
 * The whole step with {@code fit_method=fft} on the golden cases. Our NSClean kernels are centred
 * (the reference's are offset by one pixel/line, see README), so outputs are compared with the
 * reference within a fraction of the input's robust sigma; the kernel-level parity with the
 * reference's offsets is {@code NsCleanGoldenTest}. Masks and backgrounds must be identical.
 */
class CleanFlickerNoiseFftGoldenTest {

	@TempDir
	Path out;

	private void run(Path caseDir, String input, String args) {
		List<String> argv = new ArrayList<>();
		argv.add("clean_flicker_noise");
		argv.add(caseDir.resolve(input).toString());
		for (String a : args.split(" ")) argv.add(a.startsWith("--user_mask=") ? "--user_mask=" + caseDir.resolve(a.substring(12)) : a);
		argv.add("--output_dir=" + out);
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		assertEquals(0, WebbSteps.run(argv.toArray(new String[0]), new PrintStream(o), new PrintStream(o)), o.toString());
		try (FitsFile f = FitsFile.open(out.resolve("input_clean_flicker_noise.fits"))) {
			assertEquals("COMPLETE", f.primary().header().getString("S_CLNFNS"));
		}
	}

	/** 1.4826 x median absolute deviation of the finite values. */
	private static double robustSigma(float[] v) {
		float[] a = new float[v.length];
		int n = 0;
		for (float x : v) if (Float.isFinite(x)) a[n++] = x;
		float med = Selection.medianInPlace(a.clone(), n);
		for (int i = 0; i < n; i++) a[i] = Math.abs(a[i] - med);
		return 1.4826 * Selection.medianInPlace(a, n);
	}

	/** rms and max of (ours - reference) over the finite pixels, in units of sigma; NaN positions must agree. */
	private static double[] difference(float[] ours, float[] ref, double sigma) {
		double ss = 0, max = 0;
		int n = 0;
		for (int i = 0; i < ref.length; i++) {
			assertEquals(Float.isNaN(ref[i]), Float.isNaN(ours[i]), "NaN at " + i);
			if (Float.isNaN(ref[i])) continue;
			double d = Math.abs((double) ours[i] - ref[i]);
			ss += d * d;
			max = Math.max(max, d);
			n++;
		}
		return new double[] { Math.sqrt(ss / n) / sigma, max / sigma };
	}

	@Test
	void allSlitsRateAgreesWithinOneThousandthOfSigma() {
		Path dir = Golden.bundled("p12_nirspec_nrs2_allslits_rate_fft");
		run(dir, "input_rate.fits.gz", "--fit_method=fft --background_method=median --n_sigma=2.0 --save_mask=True");
		float[] in = Golden.floats(dir.resolve("input_rate.fits.gz"), "SCI");
		float[] got = Golden.floats(out.resolve("input_clean_flicker_noise.fits"), "SCI");
		float[] ref = Golden.floats(dir.resolve("ref_correction.fits.gz"), "CORRECTION");
		float[] correction = new float[in.length];
		for (int i = 0; i < in.length; i++) correction[i] = (float) ((double) got[i] - in[i]);
		double[] d = difference(correction, ref, robustSigma(in));
		System.out.printf("p12 (centred kernels): rms %.2e sigma, max %.2e sigma%n", d[0], d[1]);
		assertTrue(d[1] <= 1e-3, "max difference " + d[1] + " sigma");
		Golden.assertMask("p12 mask", Golden.mask(dir.resolve("ref_mask.fits.gz"), "SCI"), Golden.mask(out.resolve("input_mask.fits"), "SCI"), 0);
	}

	@Test
	void subarrayRampIsCloseToTheReference() {
		Path dir = Golden.bundled("p11_nirspec_nrs1_sub512_ramp_fft");
		run(dir, "input_ramp.fits.gz", "--fit_method=fft --background_method=median --n_sigma=2.0 --single_mask=True --save_mask=True"
				+ " --save_background=True --save_noise=True --user_mask=ref_mask.fits.gz");
		float[] in = Golden.floats(dir.resolve("input_ramp.fits.gz"), "SCI");
		float[] diffs = new float[in.length];
		int plane = 32 * 512;
		for (int i = plane; i < in.length; i++) diffs[i - plane] = in[i] - in[i - plane];
		double sigma = robustSigma(java.util.Arrays.copyOf(diffs, in.length - plane));
		double[] d = difference(Golden.floats(out.resolve("input_clean_flicker_noise.fits"), "SCI"), Golden.floats(dir.resolve("ref_output.fits.gz"), "SCI"), sigma);
		System.out.printf("p11 (centred kernels): rms %.2e sigma, max %.2e sigma%n", d[0], d[1]);
		assertTrue(d[0] < 0.01 && d[1] < 0.05, "rms " + d[0] + ", max " + d[1] + " sigma");
		Golden.assertAllClose("p11 flicker_bkg", Golden.floats(dir.resolve("ref_flicker_bkg.fits.gz"), "SCI"),
				Golden.floats(out.resolve("input_flicker_bkg.fits"), "SCI"), 2e-3, 1e-5);
	}

	/** Full frames: the columns whose reference values are round-off (golden README) are left out. */
	private void fullFrame(String caseName, String nSigma, int[][] excludeColumns) {
		Path dir = Golden.shared(caseName);
		run(dir, "input_rate.fits.gz", "--fit_method=fft --background_method=median --n_sigma=" + nSigma + " --save_mask=True");
		float[] in = Golden.floats(dir.resolve("input_rate.fits.gz"), "SCI");
		float[] got = Golden.floats(out.resolve("input_clean_flicker_noise.fits"), "SCI");
		float[] correction = new float[in.length];
		for (int i = 0; i < in.length; i++) correction[i] = (float) ((double) got[i] - in[i]);
		float[] ref = Golden.floats(dir.resolve("ref_correction.fits.gz"), "CORRECTION");
		for (int i = 0; i < ref.length; i++) {
			int x = i % 2048;
			for (int[] c : excludeColumns) if (x >= c[0] && x < c[1]) ref[i] = correction[i] = Float.NaN;
		}
		double[] d = difference(correction, ref, robustSigma(in));
		System.out.printf("%s (centred kernels): rms %.2e sigma, max %.2e sigma%n", caseName, d[0], d[1]);
		// by design: centred weight and buffing kernels move every line's model (about 0.02-0.03 sigma rms on p09/p10);
		// NsCleanGoldenTest shows the reference's own offsets reproduce it, NsCleanFixesTest that centring is better
		assertTrue(d[0] < 0.05, "rms difference " + d[0] + " sigma");
		Golden.assertMask(caseName + " mask", Golden.mask(dir.resolve("ref_mask.fits.gz"), "SCI"), Golden.mask(out.resolve("input_mask.fits"), "SCI"), 0);
	}

	@Test
	void nrs1FullFrameIsCloseToTheReference() {
		fullFrame("p09_nirspec_nrs1_full_rate_fft_mos", "2.0", new int[][] { { 0, 12 }, { 2044, 2048 } });
	}

	@Test
	void nrs2FullFrameIsCloseToTheReference() {
		fullFrame("p10_nirspec_nrs2_full_rate_fft_ifu", "2.5", new int[][] { { 0, 4 }, { 2036, 2048 } });
	}
}
