package org.webbsteps.stats;

import java.util.Arrays;

/**
 * The histogram Gaussian fit of JWST {@code clean_flicker_noise}'s {@code clip_to_background} with
 * {@code fit_histogram=True}: a 2000-bin histogram over {@code centre +- 4 sigma} with numpy's
 * {@code histogram} semantics, then a bounded least-squares fit of {@code A exp(-(x - mu)^2 / (2 s^2))}
 * to the bin counts, as scipy's {@code curve_fit} does it with bounds: {@code least_squares} with the
 * trust-region-reflective method, a dense forward-difference Jacobian that respects the bounds,
 * {@code x_scale = 1}, {@code ftol = xtol = gtol = 1e-8} and a budget of 300 residual evaluations
 * (Jacobian evaluations not counted). Exhausting the budget is a failure, as in the reference.
 *
 * <p>One deliberate difference: the reference accepts a fit whose width collapsed onto the lower
 * bound (a perfectly uniform sample yields {@code s = 1e-10} and then every pixel is clipped). Here a
 * fitted width below one hundredth of a bin is reported as a failed fit, so that the caller keeps
 * the sigma-clipped centre and width.
 */
public final class HistogramGaussFit {

	/** Number of histogram bins. */
	public static final int BINS = 2000;
	/** Failure reason when the histogram range is not finite (numpy raises). */
	public static final String HISTOGRAM_FAILED = "Histogram failed";
	/** Failure reason when the fit does not converge or gives no meaningful width. */
	public static final String FIT_FAILED = "Gaussian fit failed";

	/** Outcome: ok with the fitted centre and width, or a failure reason ("Histogram failed" / "Gaussian fit failed"). */
	public static final class Result {
		public final boolean ok;
		public final double mu;
		public final double sigma;
		/** Fitted peak height in counts (NaN on failure). */
		public final double amplitude;
		/** Residual evaluations used by the optimiser (0 if it did not run). */
		public final int evaluations;
		/** {@link #HISTOGRAM_FAILED} or {@link #FIT_FAILED}; null when ok. */
		public final String failure;

		private Result(boolean ok, double amplitude, double mu, double sigma, int evaluations, String failure) {
			this.ok = ok;
			this.amplitude = amplitude;
			this.mu = mu;
			this.sigma = sigma;
			this.evaluations = evaluations;
			this.failure = failure;
		}

		static Result failed(String reason, int evaluations) {
			return new Result(false, Double.NaN, Double.NaN, Double.NaN, evaluations, reason);
		}

		@Override
		public String toString() {
			return ok ? "mu " + mu + ", sigma " + sigma + ", amplitude " + amplitude + ", nfev " + evaluations
					: failure + " (nfev " + evaluations + ")";
		}
	}

	/** Equal-width histogram: {@code edges.length == counts.length + 1}. */
	static final class Histogram {
		final double[] edges;
		final int[] counts;

		Histogram(double[] edges, int[] counts) {
			this.edges = edges;
			this.counts = counts;
		}
	}

	private static final int NPAR = 3;
	private static final int MAX_NFEV = 100 * NPAR;
	private static final double TOL = 1e-8;
	private static final double EPS = Math.ulp(1.0);
	private static final double DIFF_STEP = Math.sqrt(EPS);
	/** Beyond this squared distance exp(-z^2/2) is exactly 0 in double precision. */
	private static final double Z2_UNDERFLOW = 1500;

	private HistogramGaussFit() {
	}

