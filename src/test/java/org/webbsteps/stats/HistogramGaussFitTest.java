package org.webbsteps.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Reference numbers come from running numpy 2.4.6 {@code histogram} and scipy 1.17.1 {@code curve_fit}
 * (as {@code clip_to_background} calls them) on exactly the samples generated here, with the same
 * centre and sigma (the sigma-clipped mean and population std).
 */
class HistogramGaussFitTest {

	private static final double NAN = Double.NaN;

	// ---------------------------------------------------------------- numpy.histogram semantics

	@Test
	void binsAreHalfOpenExceptTheLastAndOutsideValuesAreIgnored() {
		double[] a = { 0, 0.25, 0.5, 0.75, 1.0, -0.1, 1.1, NAN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.2499999 };
		HistogramGaussFit.Histogram h = HistogramGaussFit.histogram(a, a.length, 0, 1, 4);
		assertArrayEquals(new int[] { 2, 1, 1, 2 }, h.counts);
		assertArrayEquals(new double[] { 0, 0.25, 0.5, 0.75, 1 }, h.edges);
		assertArrayEquals(new int[] { 1, 0, 0, 0 }, HistogramGaussFit.histogram(a, 1, 0, 1, 4).counts);
	}

	@Test
	void edgesAreNumpyLinspace() {
		double[] e = HistogramGaussFit.histogram(new double[0], 0, -0.1, 0.3, 2000).edges;
		assertEquals(2001, e.length);
		assertEquals(-0.1, e[0]);
		assertEquals(-0.0998, e[1]);
		assertEquals(-0.09860000000000001, e[7]);
		assertEquals(0.1, e[1000]);
		assertEquals(0.29980000000000007, e[1999]);
		assertEquals(0.3, e[2000]);
	}

	@Test
	void binIndicesAreCorrectedAgainstTheEdgesLikeNumpy() {
		// values on an interior edge whose scaled index truncates one bin too low: numpy moves them up
		assertBin(-0.1, 0.3, -0.09960000000000001, 2, 1);
		assertBin(0.0, 0.7, 0.017499999999999998, 50, 49);
		assertBin(-1.3, 2.9, -1.2979, 1, 0);
		assertBin(1.0, 3.0, 1.003, 3, 2);
		// values one ulp below an edge whose scaled index is already the next bin: numpy moves them down
		assertBin(-0.1, 0.3, -0.05940000000000001, 202, 203);
		assertBin(0.0, 0.7, 0.0031499999999999996, 8, 9);
		assertBin(1.0, 3.0, 1.567, 566, 567);
	}

	private static void assertBin(double first, double last, double v, int numpyBin, int naiveBin) {
		assertEquals(naiveBin, (int) ((v - first) / (last - first) * 2000), "precondition: scaled index");
		int[] counts = HistogramGaussFit.histogram(new double[] { v }, 1, first, last, 2000).counts;
		int[] expected = new int[2000];
		expected[numpyBin] = 1;
		assertArrayEquals(expected, counts);
	}

	@Test
	void degenerateRangeIsWidenedByHalf() {
		HistogramGaussFit.Histogram h = HistogramGaussFit.histogram(new double[] { 2.0, 1.5, 2.5, 2.6 }, 4, 2.0, 2.0, 2000);
		assertEquals(1.5, h.edges[0]);
		assertEquals(2.0, h.edges[1000]);
		assertEquals(2.5, h.edges[2000]);
		assertEquals(1, h.counts[0]);
		assertEquals(1, h.counts[1000]);
		assertEquals(1, h.counts[1999]);
		assertEquals(3, Arrays.stream(h.counts).sum());
	}

	@Test
	void invalidRangesAreRejectedLikeNumpy() {
		double[] a = { 1.0 };
		assertNull(HistogramGaussFit.histogram(a, 1, NAN, NAN, 2000));
		assertNull(HistogramGaussFit.histogram(a, 1, 0, Double.POSITIVE_INFINITY, 2000));
		assertNull(HistogramGaussFit.histogram(a, 1, 1, 0, 2000));
	}

	// ---------------------------------------------------------------- failures

	@Test
	void allNanOrNonFiniteRangeFailsTheHistogram() {
		double[] nan = new double[100];
		Arrays.fill(nan, NAN);
		ClippedStats st = SigmaClip.clippedStats(nan, nan.length);
		assertFailure(HistogramGaussFit.HISTOGRAM_FAILED, HistogramGaussFit.fit(nan, nan.length, st.mean, st.std));
		double[] a = gaussian(1000, 1, 0, 1);
		assertFailure(HistogramGaussFit.HISTOGRAM_FAILED, HistogramGaussFit.fit(a, a.length, 0, NAN));
		assertFailure(HistogramGaussFit.HISTOGRAM_FAILED, HistogramGaussFit.fit(a, a.length, Double.POSITIVE_INFINITY, 1));
		assertFailure(HistogramGaussFit.HISTOGRAM_FAILED, HistogramGaussFit.fit(a, a.length, 0, Double.POSITIVE_INFINITY));
		assertFailure(HistogramGaussFit.HISTOGRAM_FAILED, HistogramGaussFit.fit(a, a.length, 0, -1));
	}

