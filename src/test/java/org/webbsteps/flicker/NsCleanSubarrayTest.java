package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/** Kernels of the subarray Fourier-space cleaner on small arrays, and the reference's unit tests. */
class NsCleanSubarrayTest {

	private static final double[] DEFAULT_FC = { 1061, 1211, 49943, 49957 };
	private static final double[] ALLSLITS_FC = { 150, 200, 49943, 49957 };

	/** A stream of 100000 ticks of 10 us: bin k is (almost exactly) k Hz. */
	@Test
	void apodizerBands() {
		float[] a = NsCleanSubarray.apodizer(100000, DEFAULT_FC);
		assertEquals(50001, a.length);
		assertEquals(1f, a[0]);
		assertEquals(1f, a[1060]);
		assertEquals(0.5f, a[1136], 1e-4f, "half way down the roll-off");
		assertTrue(a[1210] > 0 && a[1210] < 1e-3f);
		assertEquals(0f, a[1211]);
		assertEquals(0f, a[30000]);
		assertEquals(0f, a[49943], "the roll-on starts at 0");
		assertEquals(0.5f, a[49950], 1e-3f);
		assertEquals(1f, a[49957]);
		assertEquals(1f, a[50000], "Nyquist (alternating columns)");
		float[] s = NsCleanSubarray.apodizer(100000, ALLSLITS_FC);
		assertEquals(1f, s[149]);
		assertEquals(0.5f, s[175], 1e-4f);
		assertEquals(0f, s[200]);
		assertEquals(1f, s[50000]);
	}

