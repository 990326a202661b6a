package org.webbsteps.flicker;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.jtransforms.fft.DoubleFFT_1D;
import org.webbsteps.stats.Selection;
import org.webbsteps.step.StepLog;

/**
 * Numerical pieces shared by {@link NsCleanFullFrame} and {@link NsCleanSubarray}: sampled Gaussian
 * kernels, circular convolution, the weighted least-squares solve of the incomplete Fourier basis,
 * trigonometric tables and a small parallel loop. Not thread-safe: every worker owns its instances.
 */
final class NsCleanSupport {

	/**
	 * Sample densities (kernel sum 1) at or below this are round-off, not a density: such samples
	 * get unit weight. Centred kernels never produce them (a usable sample counts itself).
	 */
	static final double DENSITY_FLOOR = 1e-7;
	/** Largest transform length given to JTransforms; longer ones would start its own threads. */
	static final int MAX_FFT = 8192;
	/** Gaussian taps farther than this many sigma from the centre are left out (relative value e^-32). */
	static final double KERNEL_REACH = 8.0;
	/** Ridge values (relative to the unit diagonal) tried in turn when a system is singular or its model unbounded. */
	static final double[] RIDGES = { 0, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1 };
	/** A model may not exceed this multiple of the largest |sample| it was fitted to. */
	static final double MODEL_BOUND = 4.0;
	/** Sample size of the median estimate of long arrays. */
	static final int MEDIAN_SAMPLE = 2047;
	/** Relative Cholesky pivot below which a system counts as singular. */
	private static final double PIVOT_TOLERANCE = 1e-13;

	private NsCleanSupport() {
	}