	/**
	 * Histogram of sample[0..n) with 2000 equal bins over [centre - 4*sigma, centre + 4*sigma] (numpy.histogram semantics:
	 * values outside ignored, last bin closed, numpy's edge-correction of bin indices; a degenerate range is widened to
	 * +-0.5; a non-finite range -> failure "Histogram failed"), then a bounded least-squares fit of
	 * A*exp(-0.5*((x-mu)/s)^2) to the counts at the bin centres x_b, start (count of the first maximal bin, centre of that
	 * bin, sigma), bounds A in [0, inf), mu in [x_first, x_last], s in [0, x_last - x_first]; not converged within the
	 * evaluation budget -> failure "Gaussian fit failed". Non-finite sample values are ignored. A fitted s below one
	 * hundredth of the bin width is also reported as "Gaussian fit failed" (see the class comment).
	 */
	public static Result fit(double[] sample, int n, double centre, double sigma) {
		Histogram h = histogram(sample, n, centre - 4.0 * sigma, centre + 4.0 * sigma, BINS);
		if (h == null) return Result.failed(HISTOGRAM_FAILED, 0);
		int bins = h.counts.length;
		double[] x = new double[bins];
		double[] y = new double[bins];
		int peak = 0;
		for (int b = 0; b < bins; b++) {
			x[b] = (h.edges[b + 1] + h.edges[b]) / 2.0;
			y[b] = h.counts[b];
			if (h.counts[b] > h.counts[peak]) peak = b;
		}
		double[] lb = { 0, x[0], 0 };
		double[] ub = { Double.POSITIVE_INFINITY, x[bins - 1], x[bins - 1] - x[0] };
		double[] start = { y[peak], x[peak], sigma };
		for (int j = 0; j < NPAR; j++) {
			// least_squares raises (an error clip_to_background does not catch) on such input
			if (!(lb[j] < ub[j]) || !(start[j] >= lb[j] && start[j] <= ub[j])) return Result.failed(FIT_FAILED, 0);
		}
		Trf trf = new Trf(x, y, lb, ub);
		boolean converged = trf.solve(start);
		double[] p = trf.x;
		double binWidth = (h.edges[bins] - h.edges[0]) / bins;
		if (!converged || !(p[2] >= binWidth / 100) || !Double.isFinite(p[1]) || !Double.isFinite(p[2])) {
			return Result.failed(FIT_FAILED, trf.nfev);
		}
		return new Result(true, p[0], p[1], p[2], trf.nfev, null);
	}

	/**
	 * numpy {@code histogram(a[0..n), bins, range=(first, last))}: null when numpy raises (range not
	 * finite or {@code first > last}); an empty range is widened to {@code +-0.5}; edges as
	 * {@code linspace}; values outside the range (and NaN) are ignored; bins are half-open except
	 * the last; the bin index from the scaled value is corrected against the actual edges.
	 */
	static Histogram histogram(double[] a, int n, double first, double last, int bins) {
		if (first > last || !Double.isFinite(first) || !Double.isFinite(last)) return null;
		if (first == last) {
			first = first - 0.5;
			last = last + 0.5;
		}
		double[] edges = linspace(first, last, bins + 1);
		int[] counts = new int[bins];
		double denom = last - first;
		for (int i = 0; i < n; i++) {
			double v = a[i];
			if (!(v >= first && v <= last)) continue;
			int k = (int) ((v - first) / denom * bins);
			if (k == bins) k--;
			if (v < edges[k]) k--;
			else if (k != bins - 1 && v >= edges[k + 1]) k++;
			counts[k]++;
		}
		return new Histogram(edges, counts);
	}

	/** numpy {@code linspace(start, stop, num)} (endpoint included, last value exactly {@code stop}). */
	static double[] linspace(double start, double stop, int num) {
		double[] y = new double[num];
		int div = num - 1;
		double delta = stop - start;
		double step = delta / div;
		for (int i = 0; i < num; i++) {
			y[i] = (step == 0 ? i / (double) div * delta : i * step) + start;
		}
		y[div] = stop;
		return y;
	}

	/**
	 * scipy's trust-region-reflective least squares (Branch, Coleman and Li) with bounds, the
	 * "exact" trust-region solver (More's Levenberg-Marquardt iteration on an SVD of the
	 * Coleman-Li-scaled Jacobian augmented with the diagonal bound term), unit {@code x_scale}
	 * and a linear loss, for the three Gaussian parameters.
	 */
	private static final class Trf {
		final double[] xs;
		final double[] ys;
		final int m;
		final double[] lb;
		final double[] ub;
		final double[] x = new double[NPAR];
		double[] f;
		double[] fNew;
		final double[][] jac = new double[NPAR][];
		final double[][] jh = new double[NPAR][];
		final double[] g = new double[NPAR];
		final double[] v = new double[NPAR];
		final double[] dv = new double[NPAR];
		final double[] probe = new double[NPAR];
		int nfev;

		// SVD of the augmented scaled Jacobian: singular values (descending), V columns, U^T f
		final double[] sv = new double[NPAR];
		final double[][] vt = new double[NPAR][NPAR];
		final double[] uf = new double[NPAR];