	@Test
	void twoLevelImageOfTheReferenceTestFailsAfterTheEvaluationBudget() {
		// T-BKG test_clip_to_background_fit_fails: 10x10 zeros with image[5:, 5:] = 0.1; scipy raises
		// "The maximum number of function evaluations is exceeded" (300)
		HistogramGaussFit.Result r = twoLevel(10);
		assertFailure(HistogramGaussFit.FIT_FAILED, r);
		assertEquals(300, r.evaluations);
	}

	@Test
	void largerTwoLevelImagesConvergeAsInTheReference() {
		// the same pattern at other sizes converges in scipy (xtol); the optimiser follows the same path
		assertTwoLevel(20, -2.7882677779586824e-05, 0.00015282726700688534, 284);
		assertTwoLevel(40, -2.8366813598926256e-05, 0.0001046797840293909, 28);
		assertTwoLevel(100, -2.4774223934280526e-05, 0.00030338628653648096, 27);
	}

	private static void assertTwoLevel(int size, double mu, double sigma, int nfev) {
		HistogramGaussFit.Result r = twoLevel(size);
		assertTrue(r.ok, () -> size + ": " + r);
		assertEquals(nfev, r.evaluations, () -> size + ": " + r);
		// an ill-conditioned spike fit stopped by xtol (step < 1e-8 |x|, |x| ~ A >> mu, s): the end point
		// is only defined to about that step, and rounding in the finite differences moves it slightly
		assertEquals(sigma, r.sigma, 1e-4 * sigma, () -> size + ": " + r);
		assertEquals(mu, r.mu, 1e-4 * sigma, () -> size + ": " + r);
	}

	private static HistogramGaussFit.Result twoLevel(int size) {
		double[] a = new double[size * size];
		for (int y = size / 2; y < size; y++) for (int x = size / 2; x < size; x++) a[y * size + x] = 0.1;
		ClippedStats st = SigmaClip.clippedStats(a, a.length);
		assertEquals(0.025, st.mean, 1e-15);
		assertEquals(Math.sqrt(0.75 * 0.25) * 0.1, st.std, 1e-15);
		return HistogramGaussFit.fit(a, a.length, st.mean, st.std);
	}

	@Test
	void uniformSampleIsReportedAsAFailedFit() {
		// the reference "succeeds" with sigma = 1e-10 and mu = 1.00025 (gtol, 1 evaluation) and then
		// clips every pixel; a width far below one bin is reported as a failure instead
		double[] a = new double[10000];
		Arrays.fill(a, 1.0);
		ClippedStats st = SigmaClip.clippedStats(a, a.length);
		assertEquals(0.0, st.std);
		HistogramGaussFit.Result r = HistogramGaussFit.fit(a, a.length, st.mean, st.std);
		assertFailure(HistogramGaussFit.FIT_FAILED, r);
		assertEquals(1, r.evaluations);
	}

	private static void assertFailure(String reason, HistogramGaussFit.Result r) {
		assertFalse(r.ok, r::toString);
		assertEquals(reason, r.failure);
		assertTrue(Double.isNaN(r.mu) && Double.isNaN(r.sigma));
	}

	// ---------------------------------------------------------------- agreement with scipy

	@Test
	void referenceTestImageMatchesScipy() {
		// T-BKG test_clip_to_background: N(0, 0.01) 100x100 with +1 and -1 outliers (java.util.Random here)
		double[] a = referenceTestImage();
		HistogramGaussFit.Result r = fitClipped(a);
		assertMatches(r, 7.600500434373458e-05, 0.010049303859037068, 6);
		assertEquals(15.59604629904469, r.amplitude, 1e-7 * 15.6);
		assertEquals("0.000", String.format(java.util.Locale.ROOT, "%.3f", r.mu));
	}

	@Test
	void mirroredLowerHalfMatchesScipy() {
		double[] a = referenceTestImage();
		ClippedStats st = SigmaClip.clippedStats(a, a.length);
		double c = st.mean;
		int k = 0;
		for (double v : a) if (v <= c) k++;
		double[] s = new double[2 * k];
		int j = 0;
		for (double v : a) if (v <= c) s[j++] = (v - c) + c;
		for (double v : a) if (v <= c) s[j++] = (c - v) + c;
		assertMatches(fitClipped(s), 8.773884021588286e-05, 0.010028092216969372, 6);
	}

