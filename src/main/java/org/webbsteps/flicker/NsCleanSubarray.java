package org.webbsteps.flicker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.webbsteps.stats.Selection;
import org.webbsteps.step.StepLog;

/**
 * The Fourier-space 1/f cleaner of {@code clean_flicker_noise} for NIRSpec images that are not
 * 2048 x 2048 (JWST {@code fft_clean_subarray} and {@code NSCleanSubarray}, Rauscher 2024).
 * <p>
 * Images are float32, row-major in the DMS frame ({@code index = y * width + x}), in any units,
 * background already subtracted and without NaN; masks are {@code true} for usable background
 * pixels. Inside, the image is turned to the detector frame (NRS1: transpose; otherwise transpose and
 * flip), where each line is read in {@code height + 12} ticks of 10 us (12 overhead ticks). Then:
 * <ol>
 * <li>optionally, pixels beyond 4 robust sigma (1.4825 MAD) of the median of all usable pixels,
 * and their four neighbours, are excluded;</li>
 * <li>the lines from the first to the last with a usable pixel are cut into sections holding more
 * than {@code npixIter} usable pixels (the rest of the image in one section when fewer than 1.5
 * {@code npixIter} remain), each starting half a section (rounded half to even) after the
 * previous;</li>
 * <li>a section with more than {@code minfrac} usable pixels is fitted on its tick stream: weighted
 * least squares for the Fourier bins where the band apodizer (1 below fc0, cosine roll-off to fc1,
 * 0 up to fc2, cosine roll-on to fc3, 1 up to the 50 kHz Nyquist frequency) is positive, weights
 * the inverse sample density (Gaussian of sigma {@code 1 / mean(fc0, fc1) / 80 us} ticks over the
 * stream, overhead ticks empty); other sections get a zero model and a warning;</li>
 * <li>section models are blended with triangular weights {@code 1.001 - |t|}, t from -1 to 1 over
 * the section's lines, and subtracted.</li>
 * </ol>
 * Differences from the reference: with {@link NsCleanCentring#CENTRED} (the default) the density
 * kernel is centred, where the reference's is one tick late ({@link NsCleanCentring#PIPELINE}); in
 * both modes a singular system, or a section model exceeding
 * {@value NsCleanSupport#MODEL_BOUND} times the largest |sample| of the section (an unconstrained
 * extrapolation, typically inside a long fully masked gap), is solved again with an increasing
 * ridge (Tikhonov, relative 1e-12 .. 1), and a section that stays unbounded gets a zero model. The
 * arithmetic is float64; the cleaner never fails for numerical reasons.
 */
public final class NsCleanSubarray {

	/** Overhead ticks at the end of every line. */
	static final int OVERHEAD = 12;
	/** Pixel dwell time, seconds (float32 as the reference). */
	static final float TICK = 10.0e-6f;
	/** Outlier level of the global exclusion, robust sigma. */
	static final float SIGREJ = 4f;
	/** MAD to sigma factor of the global exclusion. */
	static final float MAD_TO_SIGMA = 1.4825f;

	private NsCleanSubarray() {
	}

	/** Options of the subarray cleaner (immutable). */
	public static final class Options {

		private final int npixIter;
		private final boolean excludeOutliers;
		private final double minfrac;
		private final double[] fc;
		private final NsCleanCentring centring;
		private final int threads;

		private Options(int npixIter, boolean excludeOutliers, double minfrac, double[] fc, NsCleanCentring centring, int threads) {
			this.npixIter = npixIter;
			this.excludeOutliers = excludeOutliers;
			this.minfrac = minfrac;
			this.fc = fc;
			this.centring = centring;
			this.threads = threads;
		}

		/**
		 * The reference defaults: npixIter 512, excludeOutliers true, minfrac 0.05, fc = (1061, 1211,
		 * 49943, 49957) Hz; centred kernels; all available processors.
		 */
		public static Options defaults() {
			return new Options(512, true, 0.05, new double[] { 1061, 1211, 49943, 49957 }, NsCleanCentring.CENTRED,
					Runtime.getRuntime().availableProcessors());
		}