		Trf(double[] xs, double[] ys, double[] lb, double[] ub) {
			this.xs = xs;
			this.ys = ys;
			this.m = xs.length;
			this.lb = lb;
			this.ub = ub;
			this.f = new double[m];
			this.fNew = new double[m];
			for (int j = 0; j < NPAR; j++) {
				jac[j] = new double[m];
				jh[j] = new double[m];
			}
		}

		void residuals(double[] p, double[] out) {
			double a = p[0], mu = p[1], s = p[2];
			for (int i = 0; i < m; i++) {
				double z = (xs[i] - mu) / s;
				double z2 = z * z;
				out[i] = (z2 > Z2_UNDERFLOW ? 0.0 : a * StrictMath.exp(-0.5 * z2)) - ys[i];
			}
		}

		/** Forward differences at x (residuals f), steps flipped or shortened to stay inside the bounds. */
		void jacobian() {
			double[] fp = fNew;
			for (int j = 0; j < NPAR; j++) {
				double h = DIFF_STEP * (x[j] >= 0 ? 1.0 : -1.0) * Math.max(1.0, Math.abs(x[j]));
				double below = x[j] - lb[j];
				double above = ub[j] - x[j];
				double t = x[j] + h;
				boolean fits = Math.abs(h) <= Math.max(below, above);
				if (fits && (t < lb[j] || t > ub[j])) h = -h;
				else if (!fits) h = above >= below ? above : -below;
				System.arraycopy(x, 0, probe, 0, NPAR);
				probe[j] = x[j] + h;
				double dx = probe[j] - x[j];
				residuals(probe, fp);
				double[] col = jac[j];
				for (int i = 0; i < m; i++) col[i] = (fp[i] - f[i]) / dx;
			}
			for (int j = 0; j < NPAR; j++) g[j] = dot(jac[j], f);
		}

		/** Coleman-Li scaling vector v and its derivative dv for the current x and gradient. */
		void scaling() {
			for (int j = 0; j < NPAR; j++) {
				v[j] = 1;
				dv[j] = 0;
				if (g[j] < 0 && Double.isFinite(ub[j])) {
					v[j] = ub[j] - x[j];
					dv[j] = -1;
				}
				if (g[j] > 0 && Double.isFinite(lb[j])) {
					v[j] = x[j] - lb[j];
					dv[j] = 1;
				}
			}
		}

		/** Runs the optimiser from p0; true on convergence (gtol, ftol or xtol), false when the budget ran out. */
		boolean solve(double[] p0) {
			strictlyFeasible(p0, x, 1e-10);
			residuals(x, f);
			nfev = 1;
			for (double r : f) if (!Double.isFinite(r)) return false;
			double cost = 0.5 * dot(f, f);
			jacobian();
			scaling();
			double[] t = new double[NPAR];
			for (int j = 0; j < NPAR; j++) t[j] = x[j] / Math.sqrt(v[j]);
			double delta = norm(t);
			if (delta == 0) delta = 1.0;
			double alpha = 0;
			int status = -1;
			double[] d = new double[NPAR];
			double[] diagH = new double[NPAR];
			double[] gh = new double[NPAR];
			double[] ph = new double[NPAR];
			double[] xNew = new double[NPAR];
			double[] alphaOut = new double[1];
			Step step = new Step();
			while (true) {
				scaling();
				double gNorm = 0;
				for (int j = 0; j < NPAR; j++) gNorm = Math.max(gNorm, Math.abs(g[j] * v[j]));
				if (gNorm < TOL) status = 1;
				if (status >= 0 || nfev == MAX_NFEV) break;
				for (int j = 0; j < NPAR; j++) {
					d[j] = Math.sqrt(v[j]);
					diagH[j] = g[j] * dv[j];
					gh[j] = d[j] * g[j];
					double[] src = jac[j], dst = jh[j];
					for (int i = 0; i < m; i++) dst[i] = src[i] * d[j];
				}
				augmentedSvd(diagH);
				double theta = Math.max(0.995, 1 - gNorm);
				double actualReduction = -1;
				double costNew = cost;
				while (actualReduction <= 0 && nfev < MAX_NFEV) {
					alphaOut[0] = alpha;
					trustRegionStep(delta, alphaOut, ph);
					alpha = alphaOut[0];
					selectStep(ph, d, diagH, gh, delta, theta, step);
					for (int j = 0; j < NPAR; j++) t[j] = x[j] + step.p[j];
					strictlyFeasible(t, xNew, 0);
					residuals(xNew, fNew);
					nfev++;
					double stepHNorm = norm(step.ph);
					if (!allFinite(fNew)) {
						delta = 0.25 * stepHNorm;
						continue;
					}
					costNew = 0.5 * dot(fNew, fNew);
					actualReduction = cost - costNew;
					double predicted = step.predicted;
					double ratio;
					if (predicted > 0) ratio = actualReduction / predicted;
					else if (predicted == 0 && actualReduction == 0) ratio = 1;
					else ratio = 0;
					double deltaNew = delta;
					if (ratio < 0.25) deltaNew = 0.25 * stepHNorm;
					else if (ratio > 0.75 && stepHNorm > 0.95 * delta) deltaNew = 2.0 * delta;
					boolean ftolOk = actualReduction < TOL * cost && ratio > 0.25;
					boolean xtolOk = norm(step.p) < TOL * (TOL + norm(x));
					if (ftolOk || xtolOk) {
						status = ftolOk && xtolOk ? 4 : ftolOk ? 2 : 3;
						break;
					}
					alpha *= delta / deltaNew;
					delta = deltaNew;
				}
				if (actualReduction > 0) {
					System.arraycopy(xNew, 0, x, 0, NPAR);
					double[] swap = f;
					f = fNew;
					fNew = swap;
					cost = costNew;
					jacobian();
				}
			}
			return status > 0;
		}

