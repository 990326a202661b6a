package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webbsteps.Golden;
import org.webbsteps.dq.GroupFlag;
import org.webbsteps.stats.Selection;
import org.webbsteps.step.StepLog;

/**
 * The Fourier-space cleaners alone against the JWST pipeline's golden cases, run with the
 * reference's kernel offsets ({@link NsCleanCentring#PIPELINE}), as the golden README prescribes:
 * input SCI as float32 with NaN set to 0, minus the float32 background of the {@code one_image} run,
 * with the mask NSClean received ({@code ref_fit_mask}); cleaned + background must reproduce input +
 * correction.
 */
class NsCleanGoldenTest {

	/** Full frames (shared set): correction within 2^-9 + 1e-3 outside the excluded DMS columns. */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "p09_nirspec_nrs1_full_rate_fft_mos, NRS1, 300.0, 0, 12, 2044, 2048",
			"p10_nirspec_nrs2_full_rate_fft_ifu, NRS2, 301.0, 0, 4, 2036, 2048" })
	void fullFrameMatchesTheReference(String caseName, String detector, float background, int ex0, int ex1, int ex2, int ex3) {
		Path dir = Golden.shared(caseName);
		float[] input = Golden.floats(dir.resolve("input_rate.fits.gz"), "SCI");
		boolean[] mask = Golden.mask(dir.resolve("ref_fit_mask.fits.gz"), "MASK");
		float[] reference = Golden.floats(dir.resolve("ref_correction.fits.gz"), "CORRECTION");
		int n = NsCleanFullFrame.SIZE;
		float[] image = new float[input.length];
		for (int i = 0; i < image.length; i++) image[i] = (Float.isNaN(input[i]) ? 0f : input[i]) - background;
		float[] cleaned = NsCleanFullFrame.clean(image, mask, detector, NsCleanCentring.PIPELINE);
		assertNotNull(cleaned);
		double worst = 0;
		double worstExcluded = 0;
		int worstAt = -1;
		int offByAQuantum = 0;
		double quantum = 1.0 / 256;
		for (int i = 0; i < input.length; i++) {
			if (Float.isNaN(input[i])) continue;
			double correction = (double) (cleaned[i] + background) - input[i];
			double d = Math.abs(correction - reference[i]);
			int x = i % n;
			if ((x >= ex0 && x < ex1) || (x >= ex2 && x < ex3)) worstExcluded = Math.max(worstExcluded, d);
			else {
				if (Math.rint(correction / quantum) * quantum != reference[i]) offByAQuantum++;
				if (d > worst) {
					worst = d;
					worstAt = i;
				}
			}
		}
		System.out.printf("%s: max |correction - reference| = %.3g outside the excluded columns (at x=%d, y=%d; the reference is rounded to 2^-8), "
				+ "%.3g inside; rounded like the reference, %d pixels differ (by one quantum); robust sigma of the fitted pixels %.3g%n", caseName, worst,
				worstAt % n, worstAt / n, worstExcluded, offByAQuantum, robustSigma(image, mask));
		assertTrue(worst <= 0.002953125, caseName + ": max |diff| " + worst);
	}

	/** ALLSLITS rate (bundled): correction within 2^-11 + 2e-3 (stored rounded to 2^-10). */
	@Test
	void allSlitsMatchesTheReference() {
		Path dir = Golden.bundled("p12_nirspec_nrs2_allslits_rate_fft");
		float[] input = Golden.floats(dir.resolve("input_rate.fits.gz"), "SCI");
		long[] dims = Golden.dims(dir.resolve("input_rate.fits.gz"), "SCI");
		boolean[] mask = Golden.mask(dir.resolve("ref_fit_mask.fits.gz"), "MASK");
		float[] reference = Golden.floats(dir.resolve("ref_correction.fits.gz"), "CORRECTION");
		float background = 300.0f;
		float[] image = new float[input.length];
		for (int i = 0; i < image.length; i++) image[i] = (Float.isNaN(input[i]) ? 0f : input[i]) - background;
		List<String> warnings = new ArrayList<>();
		float[] cleaned = NsCleanSubarray.clean(image, mask, (int) dims[0], (int) dims[1], "NRS2",
				NsCleanSubarray.Options.defaults().allSlits().withCentring(NsCleanCentring.PIPELINE), warnings(warnings));
		assertNotNull(cleaned);
		float[] correction = new float[input.length];
		for (int i = 0; i < input.length; i++) correction[i] = Float.isNaN(input[i]) ? Float.NaN : (float) ((double) (cleaned[i] + background) - input[i]);
		double worst = Golden.assertAllClose("p12 correction", reference, correction, 0.00248828125, 0);
		System.out.printf("p12: max |correction - reference| = %.3g (stored rounded to 2^-10), warnings %s%n", worst, warnings);
	}

	/** fft_clean_subarray called directly (bundled p21): within 2e-3 + 1e-5 |ref|. */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "fftsub_nrs1_default, input_fftsub_nrs1_default_mask, NRS1, 512, true, 0.05",
			"fftsub_nrs2_npix256_noexcl_minfrac, input_fftsub_nrs2_npix256_noexcl_minfrac_mask, NRS2, 256, false, 0.3" })
	void functionCallsMatchTheReference(String run, String maskName, String detector, int npix, boolean exclude, double minfrac) {
		Path dir = Golden.bundled("p21_functions_median_clean_fft_clean_subarray");
		Path imageFile = dir.resolve("input_fftsub_nrs1_default_image.fits.gz");
		long[] dims = Golden.dims(imageFile, "SCI");
		float[] image = Golden.floats(imageFile, "SCI");
		boolean[] mask = Golden.mask(dir.resolve(maskName + ".fits.gz"), "SCI");
		float[] reference = Golden.floats(dir.resolve("ref_" + run + ".fits.gz"), "CLEANED");
		List<String> warnings = new ArrayList<>();
		NsCleanSubarray.Options options = NsCleanSubarray.Options.defaults().withNpixIter(npix).withExcludeOutliers(exclude).withMinfrac(minfrac)
				.withCentring(NsCleanCentring.PIPELINE);
		float[] cleaned = NsCleanSubarray.clean(image, mask, (int) dims[0], (int) dims[1], detector, options, warnings(warnings));
		assertNotNull(cleaned);
		double worst = Golden.assertAllClose(run, reference, cleaned, 0.002, 1e-5);
		System.out.printf("p21 %s: max |cleaned - reference| = %.3g, warnings %s%n", run, worst, warnings);
	}

	/**
	 * SUB512 ramp (bundled p11), difference by difference as the step does it: diff = group j+1 - group
	 * j, scene mask minus DO_NOT_USE/JUMP_DET of group j+1 and NaN, median background with its clips
	 * ({@link BackgroundLevel}, {@link BackgroundClip}, parity-tested elsewhere), the subarray cleaner,
	 * background restored, groups rebuilt from group 0. Output SCI and background within 2e-3 + 1e-5 |ref|.
	 */
	@Test
	void subarrayRampMatchesTheReference() {
		Path dir = Golden.bundled("p11_nirspec_nrs1_sub512_ramp_fft");
		Path rampFile = dir.resolve("input_ramp.fits.gz");
		long[] dims = Golden.dims(rampFile, "SCI");
		int w = (int) dims[0];
		int h = (int) dims[1];
		int ngroups = (int) dims[2];
		int nints = (int) dims[3];
		int size = w * h;
		float[] ramp = Golden.floats(rampFile, "SCI");
		float[] groupDq = Golden.floats(rampFile, "GROUPDQ");
		boolean[] scene = Golden.mask(dir.resolve("ref_mask.fits.gz"), "SCI");
		float[] output = ramp.clone();
		float[] backgrounds = new float[ramp.length];
		int unusable = GroupFlag.DO_NOT_USE.value() | GroupFlag.JUMP_DET.value();
		NsCleanSubarray.Options options = NsCleanSubarray.Options.defaults().withCentring(NsCleanCentring.PIPELINE);
		for (int integ = 0; integ < nints; integ++) {
			for (int j = 0; j + 1 < ngroups; j++) {
				int a = (integ * ngroups + j) * size;
				int b = a + size;
				float[] diff = new float[size];
				boolean[] mask = scene.clone();
				boolean[] nan = new boolean[size];
				for (int i = 0; i < size; i++) {
					diff[i] = ramp[b + i] - ramp[a + i];
					if (((int) groupDq[b + i] & unusable) != 0) mask[i] = false;
					if (Float.isNaN(diff[i])) {
						nan[i] = true;
						diff[i] = 0f;
						mask[i] = false;
					}
				}
				BackgroundLevel.Background background = BackgroundLevel.estimate(diff, mask, w, h, "median", null, StepLog.NONE);
				float[] bkgSub = new float[size];
				for (int i = 0; i < size; i++) bkgSub[i] = diff[i] - background.at(i);
				BackgroundClip.clip(bkgSub, mask, 2.0, 2.0, false, true, StepLog.NONE);
				float[] cleaned = NsCleanSubarray.clean(bkgSub, mask, w, h, "NRS1", options, StepLog.NONE);
				assertNotNull(cleaned);
				for (int i = 0; i < size; i++) {
					float v = nan[i] ? Float.NaN : cleaned[i] + background.at(i);
					output[b + i] = output[a + i] + v;
					backgrounds[b + i] = background.at(i);
				}
			}
		}
		double worst = Golden.assertAllClose("p11 SCI", Golden.floats(dir.resolve("ref_output.fits.gz"), "SCI"), output, 0.002, 1e-5);
		Golden.assertAllClose("p11 background", Golden.floats(dir.resolve("ref_flicker_bkg.fits.gz"), "SCI"), backgrounds, 0.002, 1e-5);
		System.out.printf("p11: max |output - reference| = %.3g%n", worst);
	}

	/** 1.4826 MAD of the usable pixels. */
	private static double robustSigma(float[] image, boolean[] mask) {
		float[] v = new float[image.length];
		int n = 0;
		for (int i = 0; i < image.length; i++) if (mask[i]) v[n++] = image[i];
		float[] copy = v.clone();
		float median = Selection.medianInPlace(copy, n);
		for (int i = 0; i < n; i++) v[i] = Math.abs(v[i] - median);
		return 1.4826 * Selection.medianInPlace(v, n);
	}

	static StepLog warnings(List<String> sink) {
		return new StepLog() {
			@Override
			public void info(String message) {
			}

			@Override
			public void warn(String message) {
				sink.add(message);
			}
		};
	}
}