		/** The same options with the ALLSLITS band edges fc = (150, 200, 49943, 49957) Hz. */
		public Options allSlits() {
			return new Options(npixIter, excludeOutliers, minfrac, new double[] { 150, 200, 49943, 49957 }, centring, threads);
		}

		/** Usable pixels wanted per section (at least 1). */
		public Options withNpixIter(int value) {
			if (value < 1) throw new IllegalArgumentException("npix_iter must be at least 1, not " + value);
			return new Options(value, excludeOutliers, minfrac, fc, centring, threads);
		}

		/** Whether to exclude 4-sigma outliers and their neighbours before fitting. */
		public Options withExcludeOutliers(boolean value) {
			return new Options(npixIter, value, minfrac, fc, centring, threads);
		}

		/** Fraction of usable pixels a section must exceed to be fitted. */
		public Options withMinfrac(double value) {
			return new Options(npixIter, excludeOutliers, value, fc, centring, threads);
		}

		/** Kernel centring. */
		public Options withCentring(NsCleanCentring value) {
			return new Options(npixIter, excludeOutliers, minfrac, fc, value, threads);
		}

		/** Worker threads (at least 1; the caller works too). */
		public Options withThreads(int value) {
			return new Options(npixIter, excludeOutliers, minfrac, fc, centring, Math.max(1, value));
		}

		public int npixIter() {
			return npixIter;
		}

		public boolean excludeOutliers() {
			return excludeOutliers;
		}

		public double minfrac() {
			return minfrac;
		}

		/** Band edges (fc0, fc1, fc2, fc3), Hz. */
		public double[] fc() {
			return fc.clone();
		}

		public NsCleanCentring centring() {
			return centring;
		}

		public int threads() {
			return threads;
		}
	}