		/**
		 * SVD of [J*diag(d); diag(sqrt(diagH))] through a Householder QR (the top rows are the scaled
		 * Jacobian jh) and one-sided Jacobi on the 3x3 triangle; fills sv (descending), vt (rows are
		 * right singular vectors) and uf = U^T [f; 0].
		 */
		void augmentedSvd(double[] diagH) {
			int rows = m + NPAR;
			double[][] a = new double[NPAR][rows];
			for (int j = 0; j < NPAR; j++) {
				System.arraycopy(jh[j], 0, a[j], 0, m);
				a[j][m + j] = Math.sqrt(diagH[j]);
			}
			double[] qf = new double[rows];
			System.arraycopy(f, 0, qf, 0, m);
			double[][] r = new double[NPAR][NPAR];
			for (int k = 0; k < NPAR; k++) {
				double[] col = a[k];
				double nrm = 0;
				for (int i = k; i < rows; i++) nrm = Math.hypot(nrm, col[i]);
				if (nrm != 0) {
					if (col[k] < 0) nrm = -nrm;
					for (int i = k; i < rows; i++) col[i] /= nrm;
					col[k] += 1.0;
					for (int j = k + 1; j < NPAR; j++) {
						double[] cj = a[j];
						double s = 0;
						for (int i = k; i < rows; i++) s += col[i] * cj[i];
						s = -s / col[k];
						for (int i = k; i < rows; i++) cj[i] += s * col[i];
					}
					double s = 0;
					for (int i = k; i < rows; i++) s += col[i] * qf[i];
					s = -s / col[k];
					for (int i = k; i < rows; i++) qf[i] += s * col[i];
				}
				r[k][k] = -nrm;
				for (int j = k + 1; j < NPAR; j++) r[j][k] = a[j][k];
			}
			// r[j] is column j of R; one-sided Jacobi makes the columns orthogonal: R V = U S
			double[][] w = new double[NPAR][NPAR];
			for (int j = 0; j < NPAR; j++) w[j][j] = 1;
			for (int sweep = 0; sweep < 60; sweep++) {
				boolean rotated = false;
				for (int p = 0; p < NPAR - 1; p++) {
					for (int q = p + 1; q < NPAR; q++) {
						double app = dot(r[p], r[p]), aqq = dot(r[q], r[q]), apq = dot(r[p], r[q]);
						if (apq == 0 || Math.abs(apq) <= EPS * Math.sqrt(app * aqq)) continue;
						rotated = true;
						double zeta = (aqq - app) / (2 * apq);
						double tn = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
						if (zeta == 0) tn = 1;
						double c = 1 / Math.sqrt(1 + tn * tn), s = c * tn;
						rotate(r[p], r[q], c, s);
						rotate(w[p], w[q], c, s);
					}
				}
				if (!rotated) break;
			}
			Integer[] order = { 0, 1, 2 };
			double[] norms = new double[NPAR];
			for (int j = 0; j < NPAR; j++) norms[j] = norm(r[j]);
			Arrays.sort(order, (i1, i2) -> Double.compare(norms[i2], norms[i1]));
			for (int k = 0; k < NPAR; k++) {
				int j = order[k];
				sv[k] = norms[j];
				System.arraycopy(w[j], 0, vt[k], 0, NPAR);
				double u = 0;
				if (norms[j] > 0) for (int i = 0; i < NPAR; i++) u += r[j][i] / norms[j] * qf[i];
				uf[k] = u;
			}
		}

