package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our deliberate departures from the reference against its quirks, on a generated NIRSpec NRS1
 * full frame with known injected correlated noise: 1/f-like noise in readout order (4 outputs of
 * 512 pixels along the fast axis = DMS rows, 12 overhead ticks per line, a common part and one per
 * output), white noise of sigma 1, 40 bright spectral traces along the rows (masked) and the
 * 4-pixel reference border (masked, no signal). The residual is cleaned - (scene + white noise),
 * i.e. the correlated noise left behind, over the science pixels.
 */
class NsCleanFixesTest {

	private static final int N = 2048;
	private static final int OUTPUT = 512;
	private static final int TICKS = OUTPUT + 12;
	private static final int BORDER = 4;

	private static float[] truth;
	private static boolean[] mask;
	private static double[] common;
	private static double[][] own;

	/** Sum of AR(1) processes with time constants 4^1 .. 4^procs ticks and equal variances: roughly 1/f. */
	private static double[] pink(Random r, int n, int procs) {
		double[] rho = new double[procs];
		double[] sigma = new double[procs];
		for (int i = 0; i < procs; i++) {
			rho[i] = Math.exp(-1 / Math.pow(4, i + 1));
			sigma[i] = Math.sqrt((1 - rho[i] * rho[i]) / procs);
		}
		double[] state = new double[procs];
		double[] out = new double[n];
		for (int t = 0; t < n; t++) {
			double v = 0;
			for (int i = 0; i < procs; i++) {
				state[i] = rho[i] * state[i] + sigma[i] * r.nextGaussian();
				v += state[i];
			}
			out[t] = v;
		}
		return out;
	}

	@BeforeAll
	static void generate() {
		Random r = new Random(20240101);
		common = pink(r, N * TICKS, 8);
		own = new double[N / OUTPUT][];
		for (int o = 0; o < own.length; o++) own[o] = pink(r, N * TICKS, 8);
		truth = new float[N * N];
		mask = new boolean[N * N];
		Arrays.fill(mask, true);
		for (int k = 0; k < 40; k++) {
			int r0 = 10 + r.nextInt(N - 30);
			int h = 4 + r.nextInt(6);
			int c0 = r.nextInt(N / 2);
			int c1 = Math.min(N, c0 + 600 + r.nextInt(1200));
			for (int row = r0; row < r0 + h; row++) {
				for (int col = c0; col < c1; col++) {
					truth[row * N + col] += (float) (50 * Math.exp(-0.5 * Math.pow((row - r0 - h / 2.0) / (h / 4.0), 2)));
					mask[row * N + col] = false;
				}
			}
		}
		for (int i = 0; i < N * N; i++) {
			if (!science(i)) {
				mask[i] = false;
				truth[i] = 0;
			}
			truth[i] += (float) r.nextGaussian();
		}
	}

	private static boolean science(int i) {
		int row = i / N;
		int col = i % N;
		return row >= BORDER && row < N - BORDER && col >= BORDER && col < N - BORDER;
	}

	/** The image with correlated noise whose outputs correlate with coefficient rho. */
	private static float[] image(double rho) {
		float[] img = new float[N * N];
		for (int row = 0; row < N; row++) {
			for (int col = 0; col < N; col++) {
				int t = col * TICKS + row % OUTPUT; // NRS1: slow = DMS column, fast = DMS row
				double noise = Math.sqrt(rho) * common[t] + Math.sqrt(1 - rho) * own[row / OUTPUT][t];
				img[row * N + col] = truth[row * N + col] + (float) noise;
			}
		}
		return img;
	}

	/** {rms of the residual, the same on the first 8 fitted detector lines (DMS columns 4..11), rms of its per-column medians}. */
	private static double[] residual(float[] cleaned) {
		double all = 0;
		double first = 0;
		long nAll = 0;
		long nFirst = 0;
		double medians = 0;
		double[] column = new double[N - 2 * BORDER];
		for (int col = BORDER; col < N - BORDER; col++) {
			int c = 0;
			for (int row = BORDER; row < N - BORDER; row++) {
				int i = row * N + col;
				double d = cleaned[i] - truth[i];
				all += d * d;
				nAll++;
				if (col < BORDER + 8) {
					first += d * d;
					nFirst++;
				}
				column[c++] = d;
			}
			Arrays.sort(column);
			double m = (column[column.length / 2 - 1] + column[column.length / 2]) / 2;
			medians += m * m;
		}
		return new double[] { Math.sqrt(all / nAll), Math.sqrt(first / nFirst), Math.sqrt(medians / (N - 2 * BORDER)) };
	}

	private static double[] report(String what, float[] cleaned) {
		double[] r = residual(cleaned);
		System.out.printf("%-34s residual rms %.4f, first 8 fitted lines %.4f, per-column medians %.4f%n", what, r[0], r[1], r[2]);
		return r;
	}

	/**
	 * Centred kernels (own-line weights, buffing centred on the line) leave less correlated noise
	 * than the reference's offsets, near the first fitted lines and overall.
	 */
	@Test
	void centredKernelsBeatThePipelineOffsets() {
		float[] img = image(0.8);
		double[] injected = residual(img);
		System.out.printf("injected (output correlation 0.8): rms %.4f%n", injected[0]);
		double[] centred = report("fft, centred kernels", NsCleanFullFrame.clean(img, mask, "NRS1", NsCleanCentring.CENTRED));
		double[] pipeline = report("fft, reference kernel offsets", NsCleanFullFrame.clean(img, mask, "NRS1", NsCleanCentring.PIPELINE));
		report("median", MedianCleaner.clean(img, mask, N, N, 1, false));
		assertTrue(centred[0] < pipeline[0], "overall");
		assertTrue(centred[1] < pipeline[1], "first fitted lines");
		assertTrue(centred[0] < injected[0] * 0.8);
	}

	/**
	 * With strong structure along each line (outputs correlated at 0.3), the Fourier fit removes
	 * more correlated noise than one median per line. (With fully correlated outputs the median
	 * does better, because buffing mixes neighbouring lines' offsets; see the printed numbers.)
	 */
	@Test
	void fftBeatsMedianOnStrongPerLineStructure() {
		float[] img = image(0.3);
		System.out.printf("injected (output correlation 0.3): rms %.4f%n", residual(img)[0]);
		double[] fft = report("fft, centred kernels", NsCleanFullFrame.clean(img, mask, "NRS1", NsCleanCentring.CENTRED));
		double[] median = report("median", MedianCleaner.clean(img, mask, N, N, 1, false));
		assertTrue(fft[0] < median[0]);
		float[] flat = image(1.0);
		System.out.printf("injected (output correlation 1.0): rms %.4f%n", residual(flat)[0]);
		report("fft, centred kernels", NsCleanFullFrame.clean(flat, mask, "NRS1", NsCleanCentring.CENTRED));
		report("median", MedianCleaner.clean(flat, mask, N, N, 1, false));
	}
}
