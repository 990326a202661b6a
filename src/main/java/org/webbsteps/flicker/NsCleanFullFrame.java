package org.webbsteps.flicker;

import java.util.Arrays;

/**
 * The Fourier-space 1/f cleaner of {@code clean_flicker_noise} for NIRSpec full frames
 * ({@code fit_method='fft'} on a 2048 x 2048 image; JWST {@code fft_clean_full_frame} and
 * {@code NSClean}, Rauscher 2024, PASP 136, 015001).
 * <p>
 * Images are float32, row-major in the DMS frame ({@code index = y * width + x}), in any units
 * (DN or DN/s), background already subtracted and without NaN; masks are {@code true} for usable
 * background pixels. Inside, the image is turned to the detector frame (NRS1: transpose; otherwise
 * transpose and flip, so detector line y is DMS column y, or column {@code width - 1 - y}) and each
 * detector line except the four at each end is fitted on its usable pixels:
 * <ol>
 * <li>outliers beyond 3 robust sigma (1.4826 MAD) of the line median are replaced by the median;</li>
 * <li>weights are the inverse local sample density, the mask convolved along the line with a
 * Gaussian of sigma 32 px (circular, kernel sum 1);</li>
 * <li>weighted least squares for the Fourier coefficients k = 0..8 of the line (periods of at least
 * 256 px; the apodizer gives 1 up to k = 7, 0.5 at k = 8);</li>
 * <li>the model of all lines is "buffed" with a Gaussian of sigma 1.5 lines across the lines
 * (along the DMS dispersion direction, circular) and subtracted from every pixel.</li>
 * </ol>
 * Differences from the reference, with {@link NsCleanCentring#CENTRED} (the default): the weights of
 * a line come from its own mask and the buffing kernel is centred, where the reference takes the
 * density from the previous line shifted by one pixel and shifts the buffed model by one line and
 * one pixel ({@link NsCleanCentring#PIPELINE} reproduces these offsets). In both modes a density at
 * or below {@value NsCleanSupport#DENSITY_FLOOR} (FFT round-off of a masked neighbourhood, possible
 * only with the pipeline offsets) gives unit weight, and a singular system or a model exceeding
 * {@value NsCleanSupport#MODEL_BOUND} times the largest |sample| of its line is solved again with an
 * increasing ridge (Tikhonov, relative 1e-12 .. 1); a line that stays unbounded gets no model. The
 * arithmetic is float64 (the reference's is float32); the cleaner never fails for numerical reasons.
 */
public final class NsCleanFullFrame {

	/** Edge of a full frame. */
	public static final int SIZE = 2048;
	/** Half-power frequency of the low-pass apodizer, cycles per pixel (1 / 256). */
	static final double FC = 1.0 / (2 * 2048 / 16);
	/** Width of its cosine roll-off, cycles per pixel (1 / 1024). */
	static final double KILL_WIDTH = FC / 4;
	/** Sigma of the buffing Gaussian, lines. */
	static final double BUFFER_SIGMA = 1.5;
	/** Sigma of the density Gaussian, pixels. */
	static final double WEIGHT_SIGMA = 32;
	/** Outlier level, robust sigma. */
	static final float SIGREJ = 3.0f;
	/** MAD to sigma factor of this cleaner. */
	static final float MAD_TO_SIGMA = 1.4826f;
	/** Detector lines left unfitted at each end. */
	static final int EDGE = 4;
	/** Edge of the tiles of the frame transposes. */
	private static final int TILE = 8;
	/** Detector lines per parallel task. */
	private static final int BLOCK = 32;

	private NsCleanFullFrame() {
	}