		private static void rotate(double[] p, double[] q, double c, double s) {
			for (int i = 0; i < NPAR; i++) {
				double a = p[i], b = q[i];
				p[i] = c * a - s * b;
				q[i] = s * a + c * b;
			}
		}

		/**
		 * More's trust-region subproblem on the SVD (scipy {@code solve_lsq_trust_region}): the
		 * Gauss-Newton step if full rank and inside the radius, else a Levenberg-Marquardt step whose
		 * norm is brought to {@code delta} by at most 10 Newton iterations on alpha (rtol 0.01).
		 */
		void trustRegionStep(double delta, double[] alphaInOut, double[] p) {
			double[] suf = new double[NPAR];
			for (int k = 0; k < NPAR; k++) suf[k] = sv[k] * uf[k];
			boolean fullRank = m >= NPAR && sv[NPAR - 1] > EPS * m * sv[0];
			if (fullRank) {
				double[] c = new double[NPAR];
				for (int k = 0; k < NPAR; k++) c[k] = uf[k] / sv[k];
				combine(c, p, -1);
				if (norm(p) <= delta) {
					alphaInOut[0] = 0;
					return;
				}
			}
			double alphaUpper = norm(suf) / delta;
			double alphaLower = 0;
			double[] phi = new double[2];
			if (fullRank) {
				phiAndDerivative(0, suf, delta, phi);
				alphaLower = -phi[0] / phi[1];
			}
			double alpha = alphaInOut[0];
			if (!fullRank && alpha == 0) alpha = Math.max(0.001 * alphaUpper, Math.sqrt(alphaLower * alphaUpper));
			for (int it = 0; it < 10; it++) {
				if (alpha < alphaLower || alpha > alphaUpper) {
					alpha = Math.max(0.001 * alphaUpper, Math.sqrt(alphaLower * alphaUpper));
				}
				phiAndDerivative(alpha, suf, delta, phi);
				if (phi[0] < 0) alphaUpper = alpha;
				double ratio = phi[0] / phi[1];
				alphaLower = Math.max(alphaLower, alpha - ratio);
				alpha -= (phi[0] + delta) * ratio / delta;
				if (Math.abs(phi[0]) < 0.01 * delta) break;
			}
			double[] c = new double[NPAR];
			for (int k = 0; k < NPAR; k++) c[k] = suf[k] / (sv[k] * sv[k] + alpha);
			combine(c, p, -1);
			double scale = delta / norm(p);
			for (int j = 0; j < NPAR; j++) p[j] *= scale;
			alphaInOut[0] = alpha;
		}

		private void phiAndDerivative(double alpha, double[] suf, double delta, double[] out) {
			double sum = 0;
			double[] q = new double[NPAR];
			for (int k = 0; k < NPAR; k++) {
				double den = sv[k] * sv[k] + alpha;
				q[k] = suf[k] / den;
				sum += suf[k] * suf[k] / (den * den * den);
			}
			double pn = norm(q);
			out[0] = pn - delta;
			out[1] = -sum / pn;
		}

		/** p = sign * sum_k c[k] * (right singular vector k). */
		private void combine(double[] c, double[] p, double sign) {
			for (int j = 0; j < NPAR; j++) {
				double s = 0;
				for (int k = 0; k < NPAR; k++) s += vt[k][j] * c[k];
				p[j] = sign * s;
			}
		}

		/** Chosen step in the original (p) and scaled (ph) variables, with its predicted cost reduction. */
		static final class Step {
			final double[] p = new double[NPAR];
			final double[] ph = new double[NPAR];
			double predicted;

