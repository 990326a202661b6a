package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webbsteps.stats.Selection;

/** The shared numerical pieces of the Fourier-space cleaners, against direct computations. */
class NsCleanSupportTest {

	@Test
	void medianIsExactWithAndWithoutAGoodEstimate() {
		Random r = new Random(5);
		for (int n : new int[] { 1, 2, 7, 100, 1001, 1600, 9000, 20000 }) {
			float[] v = new float[n];
			for (int i = 0; i < n; i++) v[i] = r.nextInt(4) == 0 ? Math.round(r.nextGaussian() * 3) : (float) r.nextGaussian() * 3;
			float[] copy = v.clone();
			float expected = Selection.medianInPlace(copy, n);
			float[] work = new float[n];
			assertEquals(expected, NsCleanSupport.median(v, n, work), "sampled, n = " + n);
			assertEquals(expected, NsCleanSupport.median(v, n, expected + 0.1f, 0.5f, work), "good estimate, n = " + n);
			assertEquals(expected, NsCleanSupport.median(v, n, 50f, 0.01f, work), "estimate far off, n = " + n);
			assertEquals(expected, NsCleanSupport.median(v, n, Float.NaN, Float.NaN, work), "no estimate, n = " + n);
			assertEquals(expected, NsCleanSupport.median(v, n, expected, 0f, work), "zero width, n = " + n);
		}
	}

	/** Direct circular convolution with the reference's kernel: tap c = g(signed(c) - shift). */
	private static double[] directConvolution(double[] in, int n, double sigma, int shift) {
		double[] out = new double[n];
		double[] taps = new double[n];
		for (int c = 0; c < n; c++) {
			double e = NsCleanSupport.signedOffset(c, n) - shift;
			taps[c] = Math.abs(e) > 12 * sigma ? 0 : NsCleanSupport.gaussian(e, sigma);
		}
		for (int c = 0; c < n; c++) {
			if (taps[c] == 0) continue;
			for (int t = 0; t < n; t++) out[t] += taps[c] * in[Math.floorMod(t - c, n)];
		}
		return out;
	}

	/** Power-of-two periods, padded periods (kernel shorter or longer than the period) and the direct path. */
	@ParameterizedTest
	@CsvSource({ "2048, 32, 0", "2048, 32, 1", "80, 32, 0", "80, 32, 1", "804, 11.0035, 0", "804, 11.0035, 1", "804, 71.43, 1", "97, 71.43, 0",
			"9001, 11.0035, 1" })
	void convolutionMatchesTheDirectSum(int n, double sigma, int shift) {
		Random r = new Random(n);
		double[] in = new double[n];
		for (int i = 0; i < n; i++) in[i] = r.nextDouble() < 0.7 ? 1 : 0;
		double[] expected = directConvolution(in, n, sigma, shift);
		double[] got = new double[n];
		NsCleanSupport.Convolver conv = new NsCleanSupport.Convolver(sigma, shift);
		conv.convolve(in, n, got);
		for (int t = 0; t < n; t++) assertEquals(expected[t], got[t], 1e-12, "t = " + t);
		conv.convolve(in, n, got); // cached plan and spectrum
		for (int t = 0; t < n; t++) assertEquals(expected[t], got[t], 1e-12, "t = " + t);
	}

	@Test
	void kernelCentring() {
		int n = 2048;
		double[] delta = new double[n];
		delta[100] = 1;
		double[] centred = new double[n];
		double[] late = new double[n];
		new NsCleanSupport.Convolver(32, 0).convolve(delta, n, centred);
		new NsCleanSupport.Convolver(32, 1).convolve(delta, n, late);
		double peak = 1 / (32 * Math.sqrt(2 * Math.PI));
		assertEquals(peak, centred[100], 1e-15);
		assertEquals(centred[99], centred[101], 1e-15);
		assertEquals(peak, late[101], 1e-15, "the reference's kernel lands one sample late");
		assertEquals(late[100], late[102], 1e-15);
		double sum = 0;
		for (double v : centred) sum += v;
		assertEquals(1, sum, 1e-12);
	}

	/** The Toeplitz normal equations solved through the real embedding against a dense complex solve. */
	@Test
	void solverMatchesADenseComplexSolve() {
		Random r = new Random(3);
		int k = 6;
		// H = B^H diag(w) B for a random incomplete basis: Hermitian positive definite
		int n = 64;
		int j = 40;
		double[] hRe = new double[k * k];
		double[] hIm = new double[k * k];
		double[] rRe = new double[k];
		double[] rIm = new double[k];
		for (int s = 0; s < j; s++) {
			int m = r.nextInt(n);
			double w = 0.5 + r.nextDouble();
			double d = r.nextGaussian();
			for (int a = 0; a < k; a++) {
				for (int b = 0; b < k; b++) {
					double ph = 2 * Math.PI * m * (b - a) / n;
					hRe[a * k + b] += w * Math.cos(ph);
					hIm[a * k + b] += w * Math.sin(ph);
				}
				rRe[a] += w * d * Math.cos(2 * Math.PI * m * a / n);
				rIm[a] -= w * d * Math.sin(2 * Math.PI * m * a / n);
			}
		}
		double[] yRe = new double[k];
		double[] yIm = new double[k];
		assertTrue(new NsCleanSupport.Solver().solve(hRe, hIm, rRe, rIm, k, 0, yRe, yIm));
		double[][] y = NsCleanFullFrameTest.denseSolve(hRe, hIm, rRe, rIm, k);
		for (int a = 0; a < k; a++) {
			assertEquals(y[0][a], yRe[a], 1e-10);
			assertEquals(y[1][a], yIm[a], 1e-10);
		}
	}

	@Test
	void singularSystemsAreReportedNotThrown() {
		int k = 3;
		double[] hRe = new double[k * k];
		double[] hIm = new double[k * k];
		for (int i = 0; i < k * k; i++) hRe[i] = 1; // rank one
		double[] rRe = { 1, 1, 1 };
		double[] y = new double[k];
		NsCleanSupport.Solver solver = new NsCleanSupport.Solver();
		assertFalse(solver.solve(hRe, hIm, rRe, new double[k], k, 0, y, new double[k]));
		assertTrue(solver.solve(hRe, hIm, rRe, new double[k], k, 1e-12, y, new double[k]), "a tiny ridge makes it solvable");
		assertEquals(1.0 / 3, y[0], 1e-3, "close to the minimum-norm solution");
		assertFalse(solver.solve(new double[k * k], hIm, rRe, new double[k], k, 1e-12, y, new double[k]), "empty system");
	}
}
