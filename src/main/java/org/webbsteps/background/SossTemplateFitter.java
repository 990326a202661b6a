package org.webbsteps.background;

import org.webbsteps.dq.PixelFlag;
import org.webbsteps.stats.Percentile;
import org.webbsteps.stats.Selection;

/**
 * NIRISS SOSS background by template fitting, as the pipeline's {@code subtract_soss_bkg} (spec
 * §3.6): each background template has a step near column 700 that splits the detector into a left
 * and a right region; the science is compared with each template in both regions, away from the
 * sources, and the template that fits best is scaled per region and subtracted.
 * <p>
 * Source mask: pixels flagged DO_NOT_USE or REFERENCE_PIXEL, and unflagged finite pixels at or
 * above the {@code soss_source_percentile} of all finite unflagged SCI values (all integrations
 * pooled), are left out. Per template and region (left: x below the step; right: from the step
 * to column 950) the finite ratios SCI/template give the scale, the median of the ratios strictly
 * between the {@code soss_bkg_percentile} pair, and the RMSE of SCI − scale·template over the
 * same pixels. The template with the smallest sum of the two RMSEs wins (ties: the first); a
 * region without usable ratios disqualifies a template.
 * <p>
 * With {@code float32} (a template read as float32, as the pipeline's SossBkgModel holds it) the
 * smoothing, gradient, ratios and median round to float32 where numpy does; scales, RMSEs and the
 * subtraction are in float64, as in the pipeline.
 */
public final class SossTemplateFitter {

	/** Columns searched for the background step: [685, 725). */
	public static final int STEP_FROM = 685, STEP_TO = 725;
	/** Right-region pixels beyond this column are not used for fitting. */
	public static final int FIT_CUTOFF = 950;
	/** First row of a SUBSTRIP96 science array in a 256-row template. */
	public static final int SUBSTRIP96_FIRST_ROW = 10;
	/** Smoothing of the template before the step search (pixels). */
	private static final double SMOOTHING = 3.0;
	private static final int FLAGGED = PixelFlag.DO_NOT_USE.bits() | PixelFlag.REFERENCE_PIXEL.bits();

	/** Outcome of a fit. */
	public static final class Fit {
		/** Index of the chosen template, -1 when no template could be fitted. */
		public final int template;
		public final double scaleLeft, scaleRight;
		/** Sum of the left and right RMSE of the chosen template (infinite when none). */
		public final double rmse;
		/** Source threshold in SCI units (the soss_source_percentile of the data). */
		public final double sourceThreshold;

		Fit(int template, double scaleLeft, double scaleRight, double rmse, double sourceThreshold) {
			this.template = template;
			this.scaleLeft = scaleLeft;
			this.scaleRight = scaleRight;
			this.rmse = rmse;
			this.sourceThreshold = sourceThreshold;
		}

		public boolean succeeded() {
			return template >= 0;
		}
	}

	private final int width, height;
	private final boolean float32;

	/**
	 * @param width science and template width (2048 for SOSS)
	 * @param height science and template rows (after cutting a 256-row template to SUBSTRIP96)
	 * @param float32 whether the templates hold float32 values
	 */
	public SossTemplateFitter(int width, int height, boolean float32) {
		if (width < STEP_TO + 1) throw new IllegalArgumentException("SOSS images are " + width + " columns wide; at least " + (STEP_TO + 1) + " are needed");
		this.width = width;
		this.height = height;
		this.float32 = float32;
	}

	/**
	 * The column of the background step in every row: the first maximum of the x-gradient of the
	 * smoothed template within columns [685, 725).
	 */
	public int[] stepColumns(double[] template) {
		double[] s = GaussianFilter.smooth(template, width, height, SMOOTHING, float32);
		int[] d = new int[height];
		for (int y = 0; y < height; y++) {
			int row = y * width;
			int best = STEP_FROM;
			double max = Double.NEGATIVE_INFINITY;
			for (int x = STEP_FROM; x < STEP_TO; x++) {
				double g = float32 ? (float) (s[row + x + 1] - s[row + x - 1]) / 2f : (s[row + x + 1] - s[row + x - 1]) / 2;
				if (Double.isNaN(g)) { // numpy's argmax stops at the first NaN
					best = x;
					break;
				}
				if (g > max) {
					max = g;
					best = x;
				}
			}
			d[y] = best;
		}
		return d;
	}