			void set(double[] step, double[] stepH, double value) {
				System.arraycopy(step, 0, p, 0, NPAR);
				System.arraycopy(stepH, 0, ph, 0, NPAR);
				predicted = -value;
			}
		}

		/**
		 * The reflective step selection: the trust-region step if it stays feasible; otherwise the
		 * best of that step pulled back inside the bounds (by theta), its reflection off the first
		 * bound hit, and the scaled steepest-descent step, each judged by the quadratic model.
		 */
		void selectStep(double[] phIn, double[] d, double[] diagH, double[] gh, double delta, double theta, Step out) {
			double[] ph = phIn.clone();
			double[] p = new double[NPAR];
			for (int j = 0; j < NPAR; j++) p[j] = d[j] * ph[j];
			boolean inside = true;
			for (int j = 0; j < NPAR; j++) inside &= x[j] + p[j] >= lb[j] && x[j] + p[j] <= ub[j];
			if (inside) {
				out.set(p, ph, quadratic(gh, ph, diagH));
				return;
			}
			int[] hits = new int[NPAR];
			double pStride = stepToBound(x, p, hits);
			double[] rh = ph.clone();
			for (int j = 0; j < NPAR; j++) if (hits[j] != 0) rh[j] = -rh[j];
			double[] r = new double[NPAR];
			for (int j = 0; j < NPAR; j++) r[j] = d[j] * rh[j];
			double[] onBound = new double[NPAR];
			for (int j = 0; j < NPAR; j++) {
				p[j] *= pStride;
				ph[j] *= pStride;
				onBound[j] = x[j] + p[j];
			}
			double toTr = trustRegionIntersection(ph, rh, delta);
			double toBound = stepToBound(onBound, r, null);
			double rStride = Math.min(toBound, toTr);
			double rLow, rHigh;
			if (rStride > 0) {
				rLow = (1 - theta) * pStride / rStride;
				rHigh = rStride == toBound ? theta * toBound : toTr;
			} else {
				rLow = 0;
				rHigh = -1;
			}
			double rValue = Double.POSITIVE_INFINITY;
			if (rLow <= rHigh) {
				double[] jr = apply(rh), jp = apply(ph);
				double a = dot(jr, jr), b = dot(gh, rh);
				double dd = 0;
				for (int j = 0; j < NPAR; j++) dd += rh[j] * diagH[j] * rh[j];
				a = 0.5 * (a + dd);
				b += dot(jp, jr);
				double c = 0.5 * dot(jp, jp) + dot(gh, ph);
				double bd = 0, cd = 0;
				for (int j = 0; j < NPAR; j++) {
					bd += ph[j] * diagH[j] * rh[j];
					cd += ph[j] * diagH[j] * ph[j];
				}
				b += bd;
				c += 0.5 * cd;
				double[] tv = minimizeQuadratic(a, b, rLow, rHigh, c);
				for (int j = 0; j < NPAR; j++) {
					rh[j] = rh[j] * tv[0] + ph[j];
					r[j] = rh[j] * d[j];
				}
				rValue = tv[1];
			}
			for (int j = 0; j < NPAR; j++) {
				p[j] *= theta;
				ph[j] *= theta;
			}
			double pValue = quadratic(gh, ph, diagH);
			double[] agh = new double[NPAR];
			double[] ag = new double[NPAR];
			for (int j = 0; j < NPAR; j++) {
				agh[j] = -gh[j];
				ag[j] = d[j] * agh[j];
			}
			double agToTr = delta / norm(agh);
			double agToBound = stepToBound(x, ag, null);
			double agStride = agToBound < agToTr ? theta * agToBound : agToTr;
			double[] ja = apply(agh);
			double a = dot(ja, ja);
			for (int j = 0; j < NPAR; j++) a += agh[j] * diagH[j] * agh[j];
			a *= 0.5;
			double[] tv = minimizeQuadratic(a, dot(gh, agh), 0, agStride, 0);
			for (int j = 0; j < NPAR; j++) {
				agh[j] *= tv[0];
				ag[j] *= tv[0];
			}
			double agValue = tv[1];
			if (pValue < rValue && pValue < agValue) out.set(p, ph, pValue);
			else if (rValue < pValue && rValue < agValue) out.set(r, rh, rValue);
			else out.set(ag, agh, agValue);
		}