	@Test
	void otherUnimodalSamplesMatchScipy() {
		assertMatches(fitClipped(gaussian(1000000, 7, 5, 2)), 5.000659652748457, 2.0040512187180313, 5);
		assertMatches(fitClipped(skewed()), 0.04271162874240637, 1.029641434373673, 6);
		// 1000 values in 2000 bins: a very noisy histogram, still the same minimum
		assertMatches(fitClipped(gaussian(1000, 3, 0, 1)), -0.02836612802128521, 0.9906873124804082, 8);
	}

	@Test
	void fourMillionValuesMatchScipy() {
		assertMatches(fitClipped(gaussian(2048 * 2048, 1, 0, 1)), -0.0008467670422916336, 1.000155974886236, 5);
	}

	@Test
	void largeOutliersLeaveTheCoreFit() {
		double[] a = gaussian(10000, 5, 10, 0.5);
		for (int i = 0; i < 20; i++) a[i * 37] = 1e4;
		for (int i = 0; i < 5; i++) a[i * 101 + 3] = -1e4;
		HistogramGaussFit.Result r = fitClipped(a);
		assertMatches(r, 9.997301585520914, 0.5010323000306195, 7);
		assertEquals(10, r.mu, 0.02);
		assertEquals(0.5, r.sigma, 0.02);
	}

	@Test
	void recoversCentreAndWidthForAnySeed() {
		for (long seed = 1; seed <= 8; seed++) {
			double[] a = gaussian(10000, seed, 0, 0.01);
			a[0] += 1;
			a[101] -= 1;
			HistogramGaussFit.Result r = fitClipped(a);
			assertTrue(r.ok, r::toString);
			assertEquals(0, r.mu, 6e-4, r::toString);
			assertEquals(0.01, r.sigma, 6e-4, r::toString);
		}
	}

	@Test
	void nonFiniteValuesAndValuesBeyondNAreIgnored() {
		double[] a = referenceTestImage();
		ClippedStats st = SigmaClip.clippedStats(a, a.length);
		double[] withBad = a.clone();
		withBad[17] = NAN;
		withBad[18] = Double.POSITIVE_INFINITY;
		withBad[19] = Double.NEGATIVE_INFINITY;
		double[] finite = new double[a.length - 3];
		int k = 0;
		for (double v : withBad) if (Double.isFinite(v)) finite[k++] = v;
		assertSameFit(HistogramGaussFit.fit(finite, finite.length, st.mean, st.std), HistogramGaussFit.fit(withBad, withBad.length, st.mean, st.std));
		double[] longer = Arrays.copyOf(a, a.length + 50);
		Arrays.fill(longer, a.length, longer.length, st.mean);
		assertSameFit(HistogramGaussFit.fit(a, a.length, st.mean, st.std), HistogramGaussFit.fit(longer, a.length, st.mean, st.std));
	}

	private static void assertSameFit(HistogramGaussFit.Result expected, HistogramGaussFit.Result actual) {
		assertTrue(expected.ok && actual.ok);
		assertEquals(expected.mu, actual.mu);
		assertEquals(expected.sigma, actual.sigma);
		assertEquals(expected.evaluations, actual.evaluations);
	}

	private static void assertMatches(HistogramGaussFit.Result r, double mu, double sigma, int nfev) {
		assertTrue(r.ok, r::toString);
		assertEquals(nfev, r.evaluations, r::toString);
		assertEquals(sigma, r.sigma, 1e-7 * sigma, r::toString);
		assertEquals(mu, r.mu, 1e-7 * sigma, r::toString);
	}

	private static HistogramGaussFit.Result fitClipped(double[] a) {
		ClippedStats st = SigmaClip.clippedStats(a, a.length);
		return HistogramGaussFit.fit(a, a.length, st.mean, st.std);
	}

	private static double[] referenceTestImage() {
		double[] a = gaussian(10000, 123, 0, 0.01);
		a[0] += 1;
		a[101] -= 1;
		return a;
	}

	/** N(0, 1) with 10% of the values raised by an exponential tail of scale 3 (sources on a sky). */
	private static double[] skewed() {
		double[] a = gaussian(40000, 11, 0, 1);
		Random r = new Random(12);
		for (int i = 0; i < a.length; i++) if (r.nextDouble() < 0.1) a[i] += -3 * StrictMath.log(1 - r.nextDouble());
		return a;
	}

	private static double[] gaussian(int n, long seed, double mu, double sigma) {
		Random r = new Random(seed);
		double[] a = new double[n];
		for (int i = 0; i < n; i++) a[i] = mu + sigma * r.nextGaussian();
		return a;
	}
}
