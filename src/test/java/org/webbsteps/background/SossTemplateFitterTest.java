package org.webbsteps.background;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.webbsteps.TestData;
import org.webbsteps.io.FitsFile;

/** The SOSS template fit (spec §3.6) and its scipy smoothing, on the reference tests' template and a real one. */
class SossTemplateFitterTest {

	private static final int W = 2048;

	/** The reference tests' template: 1, column 710 = 1.6, columns from 711 = 2. */
	static double[] stepTemplate(int rows) {
		double[] t = new double[rows * W];
		for (int y = 0; y < rows; y++) for (int x = 0; x < W; x++) t[y * W + x] = x < 710 ? 1 : x == 710 ? 1.6 : 2;
		return t;
	}

	private static List<double[]> resourceLines(String name) throws IOException {
		List<double[]> out = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(SossTemplateFitterTest.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				if (line.startsWith("#") || line.trim().isEmpty()) continue;
				out.add(Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray());
			}
		}
		return out;
	}

	@Test
	void gaussianFilterMatchesScipy() throws IOException {
		List<double[]> ref = resourceLines("scipy_gaussian_filter_10x40.txt");
		double[] image = new double[400];
		for (int i = 0; i < 400; i++) image[i] = ((i * 7919L) % 1000) / 1000.0;
		double[] s64 = GaussianFilter.smooth(image, 40, 10, 3, false);
		for (int i = 0; i < 400; i++) assertEquals(ref.get(0)[i], s64[i], 1e-15, "float64 at " + i);
		double[] f32 = new double[400];
		for (int i = 0; i < 400; i++) f32[i] = (float) image[i];
		double[] s32 = GaussianFilter.smooth(f32, 40, 10, 3, true);
		for (int i = 0; i < 400; i++) assertEquals((float) ref.get(1)[i], (float) s32[i], Math.ulp((float) s32[i]), "float32 at " + i);
	}

	@Test
	void reflectModeRepeatsTheEdgePixel() {
		assertEquals(0, GaussianFilter.reflect(-1, 5));
		assertEquals(1, GaussianFilter.reflect(-2, 5));
		assertEquals(4, GaussianFilter.reflect(5, 5));
		assertEquals(0, GaussianFilter.reflect(9, 5));
		assertEquals(0, GaussianFilter.reflect(10, 5));
		assertEquals(2, GaussianFilter.reflect(-4, 3)); // several reflections: period 6
		assertEquals(0, GaussianFilter.reflect(-13, 3));
	}

	@Test
	void stepOfTheReferenceTemplateIsAtColumn710() {
		for (boolean float32 : new boolean[] { false, true }) {
			int[] d = new SossTemplateFitter(W, 256, float32).stepColumns(stepTemplate(256));
			assertEquals(256, d.length);
			for (int c : d) assertEquals(710, c);
		}
	}

	@Test
	void stepOfTheExoTedrfTemplateMatchesScipy() throws IOException {
		double[] t;
		try (FitsFile f = FitsFile.open(TestData.DIR.resolve("soss_model_background96_exoTEDRF_converted.fits"))) {
			t = (double[]) f.readImage(f.primary()).plane(0);
		}
		List<double[]> ref = resourceLines("soss96_step_columns_scipy.txt");
		int[] d64 = new SossTemplateFitter(W, 96, false).stepColumns(t);
		double[] t32 = new double[t.length];
		for (int i = 0; i < t.length; i++) t32[i] = (float) t[i];
		int[] d32 = new SossTemplateFitter(W, 96, true).stepColumns(t32);
		for (int y = 0; y < 96; y++) {
			assertEquals((int) ref.get(0)[y], d64[y], "float64 row " + y);
			assertEquals((int) ref.get(1)[y], d32[y], "float32 row " + y);
		}
	}

	/**
	 * SUBSTRIP96-like data: background sl·T left of the step and sr·T right of it, Gaussian noise,
	 * and a bright trace over the middle half of the rows (the sources the percentile mask removes;
	 * the 35th percentile then lies at the 70th of the background, which cuts the top of the
	 * right region's noise).
	 */
	static float[][] sossData(double[] t, int rows, int nints, double sl, double sr, double noise, int[] step, long seed) {
		Random r = new Random(seed);
		float[][] planes = new float[nints][rows * W];
		for (float[] p : planes) {
			for (int y = 0; y < rows; y++) {
				boolean trace = y >= rows / 4 && y < rows / 4 + rows / 2;
				for (int x = 0; x < W; x++) {
					int i = y * W + x;
					double scale = x < step[y] ? sl : sr;
					p[i] = (float) (scale * t[i] + noise * r.nextGaussian() + (trace ? 500 : 0));
				}
			}
		}
		return planes;
	}

	@Test
	void scalesOfBothRegionsAreRecovered() {
		int rows = 96;
		double[] t = stepTemplate(rows);
		SossTemplateFitter fitter = new SossTemplateFitter(W, rows, true);
		int[] step = fitter.stepColumns(t);
		float[][] data = sossData(t, rows, 3, 4.0, 6.0, 0.001, step, 1);
		SossTemplateFitter.Fit fit = fitter.fit(data, null, new double[][] { t }, BackgroundParams.defaults().withSossBkgPercentile(5, 95));
		assertTrue(fit.succeeded());
		assertEquals(4.0, fit.scaleLeft, 2e-4);
		assertEquals(6.0, fit.scaleRight, 5e-4);
		fitter.subtract(data, t, fit);
		double sum = 0;
		int n = 0;
		for (float[] p : data) for (int y = 0; y < rows / 4; y++) for (int x = 0; x < W; x++) {
			sum += p[y * W + x];
			n++;
		}
		assertEquals(0, sum / n, 1e-3); // the background is gone outside the trace
	}

	@Test
	void percentileWindowAndSourceMaskBiasTheScalesLow() {
		int rows = 96;
		double[] t = stepTemplate(rows);
		SossTemplateFitter fitter = new SossTemplateFitter(W, rows, true);
		float[][] data = sossData(t, rows, 3, 4.0, 6.0, 0.05, fitter.stepColumns(t), 6);
		// left region: all below the source threshold; the window [25, 50] has its median at the
		// 37.5th percentile of the ratios, 0.32 noise below the scale; [5, 95] is unbiased
		assertEquals(4.0 - 0.32 * 0.05, fitter.fit(data, null, new double[][] { t }, BackgroundParams.defaults()).scaleLeft, 0.002);
		SossTemplateFitter.Fit wide = fitter.fit(data, null, new double[][] { t }, BackgroundParams.defaults().withSossBkgPercentile(5, 95));
		assertEquals(4.0, wide.scaleLeft, 0.002);
		// right region: the source threshold cuts its upper half, so even [5, 95] comes out low
		assertTrue(wide.scaleRight < 6.0 - 0.005 && wide.scaleRight > 6.0 - 0.03, "right scale " + wide.scaleRight);
	}

	@Test
	void pixelsRightOfColumn950DoNotEnterTheFit() {
		int rows = 96;
		double[] t = stepTemplate(rows);
		SossTemplateFitter fitter = new SossTemplateFitter(W, rows, true);
		int[] step = fitter.stepColumns(t);
		float[][] data = sossData(t, rows, 2, 4.0, 6.0, 0.001, step, 2);
		// beyond the cut-off the data follow another scale (contamination the pipeline avoids)
		for (float[] p : data) for (int y = 0; y < rows; y++) for (int x = 951; x < W; x++) p[y * W + x] += t[y * W + x];
		SossTemplateFitter.Fit fit = fitter.fit(data, null, new double[][] { t }, BackgroundParams.defaults().withSossBkgPercentile(5, 95));
		assertEquals(6.0, fit.scaleRight, 5e-4);
	}

	@Test
	void theBestFittingTemplateIsChosen() {
		int rows = 96;
		double[] flat = stepTemplate(rows);
		double[] tilted = stepTemplate(rows);
		for (int y = 0; y < rows; y++) for (int x = 0; x < W; x++) tilted[y * W + x] *= 1 + x / 2048.0;
		SossTemplateFitter fitter = new SossTemplateFitter(W, rows, false);
		float[][] data = sossData(tilted, rows, 2, 3.0, 3.0, 0.05, fitter.stepColumns(tilted), 3);
		SossTemplateFitter.Fit fit = fitter.fit(data, null, new double[][] { flat, tilted }, BackgroundParams.defaults());
		assertEquals(1, fit.template);
		fit = fitter.fit(data, null, new double[][] { tilted, flat }, BackgroundParams.defaults());
		assertEquals(0, fit.template);
	}

	@Test
	void flaggedPixelsAndSourcesAreLeftOut() {
		int rows = 96;
		double[] t = stepTemplate(rows);
		SossTemplateFitter fitter = new SossTemplateFitter(W, rows, true);
		int[] step = fitter.stepColumns(t);
		float[][] data = sossData(t, rows, 1, 4.0, 6.0, 0.001, step, 4);
		int[][] dq = new int[1][rows * W];
		// low garbage in the first rows, flagged DO_NOT_USE or REFERENCE_PIXEL: it must not pull the scales
		for (int i = 0; i < 8 * W; i++) {
			data[0][i] = -100;
			dq[0][i] = i % 2 == 0 ? 1 : 1 << 31;
		}
		SossTemplateFitter.Fit fit = fitter.fit(data, dq, new double[][] { t }, BackgroundParams.defaults().withSossBkgPercentile(5, 95));
		assertEquals(4.0, fit.scaleLeft, 2e-4);
		assertEquals(6.0, fit.scaleRight, 5e-4);
	}

	@Test
	void templatesWithoutFiniteRatiosCannotBeChosen() {
		int rows = 96;
		double[] zeros = new double[rows * W];
		double[] t = stepTemplate(rows);
		SossTemplateFitter fitter = new SossTemplateFitter(W, rows, true);
		float[][] data = sossData(t, rows, 1, 4.0, 6.0, 0.05, fitter.stepColumns(t), 5);
		SossTemplateFitter.Fit none = fitter.fit(data, null, new double[][] { zeros }, BackgroundParams.defaults());
		assertFalse(none.succeeded());
		assertEquals(Double.POSITIVE_INFINITY, none.rmse);
		assertEquals(1, fitter.fit(data, null, new double[][] { zeros, t }, BackgroundParams.defaults()).template);
		float[][] copy = { data[0].clone() };
		fitter.subtract(copy, zeros, new SossTemplateFitter.Fit(0, 1, 1, 0, 0));
		assertArrayEquals(data[0], copy[0]);
	}
}