	/** Normalised Gaussian exp(-e^2 / (2 sigma^2)) / (sigma sqrt(2 pi)). */
	static double gaussian(double e, double sigma) {
		return Math.exp(-e * e / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
	}

	/** The signed circular offset of index c for period n, in [-(n/2), n - 1 - n/2]. */
	static int signedOffset(int c, int n) {
		return Math.floorMod(c + n / 2, n) - n / 2;
	}

	/** Smallest power of two at or above n (n at least 1). */
	static int nextPowerOfTwo(int n) {
		return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
	}

	/**
	 * The numpy median of {@code values[0..n)} (not modified), exact: {@link Selection#medianInPlace}
	 * on the values inside a band around an estimate, padded with infinities for the values outside
	 * so that the middle ranks stay where they are. Bands tried: {@code centre +- halfWidth}, then
	 * five times wider, then all values (when the estimate is NaN or the median is outside).
	 *
	 * @param work at least n values
	 */
	static float median(float[] values, int n, float centre, float halfWidth, float[] work) {
		if (n <= 0) return Float.NaN;
		if (!Float.isNaN(centre) && !Float.isNaN(halfWidth)) {
			float m = banded(values, n, centre - halfWidth, centre + halfWidth, work);
			if (Float.isNaN(m)) m = banded(values, n, centre - 5 * halfWidth, centre + 5 * halfWidth, work);
			if (!Float.isNaN(m)) return m;
		}
		System.arraycopy(values, 0, work, 0, n);
		return Selection.medianInPlace(work, n);
	}

	/**
	 * The numpy median of {@code values[0..n)} (not modified), exact; for long arrays the band comes
	 * from an evenly spaced sample of {@value #MEDIAN_SAMPLE} values (its median and MAD).
	 */
	static float median(float[] values, int n, float[] work) {
		if (n < 4 * MEDIAN_SAMPLE) return median(values, n, Float.NaN, Float.NaN, work);
		for (int i = 0; i < MEDIAN_SAMPLE; i++) work[i] = values[(int) ((long) i * n / MEDIAN_SAMPLE)];
		float centre = Selection.medianInPlace(work, MEDIAN_SAMPLE);
		for (int i = 0; i < MEDIAN_SAMPLE; i++) work[i] = Math.abs(values[(int) ((long) i * n / MEDIAN_SAMPLE)] - centre);
		float spread = Selection.medianInPlace(work, MEDIAN_SAMPLE);
		return median(values, n, centre, 0.3f * spread, work);
	}

	/** The median if both middle ranks fall inside [lo, hi], else NaN. */
	private static float banded(float[] values, int n, float lo, float hi, float[] work) {
		int below = 0;
		int inside = 0;
		for (int i = 0; i < n; i++) {
			float v = values[i];
			work[inside] = v;
			inside += v >= lo & v <= hi ? 1 : 0;
			below += v < lo ? 1 : 0;
		}
		int above = n - below - inside;
		if ((n - 1) / 2 < below || n / 2 >= below + inside) return Float.NaN;
		int m = inside;
		float pad = below > above ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
		for (int i = Math.abs(below - above); i > 0; i--) work[m++] = pad;
		return Selection.medianInPlace(work, m);
	}

	/** cos and sin of 2 pi q / n for q in [0, n). */
	static double[][] trigTable(int n) {
		double[] c = new double[n];
		double[] s = new double[n];
		for (int q = 0; q < n; q++) {
			double a = 2 * Math.PI * q / n;
			c[q] = Math.cos(a);
			s[q] = Math.sin(a);
		}
		return new double[][] { c, s };
	}

	/**
	 * Multiplies two real-input spectra of an even length n (or 1) in JTransforms' packed
	 * {@code realForward} layout ({@code a[0]} = DC, {@code a[1]} = Nyquist, then re/im pairs), in
	 * place into {@code a}.
	 */
	static void multiplyPacked(double[] a, double[] b, int n) {
		a[0] *= b[0];
		if (n == 1) return;
		a[1] *= b[1];
		for (int k = 1; k < n / 2; k++) {
			double re = a[2 * k] * b[2 * k] - a[2 * k + 1] * b[2 * k + 1];
			double im = a[2 * k] * b[2 * k + 1] + a[2 * k + 1] * b[2 * k];
			a[2 * k] = re;
			a[2 * k + 1] = im;
		}
	}

	/**
	 * Circular convolution with a sampled Gaussian over a period of n samples, the way the
	 * reference builds its kernel: tap c weighs {@code g(signedOffset(c, n) - shift)}, one sample per
	 * offset (not periodised), taps beyond {@link #KERNEL_REACH} sigma omitted. A power-of-two
	 * period is transformed as it is; other periods are extended circularly by the kernel span and
	 * zero-padded to a power of two (JTransforms' fast path). Plans and kernel spectra are cached per
	 * length; lengths above {@link #MAX_FFT} use a direct sum over the non-zero inputs.
	 */
	static final class Convolver {

		private final double sigma;
		private final int shift;
		private final int reach;
		private final Map<Integer, DoubleFFT_1D> plans = new HashMap<>();
		/** Kernel spectra of power-of-two periods, by period. */
		private final Map<Integer, double[]> circular = new HashMap<>();
		/** Kernel spectra of the padded transforms, by length and tap range. */
		private final Map<Long, double[]> padded = new HashMap<>();
		private double[] work = new double[0];

		/**
		 * @param sigma kernel standard deviation, in samples
		 * @param shift offset of the kernel centre, in samples (0 = centred)
		 */
		Convolver(double sigma, int shift) {
			this.sigma = sigma;
			this.shift = shift;
			this.reach = (int) Math.ceil(KERNEL_REACH * sigma) + 1 + Math.abs(shift);
		}

		/**
		 * {@code out[t] = sum_c K[c] in[(t - c) mod n]} for t in [0, n).
		 *
		 * @param in input, at least n values
		 * @param out receives n values
		 */
		void convolve(double[] in, int n, double[] out) {
			int eLo = Math.max(-(n / 2), shift - reach);
			int eHi = Math.min(n - 1 - n / 2, shift + reach);
			int span = eHi - eLo;
			if (n <= MAX_FFT && nextPowerOfTwo(n) == n) {
				circular(in, n, out);
				return;
			}
			int length = nextPowerOfTwo(n + span);
			if (length > MAX_FFT) {
				direct(in, n, eLo, eHi, out);
				return;
			}
			DoubleFFT_1D plan = plan(length);
			long key = ((long) length << 42) | ((long) (eLo + (1 << 20)) << 21) | (eHi + (1 << 20));
			double[] spectrum = padded.get(key);
			if (spectrum == null) {
				spectrum = new double[length];
				for (int v = 0; v <= span; v++) spectrum[v] = gaussian(eLo + v - shift, sigma);
				plan.realForward(spectrum);
				padded.put(key, spectrum);
			}
			double[] w = work(length);
			for (int q = 0, src = Math.floorMod(-eHi, n); q < n + span;) { // w[q] = in[(q - eHi) mod n]
				int run = Math.min(n - src, n + span - q);
				System.arraycopy(in, src, w, q, run);
				q += run;
				src = 0;
			}
			Arrays.fill(w, n + span, length, 0.0);
			plan.realForward(w);
			multiplyPacked(w, spectrum, length);
			plan.realInverse(w, true);
			System.arraycopy(w, span, out, 0, n);
		}

		private void circular(double[] in, int n, double[] out) {
			DoubleFFT_1D plan = plan(n);
			double[] spectrum = circular.get(n);
			if (spectrum == null) {
				spectrum = new double[n];
				for (int c = 0; c < n; c++) {
					int e = signedOffset(c, n);
					if (Math.abs(e - shift) <= reach) spectrum[c] = gaussian(e - shift, sigma);
				}
				plan.realForward(spectrum);
				circular.put(n, spectrum);
			}
			double[] w = work(n);
			System.arraycopy(in, 0, w, 0, n);
			plan.realForward(w);
			multiplyPacked(w, spectrum, n);
			plan.realInverse(w, true);
			System.arraycopy(w, 0, out, 0, n);
		}

		private void direct(double[] in, int n, int eLo, int eHi, double[] out) {
			Arrays.fill(out, 0, n, 0.0);
			double[] taps = new double[eHi - eLo + 1];
			for (int e = eLo; e <= eHi; e++) taps[e - eLo] = gaussian(e - shift, sigma);
			for (int s = 0; s < n; s++) {
				double v = in[s];
				if (v == 0) continue;
				for (int e = eLo; e <= eHi; e++) out[Math.floorMod(s + e, n)] += v * taps[e - eLo];
			}
		}

		private DoubleFFT_1D plan(int length) {
			return plans.computeIfAbsent(length, DoubleFFT_1D::new);
		}

		private double[] work(int length) {
			if (work.length < length) work = new double[length];
			return work;
		}
	}

	/**
	 * Weighted least squares on an incomplete Fourier basis, in the reference's formulation:
	 * minimise {@code sum_j w_j |d_j - sum_k c_k exp(2 pi i k m_j / n)|^2} over the complex
	 * {@code c_k}, k in a set of bins. The normal matrix {@code H[a][b] = S(k_b - k_a)} with
	 * {@code S(q) = sum_j w_j exp(2 pi i q m_j / n)} (Hermitian, Toeplitz in the bin difference) and
	 * the right side {@code conj(T(k_a))}, {@code T(k) = sum_j w_j d_j exp(2 pi i k m_j / n)}; the
	 * solution times n is the reference's rfft estimate {@code X_k}. Solved by Cholesky of the real
	 * embedding {@code [[Re H, -Im H], [Im H, Re H]]}, scaled to a unit diagonal, with an optional
	 * ridge added to that diagonal.
	 */
	static final class Solver {

		private double[] m = new double[0];
		private double[] rhs = new double[0];

		/**
		 * Solves {@code (H / h00 + ridge I) y = r / h00}.
		 *
		 * @param hRe real parts of H, row-major k x k (only the upper triangle is read)
		 * @param hIm imaginary parts of H
		 * @param rRe real parts of the right side
		 * @param rIm imaginary parts of the right side
		 * @param yRe receives the real parts of the solution
		 * @param yIm receives the imaginary parts
		 * @return false when the (regularised) system is singular to working precision or H is empty;
		 *         y is then undefined
		 */
		boolean solve(double[] hRe, double[] hIm, double[] rRe, double[] rIm, int k, double ridge, double[] yRe, double[] yIm) {
			double scale = hRe[0];
			if (!(scale > 0) || Double.isInfinite(scale)) return false;
			int n = 2 * k;
			if (m.length < n * n) m = new double[n * n];
			if (rhs.length < n) rhs = new double[n];
			double inv = 1 / scale;
			for (int a = 0; a < k; a++) { // the upper triangle is all Cholesky reads
				for (int b = a; b < k; b++) {
					double re = hRe[a * k + b] * inv;
					double im = hIm[a * k + b] * inv;
					m[a * n + b] = re;
					m[(a + k) * n + b + k] = re;
					m[a * n + b + k] = -im;
					m[b * n + a + k] = im; // -Im H[b][a] = Im H[a][b]
				}
			}
			for (int i = 0; i < n; i++) m[i * n + i] += ridge;
			for (int a = 0; a < k; a++) {
				rhs[a] = rRe[a] * inv;
				rhs[a + k] = rIm[a] * inv;
			}
			// Cholesky on the upper triangle: U^T U
			for (int i = 0; i < n; i++) {
				for (int j = i; j < n; j++) {
					double s = m[i * n + j];
					for (int p = 0; p < i; p++) s -= m[p * n + i] * m[p * n + j];
					if (j == i) {
						if (!(s > PIVOT_TOLERANCE * (1 + ridge))) return false;
						m[i * n + i] = Math.sqrt(s);
					}
					else m[i * n + j] = s / m[i * n + i];
				}
			}
			for (int i = 0; i < n; i++) {
				double s = rhs[i];
				for (int p = 0; p < i; p++) s -= m[p * n + i] * rhs[p];
				rhs[i] = s / m[i * n + i];
			}
			for (int i = n - 1; i >= 0; i--) {
				double s = rhs[i];
				for (int p = i + 1; p < n; p++) s -= m[i * n + p] * rhs[p];
				rhs[i] = s / m[i * n + i];
			}
			for (int a = 0; a < k; a++) {
				yRe[a] = rhs[a];
				yIm[a] = rhs[a + k];
			}
			return true;
		}
	}
}