	/** A three-line section of 256-pixel lines: 804 ticks of 124 Hz; fitted bins 0..9 and Nyquist. */
	@Test
	void fittedBinsOfATypicalSection() {
		NsCleanSubarray.Band band = new NsCleanSubarray.Band(804, 256, DEFAULT_FC);
		assertArrayEquals(new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 402 }, band.bins);
		NsCleanSubarray.Band allSlits = new NsCleanSubarray.Band(804, 256, ALLSLITS_FC);
		assertArrayEquals(new int[] { 0, 1, 402 }, allSlits.bins);
		assertTrue(allSlits.need[401] && allSlits.need[402] && allSlits.need[1] && !allSlits.need[2]);
	}

	@Test
	void weightKernelSigma() {
		assertEquals(11.0035, NsCleanSubarray.weightSigma(DEFAULT_FC), 1e-4);
		assertEquals(71.4286, NsCleanSubarray.weightSigma(ALLSLITS_FC), 1e-4);
	}

	private static List<int[]> layout(int lines, int perLine, int npix) {
		int[] counts = new int[lines];
		Arrays.fill(counts, perLine);
		return NsCleanSubarray.sections(counts, npix);
	}

	/** Sections step by round-half-even(di / 2): 5 lines -> 2 (not 3), 3 -> 2, 1 -> 1. */
	@Test
	void sectionLayoutUsesBankersRounding() {
		List<int[]> five = layout(20, 110, 512); // 5 lines hold 550 > 512
		assertArrayEquals(new int[] { 0, 5 }, five.get(0));
		assertArrayEquals(new int[] { 2, 5 }, five.get(1));
		assertArrayEquals(new int[] { 4, 5 }, five.get(2));
		List<int[]> three = layout(20, 200, 512);
		assertArrayEquals(new int[] { 0, 3 }, three.get(0));
		assertArrayEquals(new int[] { 2, 3 }, three.get(1));
		List<int[]> one = layout(10, 600, 512);
		assertArrayEquals(new int[] { 0, 1 }, one.get(0));
		assertArrayEquals(new int[] { 1, 1 }, one.get(1));
		assertEquals(10, one.size());
	}

	@Test
	void sectionLayoutEndsAndSkipsEmptyLines() {
		int[] counts = new int[30];
		for (int y = 5; y < 26; y++) counts[y] = 100;
		counts[12] = 0;
		List<int[]> s = NsCleanSubarray.sections(counts, 512);
		assertArrayEquals(new int[] { 5, 6 }, s.get(0), "from the first line with usable pixels");
		int[] last = s.get(s.size() - 1);
		assertEquals(26, last[0] + last[1], "the last section ends at the last line with usable pixels");
		int remaining = 0;
		for (int y = last[0]; y < 26; y++) remaining += counts[y];
		assertTrue(remaining <= 1.5 * 512 + 100);
		for (int k = 1; k < s.size(); k++) assertTrue(s.get(k)[0] > s.get(k - 1)[0]);
		assertTrue(NsCleanSubarray.sections(new int[7], 512).isEmpty());
	}

	@Test
	void triangularBlendWeights() {
		assertArrayEquals(new double[] { 0.001 }, NsCleanSubarray.blendWeights(1), 1e-15);
		assertArrayEquals(new double[] { 0.001, 1.001, 0.001 }, NsCleanSubarray.blendWeights(3), 1e-15);
		assertArrayEquals(new double[] { 0.001, 0.501, 1.001, 0.501, 0.001 }, NsCleanSubarray.blendWeights(5), 1e-15);
	}

	/** Overlapping section models are averaged with their weights; a zero sum stays zero. */
	@Test
	void blendingAveragesOverlappingSections() {
		List<int[]> sections = new ArrayList<>();
		sections.add(new int[] { 0, 5 });
		sections.add(new int[] { 2, 5 });
		sections.add(new int[] { 4, 3 });
		int nx = 2;
		double[][] models = { new double[10], new double[10], new double[6] };
		Arrays.fill(models[0], 1);
		Arrays.fill(models[1], 3);
		models[1][2 * nx + 1] = -1; // line 4, pixel 1: 1 * w0 + (-1) * w1 with w0 = w1 cancels
		NsCleanSubarray.Blend blend = new NsCleanSubarray.Blend(sections, 9);
		double[] row = new double[nx];
		blend.line(0, models, nx, row);
		assertEquals(1, row[0], 1e-12);
		blend.line(3, models, nx, row);
		assertEquals((0.501 * 1 + 0.501 * 3) / (0.501 + 0.501), row[0], 1e-12);
		blend.line(4, models, nx, row); // sections 0 (w 0.001), 1 (w 1.001), 2 (w 0.001, zero model)
		assertEquals((0.001 * 1 + 1.001 * 3) / (0.001 + 1.001 + 0.001), row[0], 1e-12);
		blend.line(8, models, nx, row);
		assertEquals(0, row[0], 0.0, "only the zero model of section 2 covers line 8");
	}

	@Test
	void outliersAndTheirNeighboursAreExcluded() {
		int nx = 8;
		int ny = 6;
		Random r = new Random(1);
		float[] img = new float[nx * ny];
		for (int i = 0; i < img.length; i++) img[i] = (float) r.nextGaussian();
		img[2 * nx + 3] = 100; // inside
		img[5 * nx + 7] = -100; // corner: no wrap-around
		boolean[] msk = new boolean[img.length];
		Arrays.fill(msk, true);
		NsCleanSubarray.excludeOutliers(img, msk, nx, ny);
		int excluded = 0;
		for (boolean b : msk) if (!b) excluded++;
		assertEquals(5 + 3, excluded);
		assertFalse(msk[2 * nx + 3] || msk[1 * nx + 3] || msk[3 * nx + 3] || msk[2 * nx + 2] || msk[2 * nx + 4]);
		assertFalse(msk[5 * nx + 7] || msk[4 * nx + 7] || msk[5 * nx + 6]);
		assertTrue(msk[0] && msk[5 * nx] && msk[7], "no wrap-around");
	}

	private static boolean[] all(int n) {
		boolean[] m = new boolean[n];
		Arrays.fill(m, true);
		return m;
	}

	private static StepLog collect(List<String> sink) {
		return NsCleanGoldenTest.warnings(sink);
	}

	/**
	 * The reference's test_fft_clean on 80 x 80 (subarray algorithm). A zero image stays zero. With
	 * five 16-column blocks of +-0.1 the median is 0.1 and the MAD 0, so every -0.1 column and its
	 * neighbours are excluded: the lines between are fully masked gaps. The reference extrapolates
	 * into them without bound (|v| up to ~3.5e6, fraction |v| < 0.01 = 0.375); the bounded fit
	 * leaves |v| < 0.4 everywhere and |v| < 0.01 on 60 % of the pixels (all 48 lines with data 0.1).
	 */
	@ParameterizedTest
	@CsvSource({ "NRS1, PIPELINE", "NRS2, PIPELINE", "NRS1, CENTRED", "NRS2, CENTRED" })
	void referenceUnitTest(String detector, NsCleanCentring centring) {
		int n = 80;
		NsCleanSubarray.Options options = NsCleanSubarray.Options.defaults().withCentring(centring);
		float[] zero = NsCleanSubarray.clean(new float[n * n], all(n * n), n, n, detector, options, StepLog.NONE);
		for (float v : zero) assertEquals(0f, v, 1e-8f);
		float[] img = new float[n * n];
		for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) img[r * n + c] = (c / 16) % 2 == 0 ? 0.1f : -0.1f;
		float[] cleaned = NsCleanSubarray.clean(img, all(n * n), n, n, detector, options, StepLog.NONE);
		int good = 0;
		double worst = 0;
		for (float v : cleaned) {
			if (Math.abs(v) < 0.01) good++;
			worst = Math.max(worst, Math.abs(v));
		}
		double fraction = good / (double) (n * n);
		System.out.printf("test_fft_clean subarray %s %s: fraction |v| < 0.01 = %.4f (reference 0.375), max |v| %.3g%n", detector, centring, fraction,
				worst);
		assertEquals(0.6, fraction, 1e-9);
		assertTrue(worst < 0.1 + 4 * 0.1);
	}

	/** The reference's test_fft_subarray_clean_error: no usable pixel -> null; one pixel with minfrac 0.5 -> unchanged. */
	@Test
	void emptyOrNearlyEmptyMasks() {
		int n = 10;
		float[] img = new float[n * n];
		Arrays.fill(img, 1f);
		List<String> warnings = new ArrayList<>();
		assertNull(NsCleanSubarray.clean(img, new boolean[n * n], n, n, "NRS1", NsCleanSubarray.Options.defaults(), collect(warnings)));
		assertTrue(warnings.get(0).contains("No good pixels"), warnings.toString());
		warnings.clear();
		boolean[] one = new boolean[n * n];
		one[5 * n + 5] = true;
		float[] out = NsCleanSubarray.clean(img, one, n, n, "NRS1", NsCleanSubarray.Options.defaults().withMinfrac(0.5), collect(warnings));
		assertArrayEquals(img, out);
		assertEquals(1, warnings.size());
		assertTrue(warnings.get(0).contains("Insufficient reference pixels") && warnings.get(0).contains("no correction"), warnings.get(0));
	}

	/**
	 * A 400-line fully masked gap in a 32 x 2048 subarray (NRS1: 2048 detector lines of 32 pixels):
	 * the reference's sections spanning it extrapolate to ~1e9; here the model stays within 4 times
	 * the largest |sample| and the usable lines are cleaned as without the gap.
	 */
	@Test
	void longMaskedGapStaysBounded() {
		int w = 2048;
		int h = 32;
		Random r = new Random(9);
		float[] img = new float[w * h];
		boolean[] mask = new boolean[w * h];
		double maxAbs = 0;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				img[y * w + x] = (float) (r.nextGaussian() + 2 * Math.sin(x / 40.0));
				mask[y * w + x] = x < 800 || x >= 1200;
				maxAbs = Math.max(maxAbs, Math.abs(img[y * w + x]));
			}
		}
		for (NsCleanCentring c : NsCleanCentring.values()) {
			float[] out = NsCleanSubarray.clean(img, mask, w, h, "NRS1", NsCleanSubarray.Options.defaults().withCentring(c).withExcludeOutliers(false),
					StepLog.NONE);
			assertNotNull(out);
			double worst = 0;
			double residual = 0;
			int used = 0;
			for (int i = 0; i < out.length; i++) {
				assertTrue(Float.isFinite(out[i]));
				worst = Math.max(worst, Math.abs(out[i] - img[i]));
				if (mask[i]) {
					residual += out[i] * out[i];
					used++;
				}
			}
			assertTrue(worst <= 4 * maxAbs, c + ": largest model value " + worst);
			assertTrue(Math.sqrt(residual / used) < 1.2, c + ": the slow sine is removed where there is data");
		}
	}

	/** Sections far too sparse for their fitted bins (minfrac 0) never fail. */
	@Test
	void sparseSectionsNeverFail() {
		int w = 512;
		int h = 32;
		Random r = new Random(6);
		float[] img = new float[w * h];
		boolean[] mask = new boolean[w * h];
		for (int i = 0; i < img.length; i++) {
			img[i] = (float) r.nextGaussian();
			mask[i] = r.nextDouble() < 0.01;
		}
		float[] out = NsCleanSubarray.clean(img, mask, w, h, "NRS2", NsCleanSubarray.Options.defaults().withMinfrac(0).withNpixIter(16), StepLog.NONE);
		assertNotNull(out);
		for (int i = 0; i < out.length; i++) assertTrue(Float.isFinite(out[i]) && Math.abs(out[i] - img[i]) <= 4 * 5);
	}

	/** NRS2 reads DMS column width-1-y as detector line y: the mirror image of NRS1. */
	@Test
	void nrs2IsTheMirrorOfNrs1() {
		int w = 256;
		int h = 40;
		Random r = new Random(8);
		float[] img = new float[w * h];
		boolean[] mask = new boolean[w * h];
		for (int i = 0; i < img.length; i++) {
			img[i] = (float) (r.nextGaussian() + Math.sin(i % w / 9.0));
			mask[i] = r.nextDouble() < 0.85;
		}
		float[] mirrored = new float[w * h];
		boolean[] mirroredMask = new boolean[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				mirrored[y * w + x] = img[y * w + w - 1 - x];
				mirroredMask[y * w + x] = mask[y * w + w - 1 - x];
			}
		}
		NsCleanSubarray.Options o = NsCleanSubarray.Options.defaults().withNpixIter(128);
		float[] a = NsCleanSubarray.clean(img, mask, w, h, "NRS2", o, StepLog.NONE);
		float[] b = NsCleanSubarray.clean(mirrored, mirroredMask, w, h, "NRS1", o.withThreads(1), StepLog.NONE);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) assertEquals(b[y * w + w - 1 - x], a[y * w + x], 0f);
	}

	@Test
	void optionsKeepTheirValues() {
		NsCleanSubarray.Options d = NsCleanSubarray.Options.defaults();
		assertEquals(512, d.npixIter());
		assertTrue(d.excludeOutliers());
		assertEquals(0.05, d.minfrac());
		assertArrayEquals(DEFAULT_FC, d.fc());
		assertEquals(NsCleanCentring.CENTRED, d.centring());
		NsCleanSubarray.Options s = d.allSlits().withNpixIter(256).withExcludeOutliers(false).withMinfrac(0.3).withCentring(NsCleanCentring.PIPELINE);
		assertArrayEquals(ALLSLITS_FC, s.fc());
		assertEquals(256, s.npixIter());
		assertFalse(s.excludeOutliers());
		assertEquals(0.3, s.minfrac());
		assertEquals(NsCleanCentring.PIPELINE, s.centring());
		assertArrayEquals(DEFAULT_FC, d.fc(), "withers return copies");
	}
}
