package org.webbsteps.flicker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * than {@code npixIter} usable pixels (the rest of the image in one section when at most 1.5
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
	/** Detector lines per parallel task of the blending. */
	private static final int BLEND_BLOCK = 64;

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
		float[] img = g.toDetector(image);
		boolean[] msk = g.toDetector(mask, image);
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
		org.webbsteps.step.Parallel.forEach(ns, options.threads, () -> new SectionFitter(sigma, shift, options.fc), (f, s) -> {
			int i1 = sections.get(s)[0];
			int di = sections.get(s)[1];
			models[s] = fit[s] ? f.fit(img, msk, nx, i1, di) : new double[di * nx];
		});
		Blend blend = new Blend(sections, ny);
		float[] out = new float[image.length];
		int blocks = (ny + BLEND_BLOCK - 1) / BLEND_BLOCK;
		org.webbsteps.step.Parallel.forEach(blocks, options.threads, () -> new double[nx], (row, b) -> {
			for (int y = b * BLEND_BLOCK; y < Math.min(ny, (b + 1) * BLEND_BLOCK); y++) {
				blend.line(y, models, nx, row);
				for (int x = 0; x < nx; x++) out[g.index(y, x)] = (float) (img[y * nx + x] - row[x]);
			}
		});
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
		for (boolean b : msk) if (b) n++;
		if (n == 0) return;
		float[] v = new float[n];
		for (int i = 0, j = 0; j < n; i++) if (msk[i]) v[j++] = img[i];
		float[] work = new float[n];
		float med = NsCleanSupport.median(v, n, work);
		for (int j = 0; j < n; j++) v[j] = Math.abs(v[j] - med);
		float std = MAD_TO_SIGMA * NsCleanSupport.median(v, n, work);
		float limit = SIGREJ * std;
		int[] outliers = new int[16];
		int count = 0;
		for (int i = 0; i < img.length; i++) {
			if (msk[i] && Math.abs(img[i] - med) > limit) {
				if (count == outliers.length) outliers = Arrays.copyOf(outliers, 2 * count);
				outliers[count++] = i;
			}
		}
		for (int k = 0; k < count; k++) {
			int i = outliers[k];
			int y = i / nx;
			int x = i % nx;
			msk[i] = false;
			if (y > 0) msk[i - nx] = false;
			if (y < ny - 1) msk[i + nx] = false;
			if (x > 0) msk[i - 1] = false;
			if (x < nx - 1) msk[i + 1] = false;
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

	/**
	 * The blend of overlapping section models: per line, the sum of the section models times their
	 * weights {@link #blendWeights}, in section order, divided by the sum of the weights; 0 where
	 * that sum of models is exactly 0 (the reference's guard) or no section covers the line.
	 */
	static final class Blend {

		private final List<int[]> sections;
		private final double[][] weights;
		/** Sections [first[y], last[y]) cover line y (starts and ends are both ascending). */
		private final int[] first;
		private final int[] last;

		Blend(List<int[]> sections, int ny) {
			this.sections = sections;
			int ns = sections.size();
			weights = new double[ns][];
			for (int k = 0; k < ns; k++) weights[k] = blendWeights(sections.get(k)[1]);
			first = new int[ny];
			last = new int[ny];
			for (int y = 0, lo = 0; y < ny; y++) {
				while (lo < ns && sections.get(lo)[0] + sections.get(lo)[1] <= y) lo++;
				int hi = lo;
				while (hi < ns && sections.get(hi)[0] <= y) hi++;
				first[y] = lo;
				last[y] = hi;
			}
		}

		/**
		 * @param models per section, its lines x nx values
		 * @param row receives the nx blended model values of line y
		 */
		void line(int y, double[][] models, int nx, double[] row) {
			Arrays.fill(row, 0, nx, 0.0);
			double total = 0;
			for (int k = first[y]; k < last[y]; k++) {
				int l = y - sections.get(k)[0];
				double wl = weights[k][l];
				double[] mk = models[k];
				total += wl;
				for (int x = 0; x < nx; x++) row[x] += wl * mk[l * nx + x];
			}
			for (int x = 0; x < nx; x++) if (row[x] != 0) row[x] /= total;
		}
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

	/** What depends only on the stream length: the apodizer, the fitted bins and the trigonometric table. */
	static final class Band {

		final float[] apodizer;
		/** Bins with a positive apodizer, ascending. */
		final int[] bins;
		/** Bin differences needed by the normal matrix. */
		final boolean[] need;
		/** Whether a bin is fitted (indexed like need). */
		final boolean[] fitted;
		final double[][] trig;
		/** cos and sin of 2 pi k x / n for the fitted bins k (rows) and the pixels x of a line. */
		final double[][] cosRows;
		final double[][] sinRows;

		Band(int n, int nx, double[] fc) {
			apodizer = apodizer(n, fc);
			int nk = 0;
			int[] b = new int[apodizer.length];
			for (int k = 0; k < apodizer.length; k++) if (apodizer[k] > 0) b[nk++] = k;
			bins = Arrays.copyOf(b, nk);
			int kMax = nk == 0 ? 0 : bins[nk - 1];
			need = new boolean[kMax + 1];
			fitted = new boolean[kMax + 1];
			for (int i = 0; i < nk; i++) {
				fitted[bins[i]] = true;
				for (int j = i; j < nk; j++) need[bins[j] - bins[i]] = true;
			}
			trig = NsCleanSupport.trigTable(n);
			cosRows = new double[nk][nx];
			sinRows = new double[nk][nx];
			for (int a = 0; a < nk; a++) {
				for (int x = 0, q = 0; x < nx; x++, q = (int) ((q + (long) bins[a]) % n)) {
					cosRows[a][x] = trig[0][q];
					sinRows[a][x] = trig[1][q];
				}
			}
		}
	}

	/** Per-worker state of the section fits. */
	static final class SectionFitter {

		private final NsCleanSupport.Convolver convolver;
		private final NsCleanSupport.Solver solver = new NsCleanSupport.Solver();
		private final double[] fc;
		private final Map<Integer, Band> bands = new HashMap<>();
		private double[] stream = new double[0];
		private double[] density = new double[0];
		private int[] m = new int[0];
		private int[] line = new int[0];
		private int[] pixel = new int[0];
		private float[] d = new float[0];
		private double[] w = new double[0];
		private double[] work = new double[0];
		private double[][] sums = new double[0][];
		/** S and T of the normal equations (real, imaginary), reused from section to section. */
		private double[][] spectra = new double[0][];

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
			Band band = bands.computeIfAbsent(n, k -> new Band(k, nx, fc));
			int[] bins = band.bins;
			int nk = bins.length;
			double[] model = new double[di * nx];
			if (nk == 0) return model;
			int size = di * nx;
			if (stream.length < n) {
				stream = new double[n];
				density = new double[n];
			}
			if (m.length < size) {
				m = new int[size];
				line = new int[size];
				pixel = new int[size];
				d = new float[size];
				w = new double[size];
			}
			Arrays.fill(stream, 0, n, 0.0);
			int count = 0;
			double maxD = 0;
			for (int l = 0; l < di; l++) {
				for (int x = 0; x < nx; x++) {
					int i = (i1 + l) * nx + x;
					if (!msk[i]) continue;
					m[count] = l * period + x;
					line[count] = l;
					pixel[count] = x;
					d[count] = img[i];
					maxD = Math.max(maxD, Math.abs(img[i]));
					stream[l * period + x] = 1;
					count++;
				}
			}
			convolver.convolve(stream, n, density);
			for (int j = 0; j < count; j++) {
				double p = NsCleanFullFrame.weight(density[m[j]]);
				w[j] = p * p;
			}
			int kMax = bins[nk - 1];
			if (spectra.length < 4 || spectra[0].length < kMax + 1) spectra = new double[4][kMax + 1];
			double[] sRe = spectra[0], sIm = spectra[1], tRe = spectra[2], tIm = spectra[3];
			for (double[] a : spectra) Arrays.fill(a, 0, kMax + 1, 0.0);
			if (sums.length < 8 || sums[0].length < count) sums = new double[8][size];
			if (n % 2 == 0) accumulateFolded(m, w, d, count, band.need, band.fitted, n, band.trig, sRe, sIm, tRe, tIm, sums);
			else accumulate(m, line, pixel, w, d, count, band.need, band.fitted, n, period, di, nx, band.trig, sRe, sIm, tRe, tIm, sums);
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
					yRe[a] *= (real ? 1 : 2) * band.apodizer[k];
					yIm[a] = real ? 0 : yIm[a] * 2 * band.apodizer[k];
					sum += Math.hypot(yRe[a], yIm[a]);
				}
				Arrays.fill(model, 0.0);
				evaluate(yRe, yIm, band, n, nx, di, model);
				if (sum <= bound || maxAbs(model) <= bound) return model;
			}
			Arrays.fill(model, 0.0);
			return model;
		}

		private double[] work(int size) {
			if (work.length < size) work = new double[size];
			return work;
		}

		private static double maxAbs(double[] v) {
			double max = 0;
			for (double x : v) {
				if (!(Math.abs(x) <= max)) max = Double.isNaN(x) ? Double.POSITIVE_INFINITY : Math.abs(x);
			}
			return max;
		}
	}

	/**
	 * The sums of the normal equations over the usable ticks {@code m_j = line_j * period + pixel_j <
	 * n}: {@code S(q) = sum_j w_j e^{2 pi i q m_j / n}} for the q with {@code need[q]} and
	 * {@code T(q) = sum_j w_j d_j e^{2 pi i q m_j / n}} for the q with {@code bin[q]} (a subset).
	 * The phases at the start of a run of consecutive q come from per-line and per-pixel tables and
	 * are rotated by {@code e^{2 pi i m_j / n}} along the run.
	 *
	 * @param work five arrays of at least count values
	 */
	static void accumulate(int[] m, int[] line, int[] pixel, double[] w, float[] d, int count, boolean[] need, boolean[] bin, int n, int period,
			int lines, int pixels, double[][] trig, double[] sRe, double[] sIm, double[] tRe, double[] tIm, double[][] work) {
		double[] cos = trig[0];
		double[] sin = trig[1];
		double[] aRe = new double[lines];
		double[] aIm = new double[lines];
		double[] bRe = new double[pixels];
		double[] bIm = new double[pixels];
		double[] zr = work[0];
		double[] zi = work[1];
		double[] rc = work[2];
		double[] rs = work[3];
		double[] wd = work[4];
		for (int j = 0; j < count; j++) {
			rc[j] = cos[m[j]];
			rs[j] = sin[m[j]];
			wd[j] = w[j] * d[j];
		}
		int q0 = 0;
		while (q0 < need.length) {
			if (!need[q0]) {
				q0++;
				continue;
			}
			int q1 = q0;
			while (q1 + 1 < need.length && need[q1 + 1]) q1++;
			for (int l = 0; l < lines; l++) {
				int idx = (int) ((long) l * period % n * q0 % n);
				aRe[l] = cos[idx];
				aIm[l] = sin[idx];
			}
			for (int x = 0; x < pixels; x++) {
				int idx = (int) ((long) x * q0 % n);
				bRe[x] = cos[idx];
				bIm[x] = sin[idx];
			}
			for (int j = 0; j < count; j++) {
				int l = line[j];
				int x = pixel[j];
				zr[j] = aRe[l] * bRe[x] - aIm[l] * bIm[x];
				zi[j] = aRe[l] * bIm[x] + aIm[l] * bRe[x];
			}
			for (int q = q0; q <= q1; q++) {
				if (bin[q]) {
					double sr0 = 0, sr1 = 0, si0 = 0, si1 = 0, tr0 = 0, tr1 = 0, ti0 = 0, ti1 = 0;
					int j = 0;
					for (; j + 1 < count; j += 2) {
						sr0 += w[j] * zr[j];
						si0 += w[j] * zi[j];
						tr0 += wd[j] * zr[j];
						ti0 += wd[j] * zi[j];
						sr1 += w[j + 1] * zr[j + 1];
						si1 += w[j + 1] * zi[j + 1];
						tr1 += wd[j + 1] * zr[j + 1];
						ti1 += wd[j + 1] * zi[j + 1];
					}
					if (j < count) {
						sr0 += w[j] * zr[j];
						si0 += w[j] * zi[j];
						tr0 += wd[j] * zr[j];
						ti0 += wd[j] * zi[j];
					}
					sRe[q] = sr0 + sr1;
					sIm[q] = si0 + si1;
					tRe[q] = tr0 + tr1;
					tIm[q] = ti0 + ti1;
				}
				else {
					double sr0 = 0, sr1 = 0, sr2 = 0, sr3 = 0, si0 = 0, si1 = 0, si2 = 0, si3 = 0;
					int j = 0;
					for (; j + 3 < count; j += 4) {
						sr0 += w[j] * zr[j];
						si0 += w[j] * zi[j];
						sr1 += w[j + 1] * zr[j + 1];
						si1 += w[j + 1] * zi[j + 1];
						sr2 += w[j + 2] * zr[j + 2];
						si2 += w[j + 2] * zi[j + 2];
						sr3 += w[j + 3] * zr[j + 3];
						si3 += w[j + 3] * zi[j + 3];
					}
					for (; j < count; j++) {
						sr0 += w[j] * zr[j];
						si0 += w[j] * zi[j];
					}
					sRe[q] = (sr0 + sr1) + (sr2 + sr3);
					sIm[q] = (si0 + si1) + (si2 + si3);
				}
				if (q == q1) break;
				for (int j = 0; j < count; j++) {
					double r = zr[j];
					double i = zi[j];
					zr[j] = r * rc[j] - i * rs[j];
					zi[j] = r * rs[j] + i * rc[j];
				}
			}
			q0 = q1 + 1;
		}
	}

	/**
	 * The same sums as {@link #accumulate} for an even n, folding the bins near Nyquist onto low
	 * ones: {@code e^{2 pi i (n/2 - e) m / n} = (-1)^m conj(e^{2 pi i e m / n})}, so bin q is taken
	 * from {@code e = min(q, n/2 - q)} with weights {@code w_j} or {@code (-1)^{m_j} w_j}, and one
	 * rotated phase per sample serves both.
	 *
	 * @param work eight arrays of at least count values
	 */
	static void accumulateFolded(int[] m, double[] w, float[] d, int count, boolean[] need, boolean[] bin, int n, double[][] trig, double[] sRe,
			double[] sIm, double[] tRe, double[] tIm, double[][] work) {
		int half = n / 2;
		int reach = 0;
		for (int q = 0; q < need.length; q++) if (need[q]) reach = Math.max(reach, Math.min(q, half - q));
		double[] zr = work[0];
		double[] zi = work[1];
		double[] rc = work[2];
		double[] rs = work[3];
		double[] ws = work[4];
		double[] wd = work[5];
		double[] wds = work[6];
		for (int j = 0; j < count; j++) {
			zr[j] = 1;
			zi[j] = 0;
			rc[j] = trig[0][m[j]];
			rs[j] = trig[1][m[j]];
			ws[j] = (m[j] & 1) == 0 ? w[j] : -w[j];
			wd[j] = w[j] * d[j];
			wds[j] = (m[j] & 1) == 0 ? wd[j] : -wd[j];
		}
		for (int e = 0; e <= reach; e++) {
			int high = half - e;
			boolean highT = high != e && high < need.length && need[high] && bin[high];
			double a0 = 0, a1 = 0, b0 = 0, b1 = 0, c0 = 0, c1 = 0, f0 = 0, f1 = 0;
			if (highT) {
				for (int j = 0; j < count; j++) {
					double r = zr[j];
					double i = zi[j];
					f0 += wds[j] * r;
					f1 += wds[j] * i;
				}
			}
			for (int j = 0; j < count; j++) {
				double r = zr[j];
				double i = zi[j];
				a0 += w[j] * r;
				a1 += w[j] * i;
				b0 += ws[j] * r;
				b1 += ws[j] * i;
				c0 += wd[j] * r;
				c1 += wd[j] * i;
				zr[j] = r * rc[j] - i * rs[j];
				zi[j] = r * rs[j] + i * rc[j];
			}
			if (e < need.length && need[e]) {
				sRe[e] = a0;
				sIm[e] = a1;
				if (bin[e]) {
					tRe[e] = c0;
					tIm[e] = c1;
				}
			}
			if (high != e && high < need.length && need[high]) {
				sRe[high] = b0;
				sIm[high] = -b1;
				if (highT) {
					tRe[high] = f0;
					tIm[high] = -f1;
				}
			}
		}
	}

	/**
	 * Adds {@code sum_a Re(c_a e^{2 pi i k_a t / n})} at the pixel ticks {@code t = l (nx + 12) + x}
	 * of a section to out[l * nx + x].
	 */
	static void evaluate(double[] cRe, double[] cIm, Band band, int n, int nx, int di, double[] out) {
		double[] cos = band.trig[0];
		double[] sin = band.trig[1];
		int period = nx + OVERHEAD;
		for (int a = 0; a < band.bins.length; a++) {
			int k = band.bins[a];
			double re = cRe[a];
			double im = cIm[a];
			if (re == 0 && im == 0) continue;
			double[] cr = band.cosRows[a];
			double[] sr = band.sinRows[a];
			for (int l = 0; l < di; l++) {
				int idx = (int) ((long) k * (l * period) % n);
				double zr = re * cos[idx] - im * sin[idx];
				double zi = re * sin[idx] + im * cos[idx];
				int off = l * nx;
				for (int x = 0; x < nx; x++) out[off + x] += zr * cr[x] - zi * sr[x];
			}
		}
	}
}