	/**
	 * Cleans a 2048 x 2048 DMS-frame image on all available processors.
	 *
	 * @param image background-subtracted image, float32 row-major, no NaN (not modified)
	 * @param mask true = usable background pixel
	 * @param detector "NRS1", or anything else for NRS2 (transpose and flip)
	 * @return image - buffed model (float32), or null when the mask has no usable pixel
	 */
	public static float[] clean(float[] image, boolean[] mask, String detector, NsCleanCentring centring) {
		return clean(image, mask, SIZE, SIZE, detector, centring, Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Cleans an image of any size with the full-frame algorithm (the reference's tests run it on
	 * small images). For non-square images the {@link NsCleanCentring#PIPELINE} buffing offset
	 * follows the reference's formula, which assumes a square frame.
	 *
	 * @param image background-subtracted image, float32 row-major, no NaN (pixels that are NaN
	 *            anyway are not used and stay NaN)
	 * @param mask true = usable background pixel
	 * @param detector "NRS1", or anything else for NRS2
	 * @param threads worker threads (at least 1; the caller works too)
	 * @return image - buffed model (float32), or null when the mask has no usable pixel
	 */
	public static float[] clean(float[] image, boolean[] mask, int width, int height, String detector, NsCleanCentring centring, int threads) {
		if (image.length != width * height || mask.length != image.length) throw new IllegalArgumentException("image and mask must hold width x height values");
		boolean any = false;
		for (int i = 0; i < mask.length && !any; i++) any = mask[i];
		if (!any) return null;
		Geometry g = new Geometry(width, height, !"NRS1".equalsIgnoreCase(detector));
		boolean pipeline = centring == NsCleanCentring.PIPELINE;
		int nx = g.nx;
		int ny = g.ny;
		double[] apod = apodizer(nx);
		int nvec = nvec(apod);
		double[][] cos = new double[nvec][];
		double[][] sin = new double[nvec][];
		trigRows(nx, nvec, cos, sin);
		double[] xRe = new double[ny * nvec];
		double[] xIm = new double[ny * nvec];
		int blocks = (ny + BLOCK - 1) / BLOCK;
		int rowShift = pipeline ? 1 : 0;
		org.webbsteps.step.Parallel.forEach(blocks, threads, () -> new Fitter(g, nvec, pipeline), (f, b) -> {
			int y0 = Math.max(b * BLOCK, EDGE);
			int y1 = Math.min((b + 1) * BLOCK, ny - EDGE);
			if (y0 >= y1) return;
			g.gather(image, mask, y0, y1 - y0, rowShift, f.lines, f.masks);
			f.estimate[0] = Float.NaN;
			for (int y = y0; y < y1; y++) {
				f.fitLine(f.lines, (y - y0) * nx, f.masks, (y - y0) * nx, apod, cos, sin, y * nvec, xRe, xIm);
			}
		});
		double[][] terms = buffedTerms(xRe, xIm, ny, nx, nvec, pipeline, g);
		float[] out = new float[image.length];
		int rowBlocks = (height + BLOCK - 1) / BLOCK;
		org.webbsteps.step.Parallel.forEach(rowBlocks, threads, () -> new double[width], (row, b) -> {
			for (int r = b * BLOCK; r < Math.min(height, (b + 1) * BLOCK); r++) {
				evaluateRow(terms, nvec, cos, sin, r, row);
				int off = r * width;
				for (int c = 0; c < width; c++) out[off + c] = image[off + c] - (float) row[c];
			}
		});
		return out;
	}

	// -- Kernels (package-private for the tests) --

	/**
	 * The reference's low-pass apodizer over the rfft bins k = 0..n/2 of a line of n pixels: 1 up to
	 * {@code FC - KILL_WIDTH/2}, a half cosine down to 0 at {@code FC + KILL_WIDTH/2}, 0 above.
	 */
	static double[] apodizer(int n) {
		double[] a = new double[n / 2 + 1];
		double step = 1.0 / n;
		for (int k = 0; k < a.length; k++) {
			double f = k * step;
			if (f <= FC - KILL_WIDTH / 2) a[k] = 1;
			else if (f <= FC + KILL_WIDTH / 2) a[k] = (1 + Math.cos(Math.PI * (f - FC) / KILL_WIDTH + Math.PI / 2)) / 2;
			else a[k] = 0;
		}
		return a;
	}

	/** Number of fitted Fourier vectors: the bins with a positive apodizer (9 for 2048 pixels). */
	static int nvec(double[] apodizer) {
		int n = 0;
		for (double v : apodizer) if (v > 0) n++;
		return n;
	}

	/** Rows of cos and sin of 2 pi k x / n, k < nvec. */
	static void trigRows(int n, int nvec, double[][] cos, double[][] sin) {
		double[][] t = NsCleanSupport.trigTable(n);
		for (int k = 0; k < nvec; k++) {
			cos[k] = new double[n];
			sin[k] = new double[n];
			for (int x = 0, q = 0; x < n; x++, q = (q + k) % n) {
				cos[k][x] = t[0][q];
				sin[k][x] = t[1][q];
			}
		}
	}

	/**
	 * Circular line offsets r (model of line y - r goes into line y) with a non-negligible buffing
	 * weight {@code g(((r + ny/2) mod ny) - centre)}: centre = ny/2 (centred) or nx/2 + 1 (the
	 * reference's).
	 */
	static int[] buffingRows(int ny, int nx, boolean pipeline) {
		int centre = pipeline ? nx / 2 + 1 : ny / 2;
		int reach = (int) Math.ceil(NsCleanSupport.KERNEL_REACH * BUFFER_SIGMA) + 1;
		int count = 0;
		int[] rows = new int[ny];
		for (int r = 0; r < ny; r++) {
			if (Math.abs(Math.floorMod(r + ny / 2, ny) - centre) <= reach) rows[count++] = r;
		}
		return Arrays.copyOf(rows, count);
	}

	/**
	 * Buffs the line coefficients across lines and lays them out by DMS column: returns 2 * nvec
	 * arrays of {@code width} values, the cosine and sine amplitudes {@code gamma_k Re X'_k / nx} and
	 * {@code gamma_k Im X'_k / nx} of DMS column c (its detector line y), where {@code X'_k =
	 * exp(-2 pi i k shiftX / nx) sum_r g_r X_{(y - r) mod ny, k}}, gamma = 1 for k = 0 (and the Nyquist
	 * bin), else 2. The model at DMS (row r, column c) is then {@code sum_k a_k[c] cos(2 pi k r / nx) -
	 * b_k[c] sin(2 pi k r / nx)}.
	 */
	static double[][] buffedTerms(double[] xRe, double[] xIm, int ny, int nx, int nvec, boolean pipeline, Geometry g) {
		int[] tapRow = buffingRows(ny, nx, pipeline);
		int centre = pipeline ? nx / 2 + 1 : ny / 2;
		double[] tapWeight = new double[tapRow.length];
		for (int t = 0; t < tapRow.length; t++) tapWeight[t] = NsCleanSupport.gaussian(Math.floorMod(tapRow[t] + ny / 2, ny) - centre, BUFFER_SIGMA);
		int shiftX = pipeline ? 1 : 0;
		double[][] terms = new double[2 * nvec][ny];
		for (int k = 0; k < nvec; k++) {
			double gamma = k == 0 || 2 * k == nx ? 1 : 2;
			double c = Math.cos(2 * Math.PI * ((long) k * shiftX % nx) / nx);
			double s = -Math.sin(2 * Math.PI * ((long) k * shiftX % nx) / nx);
			for (int y = 0; y < ny; y++) {
				double re = 0;
				double im = 0;
				for (int t = 0; t < tapRow.length; t++) {
					int src = Math.floorMod(y - tapRow[t], ny) * nvec + k;
					re += tapWeight[t] * xRe[src];
					im += tapWeight[t] * xIm[src];
				}
				int column = g.column(y);
				terms[k][column] = gamma * (re * c - im * s) / nx;
				terms[nvec + k][column] = gamma * (re * s + im * c) / nx;
			}
		}
		return terms;
	}

	/** The model along DMS row r (detector pixel r of every line) from {@link #buffedTerms}. */
	static void evaluateRow(double[][] terms, int nvec, double[][] cos, double[][] sin, int r, double[] row) {
		Arrays.fill(row, 0.0);
		for (int k = 0; k < nvec; k++) {
			double c = cos[k][r];
			double s = sin[k][r];
			double[] a = terms[k];
			double[] b = terms[nvec + k];
			for (int i = 0; i < row.length; i++) row[i] += a[i] * c - b[i] * s;
		}
	}

	/** Per-worker state of the line fits. */
	static final class Fitter {

		private final int nx;
		private final int nvec;
		final float[] lines;
		final boolean[] masks;
		private final NsCleanSupport.Convolver convolver;
		private final NsCleanSupport.Solver solver = new NsCleanSupport.Solver();
		private final boolean pipeline;
		private final double[] maskLine;
		private final double[] density;
		private final float[] d;
		private final float[] scratch;
		private final float[] work;
		/** Median and MAD of the previous line of the block (NaN at a block start). */
		final float[] estimate = { Float.NaN, Float.NaN };
		final int[] m;
		final double[] w;
		private final double[] sRe;
		private final double[] sIm;
		private final double[] tRe;
		private final double[] tIm;
		private final double[] hRe;
		private final double[] hIm;
		private final double[] rIm;
		private final double[] yRe;
		private final double[] yIm;
		private final double[] model;

		Fitter(Geometry g, int nvec, boolean pipeline) {
			this.nx = g.nx;
			this.nvec = nvec;
			this.pipeline = pipeline;
			lines = new float[BLOCK * nx];
			masks = new boolean[(BLOCK + 1) * nx];
			convolver = new NsCleanSupport.Convolver(WEIGHT_SIGMA, pipeline ? 1 : 0);
			maskLine = new double[nx];
			density = new double[nx];
			d = new float[nx];
			scratch = new float[nx];
			work = new float[nx];
			m = new int[nx];
			w = new double[nx];
			sRe = new double[nvec];
			sIm = new double[nvec];
			tRe = new double[nvec];
			tIm = new double[nvec];
			hRe = new double[nvec * nvec];
			hIm = new double[nvec * nvec];
			rIm = new double[nvec];
			yRe = new double[nvec];
			yIm = new double[nvec];
			model = new double[nx];
		}

		/**
		 * Fits one detector line and stores its apodized coefficients {@code X_k} (rfft scale) at
		 * {@code xRe/xIm[outOff + k]}; leaves zeros when the line has no usable pixel.
		 *
		 * @param masks mask lines; the density mask of this line starts at {@code maskOff} (its own
		 *            line) or one line earlier (pipeline offsets; the block holds that line first)
		 */
		void fitLine(float[] lines, int lineOff, boolean[] masks, int maskOff, double[] apod, double[][] cos, double[][] sin, int outOff,
				double[] xRe, double[] xIm) {
			int own = maskOff + (pipeline ? nx : 0);
			int count = 0;
			for (int x = 0; x < nx; x++) {
				if (masks[own + x]) {
					m[count] = x;
					d[count] = lines[lineOff + x];
					count++;
				}
			}
			if (count == 0) return;
			replaceOutliers(d, count, estimate, scratch, work);
			weights(masks, maskOff, count);
			double maxD = 0;
			for (int j = 0; j < count; j++) maxD = Math.max(maxD, Math.abs(d[j]));
			normalEquations(m, d, w, count, cos, sin, nvec, sRe, sIm, tRe, tIm);
			for (int a = 0; a < nvec; a++) {
				for (int b = a; b < nvec; b++) {
					hRe[a * nvec + b] = sRe[b - a];
					hIm[a * nvec + b] = sIm[b - a];
				}
				rIm[a] = -tIm[a];
			}
			for (double ridge : NsCleanSupport.RIDGES) {
				if (!solver.solve(hRe, hIm, tRe, rIm, nvec, ridge, yRe, yIm)) continue;
				for (int k = 0; k < nvec; k++) {
					yRe[k] *= nx * apod[k];
					yIm[k] = k == 0 || 2 * k == nx ? 0 : yIm[k] * nx * apod[k];
				}
				if (bounded(yRe, yIm, cos, sin, NsCleanSupport.MODEL_BOUND * maxD)) {
					System.arraycopy(yRe, 0, xRe, outOff, nvec);
					System.arraycopy(yIm, 0, xIm, outOff, nvec);
					return;
				}
			}
		}

		/**
		 * Fills {@code w[j]}, the squared weight of usable pixel {@code m[j]}: the inverse density of
		 * the mask line at {@code maskOff} convolved with the weight kernel.
		 */
		void weights(boolean[] masks, int maskOff, int count) {
			for (int x = 0; x < nx; x++) maskLine[x] = masks[maskOff + x] ? 1 : 0;
			convolver.convolve(maskLine, nx, density);
			for (int j = 0; j < count; j++) {
				double p = weight(density[m[j]]);
				w[j] = p * p;
			}
		}

		/** Whether the line model of coefficients X stays within the bound (cheap test first). */
		private boolean bounded(double[] re, double[] im, double[][] cos, double[][] sin, double bound) {
			double sum = 0;
			for (int k = 0; k < nvec; k++) sum += (k == 0 || 2 * k == nx ? 1 : 2) * Math.hypot(re[k], im[k]);
			if (sum / nx <= bound) return true;
			Arrays.fill(model, 0.0);
			for (int k = 0; k < nvec; k++) {
				double gamma = k == 0 || 2 * k == nx ? 1 : 2;
				double a = gamma * re[k] / nx;
				double b = gamma * im[k] / nx;
				for (int x = 0; x < nx; x++) model[x] += a * cos[k][x] - b * sin[k][x];
			}
			for (int x = 0; x < nx; x++) if (!(Math.abs(model[x]) <= bound)) return false;
			return true;
		}
	}

	/**
	 * Replaces the values outside {@code median +- 3 * 1.4826 * MAD} by the median, in float32
	 * arithmetic as the reference.
	 *
	 * @param estimate {median, MAD} of a similar line to narrow the selections (NaN: none); receives
	 *            this line's
	 * @param scratch, work at least count values each
	 */
	static void replaceOutliers(float[] d, int count, float[] estimate, float[] scratch, float[] work) {
		float mu = NsCleanSupport.median(d, count, estimate[0], 0.4f * estimate[1], work);
		for (int j = 0; j < count; j++) scratch[j] = Math.abs(d[j] - mu);
		float mad = NsCleanSupport.median(scratch, count, estimate[1], 0.1f * estimate[1], work);
		estimate[0] = mu;
		estimate[1] = mad;
		float sigma = MAD_TO_SIGMA * mad;
		float lo = mu - SIGREJ * sigma;
		float hi = mu + SIGREJ * sigma;
		for (int j = 0; j < count; j++) if (!(lo <= d[j] && d[j] <= hi)) d[j] = mu;
	}

	/** Weight of a sample from its density: 1 / density, or 1 where the density is round-off. */
	static double weight(double density) {
		return density > NsCleanSupport.DENSITY_FLOOR ? 1 / density : 1;
	}

	/**
	 * Accumulates {@code S(q) = sum_j w_j e^{2 pi i q m_j / n}} and {@code T(q) = sum_j w_j d_j e^{2
	 * pi i q m_j / n}} for q < nvec.
	 */
	static void normalEquations(int[] m, float[] d, double[] w, int count, double[][] cos, double[][] sin, int nvec, double[] sRe, double[] sIm,
			double[] tRe, double[] tIm) {
		int q = 0;
		for (; q + 3 <= nvec; q += 3) {
			// three frequencies per pass: twelve independent sums keep the adders busy
			double[] c0 = cos[q], c1 = cos[q + 1], c2 = cos[q + 2];
			double[] s0 = sin[q], s1 = sin[q + 1], s2 = sin[q + 2];
			double a0 = 0, b0 = 0, e0 = 0, f0 = 0, a1 = 0, b1 = 0, e1 = 0, f1 = 0, a2 = 0, b2 = 0, e2 = 0, f2 = 0;
			for (int j = 0; j < count; j++) {
				int x = m[j];
				double wj = w[j];
				double wd = wj * d[j];
				a0 += wj * c0[x];
				b0 += wj * s0[x];
				e0 += wd * c0[x];
				f0 += wd * s0[x];
				a1 += wj * c1[x];
				b1 += wj * s1[x];
				e1 += wd * c1[x];
				f1 += wd * s1[x];
				a2 += wj * c2[x];
				b2 += wj * s2[x];
				e2 += wd * c2[x];
				f2 += wd * s2[x];
			}
			sRe[q] = a0;
			sIm[q] = b0;
			tRe[q] = e0;
			tIm[q] = f0;
			sRe[q + 1] = a1;
			sIm[q + 1] = b1;
			tRe[q + 1] = e1;
			tIm[q + 1] = f1;
			sRe[q + 2] = a2;
			sIm[q + 2] = b2;
			tRe[q + 2] = e2;
			tIm[q + 2] = f2;
		}
		for (; q < nvec; q++) {
			double[] c = cos[q];
			double[] s = sin[q];
			double a = 0, b = 0, e = 0, f = 0;
			for (int j = 0; j < count; j++) {
				int x = m[j];
				double wj = w[j];
				double wd = wj * d[j];
				a += wj * c[x];
				b += wj * s[x];
				e += wd * c[x];
				f += wd * s[x];
			}
			sRe[q] = a;
			sIm[q] = b;
			tRe[q] = e;
			tIm[q] = f;
		}
	}

	/** DMS frame <-> detector frame. */
	static final class Geometry {

		final int width;
		final int height;
		/** Pixels per detector line (DMS rows). */
		final int nx;
		/** Detector lines (DMS columns). */
		final int ny;
		final boolean flip;

		Geometry(int width, int height, boolean flip) {
			this.width = width;
			this.height = height;
			this.nx = height;
			this.ny = width;
			this.flip = flip;
		}

		/** DMS column of detector line y. */
		int column(int y) {
			return flip ? width - 1 - y : y;
		}

		/** DMS index of detector pixel x on line y. */
		int index(int y, int x) {
			return x * width + (flip ? width - 1 - y : y);
		}

		/**
		 * Copies detector lines [y0, y0 + count) of the image into {@code lines} and the mask lines
		 * [y0 - before, y0 + count) into {@code masks} (line by line, nx each); NaN pixels are not usable.
		 */
		void gather(float[] image, boolean[] mask, int y0, int count, int before, float[] lines, boolean[] masks) {
			for (int x0 = 0; x0 < nx; x0 += TILE) {
				int x1 = Math.min(nx, x0 + TILE);
				for (int j = -before; j < count; j++) {
					int column = flip ? width - 1 - (y0 + j) : y0 + j;
					for (int x = x0; x < x1; x++) {
						int i = x * width + column;
						if (j >= 0) lines[j * nx + x] = image[i];
						masks[(j + before) * nx + x] = mask[i] && !Float.isNaN(image[i]);
					}
				}
			}
		}

		/** The image in the detector frame, line by line (nx values per line). */
		float[] toDetector(float[] image) {
			float[] out = new float[image.length];
			for (int x0 = 0; x0 < nx; x0 += TILE) {
				int x1 = Math.min(nx, x0 + TILE);
				for (int y = 0; y < ny; y++) {
					int column = flip ? width - 1 - y : y;
					for (int x = x0; x < x1; x++) out[y * nx + x] = image[x * width + column];
				}
			}
			return out;
		}

		/** The usable pixels (mask true, value not NaN) in the detector frame. */
		boolean[] toDetector(boolean[] mask, float[] image) {
			boolean[] out = new boolean[mask.length];
			for (int x0 = 0; x0 < nx; x0 += TILE) {
				int x1 = Math.min(nx, x0 + TILE);
				for (int y = 0; y < ny; y++) {
					int column = flip ? width - 1 - y : y;
					for (int x = x0; x < x1; x++) out[y * nx + x] = mask[x * width + column] && !Float.isNaN(image[x * width + column]);
				}
			}
			return out;
		}

		/** A detector-frame image back in the DMS frame, rounded to float32. */
		float[] toDms(double[] detector) {
			float[] out = new float[detector.length];
			for (int x0 = 0; x0 < nx; x0 += TILE) {
				int x1 = Math.min(nx, x0 + TILE);
				for (int y = 0; y < ny; y++) {
					int column = flip ? width - 1 - y : y;
					for (int x = x0; x < x1; x++) out[x * width + column] = (float) detector[y * nx + x];
				}
			}
			return out;
		}
	}
}