	/**
	 * Cleans a subarray image.
	 *
	 * @param image background-subtracted image (any shape; the reference sends everything but 2048 x
	 *            2048 here), float32 row-major, no NaN (not modified; NaN pixels are not used and stay NaN)
	 * @param mask true = usable background pixel
	 * @param detector "NRS1", or anything else for NRS2
	 * @return image - model, rounded to float32 (the reference returns float64; the step stores
	 *         float32), or null when no usable pixel is left after the outlier exclusion
	 */
	public static float[] clean(float[] image, boolean[] mask, int width, int height, String detector, Options options, StepLog log) {
		if (image.length != width * height || mask.length != image.length) throw new IllegalArgumentException("image and mask must hold width x height values");
		NsCleanFullFrame.Geometry g = new NsCleanFullFrame.Geometry(width, height, !"NRS1".equalsIgnoreCase(detector));
		int nx = g.nx;
		int ny = g.ny;
		float[] img = new float[nx * ny];
		boolean[] msk = new boolean[nx * ny];
		for (int x = 0; x < nx; x++) {
			for (int y = 0; y < ny; y++) {
				int i = g.index(y, x);
				img[y * nx + x] = image[i];
				msk[y * nx + x] = mask[i] && !Float.isNaN(image[i]);
			}
		}
		if (options.excludeOutliers) excludeOutliers(img, msk, nx, ny);
		int[] counts = new int[ny];
		for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) if (msk[y * nx + x]) counts[y]++;
		List<int[]> sections = sections(counts, options.npixIter);
		if (sections.isEmpty()) {
			log.warn("No good pixels in the mask for the fft fit; the image cannot be cleaned.");
			return null;
		}
		int ns = sections.size();
		boolean[] fit = new boolean[ns];
		for (int s = 0; s < ns; s++) {
			int i1 = sections.get(s)[0];
			int di = sections.get(s)[1];
			long usable = 0;
			for (int y = i1; y < i1 + di; y++) usable += counts[y];
			fit[s] = (double) usable / ((double) di * nx) > options.minfrac;
			if (!fit[s]) log.warn("Insufficient reference pixels for the fft fit around detector line " + i1 + "; no correction will be made there.");
		}
		double sigma = weightSigma(options.fc);
		int shift = options.centring == NsCleanCentring.PIPELINE ? 1 : 0;
		double[][] models = new double[ns][];
		NsCleanSupport.forEach(ns, options.threads, () -> new SectionFitter(sigma, shift, options.fc), (f, s) -> {
			int i1 = sections.get(s)[0];
			int di = sections.get(s)[1];
			models[s] = fit[s] ? f.fit(img, msk, nx, i1, di) : new double[di * nx];
		});
		double[] model = new double[nx * ny];
		double[] total = new double[ny];
		for (int s = 0; s < ns; s++) {
			int i1 = sections.get(s)[0];
			int di = sections.get(s)[1];
			double[] w = blendWeights(di);
			for (int l = 0; l < di; l++) {
				total[i1 + l] += w[l];
				for (int x = 0; x < nx; x++) model[(i1 + l) * nx + x] += w[l] * models[s][l * nx + x];
			}
		}
		float[] out = new float[image.length];
		for (int y = 0; y < ny; y++) {
			for (int x = 0; x < nx; x++) {
				double v = model[y * nx + x];
				out[g.index(y, x)] = (float) (img[y * nx + x] - (v == 0 ? 0 : v / total[y]));
			}
		}
		return out;
	}

	// -- Kernels (package-private for the tests) --

	/**
	 * Excludes from the mask the usable pixels farther than 4 robust sigma (1.4825 MAD, strict) from
	 * the median of the usable pixels, and their four nearest neighbours (no wrap-around); float32
	 * arithmetic as the reference. Detector frame, nx pixels per line.
	 */
	static void excludeOutliers(float[] img, boolean[] msk, int nx, int ny) {
		int n = 0;
		float[] v = new float[img.length];
		for (int i = 0; i < img.length; i++) if (msk[i]) v[n++] = img[i];
		if (n == 0) return;
		float med = Selection.medianInPlace(v, n);
		n = 0;
		for (int i = 0; i < img.length; i++) if (msk[i]) v[n++] = Math.abs(img[i] - med);
		float std = MAD_TO_SIGMA * Selection.medianInPlace(v, n);
		float limit = SIGREJ * std;
		boolean[] outlier = new boolean[img.length];
		for (int i = 0; i < img.length; i++) outlier[i] = msk[i] && Math.abs(img[i] - med) > limit;
		for (int y = 0; y < ny; y++) {
			for (int x = 0; x < nx; x++) {
				int i = y * nx + x;
				if (outlier[i] || (y > 0 && outlier[i - nx]) || (y < ny - 1 && outlier[i + nx]) || (x > 0 && outlier[i - 1])
						|| (x < nx - 1 && outlier[i + 1])) {
					msk[i] = false;
				}
			}
		}
	}

	/**
	 * The fitting sections {@code {first line, line count}} for the usable pixels per detector line:
	 * from the first line with a usable pixel, the shortest run holding more than npixIter usable
	 * pixels (to the last such line when at most 1.5 npixIter remain), the next starting
	 * {@code max(rint(di / 2), 1)} lines later, until a section reaches the last line with a usable
	 * pixel. Empty when there is none.
	 */
	static List<int[]> sections(int[] counts, int npixIter) {
		int ny = counts.length;
		long[] cum = new long[ny + 1];
		int first = -1;
		int last = -1;
		for (int y = 0; y < ny; y++) {
			cum[y + 1] = cum[y] + counts[y];
			if (counts[y] > 0) {
				if (first < 0) first = y;
				last = y;
			}
		}
		List<int[]> out = new ArrayList<>();
		if (first < 0) return out;
		int i1 = first;
		while (i1 <= last) {
			int k = last + 1;
			for (int kk = i1 + 1; kk <= last + 1; kk++) {
				if (cum[kk] - cum[i1] > npixIter && cum[ny] - cum[i1] > 1.5 * npixIter) {
					k = kk;
					break;
				}
			}
			int di = k - i1;
			out.add(new int[] { i1, di });
			if (k == last + 1) break;
			i1 += Math.max((int) Math.rint(di / 2.0), 1);
		}
		return out;
	}

	/** Blending weights {@code 1.001 - |t|}, t = numpy linspace(-1, 1, di) (0.001 for one line). */
	static double[] blendWeights(int di) {
		double[] w = new double[di];
		if (di == 1) {
			w[0] = 1.001 - 1.0;
			return w;
		}
		double step = 2.0 / (di - 1);
		for (int i = 0; i < di; i++) w[i] = 1.001 - Math.abs(i == di - 1 ? 1.0 : i * step + -1.0);
		return w;
	}

	/**
	 * The band apodizer over the rfft bins k = 0..n/2 of an n-tick stream (frequency k / (n * 10 us)),
	 * in the reference's float32 arithmetic.
	 */
	static float[] apodizer(int n, double[] fc) {
		float[] a = new float[n / 2 + 1];
		double step = 1.0 / (n * (double) TICK);
		float f0 = (float) fc[0];
		float f1 = (float) fc[1];
		float f2 = (float) fc[2];
		float f3 = (float) fc[3];
		float pi = (float) Math.PI;
		for (int k = 0; k < a.length; k++) {
			float f = (float) (k * step);
			if (f < f0) a[k] = 1f;
			else if (f < f1) a[k] = 0.5f * ((float) Math.cos(pi / (f1 - f0) * (f - f0)) + 1f);
			else if (f < f2) a[k] = 0f;
			else if (f < f3) a[k] = 0.5f * ((float) Math.cos(pi / (f3 - f2) * (f - f2) + pi) + 1f);
			else a[k] = 1f;
		}
		return a;
	}

	/** Sigma of the density kernel, ticks: 1 / mean(fc0, fc1) / 10 us / 8, float32 as the reference. */
	static double weightSigma(double[] fc) {
		float s = (float) (1 / ((fc[0] + fc[1]) / 2)) / TICK;
		return s / 2f / 4f;
	}

	/** Per-worker state of the section fits. */
	static final class SectionFitter {

		private final NsCleanSupport.Convolver convolver;
		private final NsCleanSupport.Solver solver = new NsCleanSupport.Solver();
		private final double[] fc;
		private final Map<Integer, double[][]> trig = new HashMap<>();

		SectionFitter(double sigma, int shift, double[] fc) {
			this.convolver = new NsCleanSupport.Convolver(sigma, shift);
			this.fc = fc;
		}

		/**
		 * The model of detector lines [i1, i1 + di) (di x nx values), fitted on the usable pixels of
		 * those lines; zeros when it cannot be bounded.
		 */
		double[] fit(float[] img, boolean[] msk, int nx, int i1, int di) {
			int period = nx + OVERHEAD;
			int n = di * period;
			float[] apod = apodizer(n, fc);
			int nk = 0;
			int[] bins = new int[apod.length];
			for (int k = 0; k < apod.length; k++) if (apod[k] > 0) bins[nk++] = k;
			double[] model = new double[di * nx];
			if (nk == 0) return model;
			double[] stream = new double[n];
			int count = 0;
			for (int l = 0; l < di; l++) for (int x = 0; x < nx; x++) if (msk[(i1 + l) * nx + x]) count++;
			int[] m = new int[count];
			float[] d = new float[count];
			count = 0;
			double maxD = 0;
			for (int l = 0; l < di; l++) {
				for (int x = 0; x < nx; x++) {
					int i = (i1 + l) * nx + x;
					if (!msk[i]) continue;
					m[count] = l * period + x;
					d[count] = img[i];
					maxD = Math.max(maxD, Math.abs(img[i]));
					stream[l * period + x] = 1;
					count++;
				}
			}
			double[] density = new double[n];
			convolver.convolve(stream, n, density);
			double[] w = new double[count];
			for (int j = 0; j < count; j++) {
				double p = NsCleanFullFrame.weight(density[m[j]]);
				w[j] = p * p;
			}
			double[][] t = trig.computeIfAbsent(n, NsCleanSupport::trigTable);
			int kMax = bins[nk - 1];
			boolean[] need = new boolean[kMax + 1];
			for (int a = 0; a < nk; a++) for (int b = a; b < nk; b++) need[bins[b] - bins[a]] = true;
			double[] sRe = new double[kMax + 1];
			double[] sIm = new double[kMax + 1];
			double[] tRe = new double[kMax + 1];
			double[] tIm = new double[kMax + 1];
			accumulate(m, w, null, count, need, n, t, sRe, sIm);
			boolean[] isBin = new boolean[kMax + 1];
			for (int a = 0; a < nk; a++) isBin[bins[a]] = true;
			accumulate(m, w, d, count, isBin, n, t, tRe, tIm);
			double[] hRe = new double[nk * nk];
			double[] hIm = new double[nk * nk];
			double[] rRe = new double[nk];
			double[] rIm = new double[nk];
			for (int a = 0; a < nk; a++) {
				for (int b = a; b < nk; b++) {
					hRe[a * nk + b] = sRe[bins[b] - bins[a]];
					hIm[a * nk + b] = sIm[bins[b] - bins[a]];
				}
				rRe[a] = tRe[bins[a]];
				rIm[a] = -tIm[bins[a]];
			}
			double[] yRe = new double[nk];
			double[] yIm = new double[nk];
			double bound = NsCleanSupport.MODEL_BOUND * maxD;
			for (double ridge : NsCleanSupport.RIDGES) {
				if (!solver.solve(hRe, hIm, rRe, rIm, nk, ridge, yRe, yIm)) continue;
				double sum = 0;
				for (int a = 0; a < nk; a++) {
					int k = bins[a];
					boolean real = k == 0 || 2 * k == n;
					yRe[a] *= (real ? 1 : 2) * apod[k];
					yIm[a] = real ? 0 : yIm[a] * 2 * apod[k];
					sum += Math.hypot(yRe[a], yIm[a]);
				}
				Arrays.fill(model, 0.0);
				evaluate(yRe, yIm, bins, nk, n, nx, di, t, model);
				if (sum <= bound) return model;
				boolean ok = true;
				for (double v : model) {
					if (!(Math.abs(v) <= bound)) {
						ok = false;
						break;
					}
				}
				if (ok) return model;
			}
			Arrays.fill(model, 0.0);
			return model;
		}
	}

	/**
	 * {@code out[q] += sum_j w_j (d_j) e^{2 pi i q m_j / n}} for the q with {@code want[q]}, d = 1
	 * when null; contiguous runs of q are stepped without multiplications.
	 */
	static void accumulate(int[] m, double[] w, float[] d, int count, boolean[] want, int n, double[][] trig, double[] re, double[] im) {
		double[] cos = trig[0];
		double[] sin = trig[1];
		int q0 = 0;
		while (q0 < want.length) {
			if (!want[q0]) {
				q0++;
				continue;
			}
			int q1 = q0;
			while (q1 + 1 < want.length && want[q1 + 1]) q1++;
			for (int j = 0; j < count; j++) {
				double wj = d == null ? w[j] : w[j] * d[j];
				int step = m[j] % n;
				int idx = (int) ((long) m[j] * q0 % n);
				for (int q = q0; q <= q1; q++) {
					re[q] += wj * cos[idx];
					im[q] += wj * sin[idx];
					idx += step;
					if (idx >= n) idx -= n;
				}
			}
			q0 = q1 + 1;
		}
	}

	/**
	 * Adds {@code sum_a Re(c_a e^{2 pi i k_a t / n})} at the pixel ticks {@code t = l (nx + 12) + x}
	 * of a section to out[l * nx + x].
	 */
	static void evaluate(double[] cRe, double[] cIm, int[] bins, int nk, int n, int nx, int di, double[][] trig, double[] out) {
		double[] cos = trig[0];
		double[] sin = trig[1];
		int period = nx + OVERHEAD;
		for (int a = 0; a < nk; a++) {
			int k = bins[a];
			double re = cRe[a];
			double im = cIm[a];
			if (re == 0 && im == 0) continue;
			for (int l = 0; l < di; l++) {
				int idx = (int) ((long) k * (l * period) % n);
				int off = l * nx;
				for (int x = 0; x < nx; x++) {
					out[off + x] += re * cos[idx] - im * sin[idx];
					idx += k;
					if (idx >= n) idx -= n;
				}
			}
		}
	}
}