	/**
	 * Fits the templates to the science.
	 *
	 * @param sci science planes (one per integration), {@code width * height} each
	 * @param dq DQ planes matching {@code sci}, or null
	 * @param templates the templates, {@code width * height} each
	 */
	public Fit fit(float[][] sci, int[][] dq, double[][] templates, BackgroundParams params) {
		double threshold = sourceThreshold(sci, dq, params.sossSourcePercentile);
		float thr = (float) threshold;
		int best = -1;
		double bestScore = Double.POSITIVE_INFINITY;
		double[] bestScales = { Double.NaN, Double.NaN };
		for (int t = 0; t < templates.length; t++) {
			double[] template = templates[t];
			int[] step = stepColumns(template);
			double[] scales = new double[2];
			double score = 0;
			for (int region = 0; region < 2; region++) {
				double[] r = regionFit(sci, dq, template, step, region == 1, thr, params);
				scales[region] = r[0];
				score += r[1];
			}
			if (score < bestScore) {
				bestScore = score;
				best = t;
				bestScales = scales;
			}
		}
		return new Fit(best, bestScales[0], bestScales[1], bestScore, threshold);
	}

	/**
	 * Subtracts {@code scale·template} from every plane: the left scale left of the step, the right
	 * scale from the step to the last column (no cut-off here). In place; float64 arithmetic rounded
	 * to float32.
	 */
	public void subtract(float[][] sci, double[] template, Fit fit) {
		int[] step = stepColumns(template);
		for (float[] p : sci) {
			for (int y = 0; y < height; y++) {
				int row = y * width;
				for (int x = 0; x < width; x++) {
					double scale = x < step[y] ? fit.scaleLeft : fit.scaleRight;
					p[row + x] = (float) (p[row + x] - template[row + x] * scale);
				}
			}
		}
	}

	// -- Helper methods --

	/** The soss_source_percentile of the finite, unflagged SCI values (NaN if there are none). */
	private static double sourceThreshold(float[][] sci, int[][] dq, double percentile) {
		long total = 0;
		for (float[] p : sci) total += p.length;
		if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many pixels for one percentile: " + total);
		float[] values = new float[(int) total];
		int n = 0;
		for (int p = 0; p < sci.length; p++) {
			float[] s = sci[p];
			int[] q = dq == null ? null : dq[p];
			for (int i = 0; i < s.length; i++) {
				float v = s[i];
				if (v - v == 0 && (q == null || (q[i] & FLAGGED) == 0)) values[n++] = v;
			}
		}
		return Percentile.nanPercentileInPlace(values, n, percentile);
	}

	/**
	 * Scale and RMSE of one template in one region ({scale, rmse}); {NaN, infinity} when the
	 * region has no usable ratio.
	 */
	private double[] regionFit(float[][] sci, int[][] dq, double[] template, int[] step, boolean right, float threshold, BackgroundParams params) {
		double[] failed = { Double.NaN, Double.POSITIVE_INFINITY };
		int perPlane = 0;
		for (int y = 0; y < height; y++) perPlane += right ? Math.max(0, Math.min(FIT_CUTOFF, width - 1) - step[y] + 1) : step[y];
		double[] ratios = new double[perPlane * sci.length];
		long[] used = new long[ratios.length]; // plane * width * height + index of each usable ratio, in walk order
		long planeSize = (long) width * height;
		int n = 0;
		for (int p = 0; p < sci.length; p++) {
			float[] s = sci[p];
			int[] q = dq == null ? null : dq[p];
			for (int y = 0; y < height; y++) {
				int from = right ? step[y] : 0;
				int to = right ? Math.min(FIT_CUTOFF + 1, width) : step[y];
				for (int i = y * width + from, end = y * width + to; i < end; i++) {
					if (excluded(s[i], q, i, threshold)) continue;
					double r = ratio(s[i], template[i]);
					if (r - r != 0) continue;
					used[n] = p * planeSize + i;
					ratios[n++] = r;
				}
			}
		}
		if (n == 0) return failed;
		double q1 = Percentile.nanPercentileInPlace(ratios, n, params.sossBkgPercentileLow);
		double q2 = Percentile.nanPercentileInPlace(ratios, n, params.sossBkgPercentileHigh);
		int valid = 0;
		for (int i = 0; i < n; i++) if (ratios[i] > q1 && ratios[i] < q2) ratios[valid++] = ratios[i];
		if (valid == 0) return failed;
		double scale = median(ratios, valid);
		double sum = 0;
		for (int k = 0; k < n; k++) {
			int i = (int) (used[k] % planeSize);
			double d = sci[(int) (used[k] / planeSize)][i] - template[i] * scale;
			sum += d * d;
		}
		return new double[] { scale, Math.sqrt(sum / n) };
	}

	private static boolean excluded(float v, int[] dq, int i, float threshold) {
		return (dq != null && (dq[i] & FLAGGED) != 0) || v >= threshold;
	}

	private double ratio(float sci, double template) {
		return float32 ? sci / (float) template : sci / template;
	}

	/**
	 * numpy median of values[0..n) (reordered). For float32 ratios numpy averages the two middle
	 * values in float32, which equals the float64 average rounded to float32.
	 */
	private double median(double[] values, int n) {
		double m = Selection.medianInPlace(values, n);
		return float32 ? (float) m : m;
	}
}