		/** Scaled Jacobian times s (length m). */
		private double[] apply(double[] s) {
			double[] out = new double[m];
			for (int j = 0; j < NPAR; j++) {
				double[] col = jh[j];
				double sj = s[j];
				for (int i = 0; i < m; i++) out[i] += col[i] * sj;
			}
			return out;
		}

		/** 0.5 s^T (Jh^T Jh + diag) s + gh^T s. */
		private double quadratic(double[] gh, double[] s, double[] diag) {
			double[] js = apply(s);
			double q = dot(js, js);
			for (int j = 0; j < NPAR; j++) q += s[j] * diag[j] * s[j];
			return 0.5 * q + dot(s, gh);
		}

		/** Smallest t >= 0 with x + t s on a bound; hits (if given) marks the bounds reached (-1 lower, +1 upper). */
		private double stepToBound(double[] from, double[] s, int[] hits) {
			double[] steps = new double[NPAR];
			double min = Double.POSITIVE_INFINITY;
			for (int j = 0; j < NPAR; j++) {
				steps[j] = Double.POSITIVE_INFINITY;
				if (s[j] != 0) steps[j] = Math.max((lb[j] - from[j]) / s[j], (ub[j] - from[j]) / s[j]);
				min = Math.min(min, steps[j]);
			}
			if (hits != null) for (int j = 0; j < NPAR; j++) hits[j] = steps[j] == min ? (int) Math.signum(s[j]) : 0;
			return min;
		}

		/** Positive t with |x + t s| = delta (x inside the trust region). */
		private static double trustRegionIntersection(double[] x0, double[] s, double delta) {
			double a = dot(s, s);
			double b = dot(x0, s);
			double c = Math.min(0, dot(x0, x0) - delta * delta);
			double disc = Math.sqrt(b * b - a * c);
			double q = -(b + Math.copySign(disc, b));
			return Math.max(q / a, c / q);
		}

		/** Minimum of t (a t + b) + c over [lo, hi] (and the interior extremum); returns {t, value}. */
		private static double[] minimizeQuadratic(double a, double b, double lo, double hi, double c) {
			double bestT = lo;
			double best = lo * (a * lo + b) + c;
			double vh = hi * (a * hi + b) + c;
			if (vh < best) {
				bestT = hi;
				best = vh;
			}
			if (a != 0) {
				double e = -0.5 * b / a;
				if (lo < e && e < hi) {
					double ve = e * (a * e + b) + c;
					if (ve < best) {
						bestT = e;
						best = ve;
					}
				}
			}
			return new double[] { bestT, best };
		}

		/**
		 * Moves values on or beyond a bound inside: with rstep > 0 to rstep*max(1,|bound|) from bounds
		 * closer than that, with rstep 0 to the next double; squeezed values go to the midpoint.
		 */
		private void strictlyFeasible(double[] in, double[] out, double rstep) {
			for (int j = 0; j < NPAR; j++) {
				double v0 = in[j];
				double w = v0;
				int active = 0;
				if (rstep == 0) {
					if (v0 <= lb[j]) active = -1;
					if (v0 >= ub[j]) active = 1;
				} else {
					double lower = v0 - lb[j], upper = ub[j] - v0;
					if (Double.isFinite(lb[j]) && lower <= Math.min(upper, rstep * Math.max(1, Math.abs(lb[j])))) active = -1;
					if (Double.isFinite(ub[j]) && upper <= Math.min(lower, rstep * Math.max(1, Math.abs(ub[j])))) active = 1;
				}
				if (active == -1) w = rstep == 0 ? Math.nextAfter(lb[j], ub[j]) : lb[j] + rstep * Math.max(1, Math.abs(lb[j]));
				else if (active == 1) w = rstep == 0 ? Math.nextAfter(ub[j], lb[j]) : ub[j] - rstep * Math.max(1, Math.abs(ub[j]));
				if (w < lb[j] || w > ub[j]) w = 0.5 * (lb[j] + ub[j]);
				out[j] = w;
			}
		}
	}

	private static boolean allFinite(double[] a) {
		for (double v : a) if (!Double.isFinite(v)) return false;
		return true;
	}

	private static double dot(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) s += a[i] * b[i];
		return s;
	}

	private static double norm(double[] a) {
		return Math.sqrt(dot(a, a));
	}
}
