package org.webbsteps.flicker;

import java.util.Arrays;

import org.webbsteps.stats.ClippedStats;
import org.webbsteps.stats.SigmaClip;
import org.webbsteps.step.StepLog;

/**
 * The {@code autoparam} heuristic of {@code clean_flicker_noise} for NIRISS and NIRCam imaging:
 * a quick median clean of the draft rate, then statistics of the cleaned background (masked
 * fraction, slopes of the central row/column profiles, offsets between amplifier channels, the
 * scatter of a channel profile) choose {@code background_method} and {@code fit_by_channel};
 * {@code apply_flat_field} is set when a flat is available. Images are float32, row-major.
 */
public final class AutoParams {

	/** The chosen values and the branch of the decision tree that chose them. */
	public static final class Choice {
		public final boolean applyFlatField;
		public final String backgroundMethod;
		public final boolean fitByChannel;
		public final String reason;

		Choice(boolean applyFlatField, String backgroundMethod, boolean fitByChannel, String reason) {
			this.applyFlatField = applyFlatField;
			this.backgroundMethod = backgroundMethod;
			this.fitByChannel = fitByChannel;
			this.reason = reason;
		}
	}

	/** Decision limits: mask fraction, channel offset, slope (low-offset and high-offset cases), slope ratio, channel sigma. */
	private static final double[] NIRISS = { 0.07, 0.07, 1e-5, 1e-4, 5.0, 0.02 };
	private static final double[] NIRCAM = { 0.10, 0.07, 1e-5, 1e-5, 3.0, 0.02 };

	private AutoParams() {
	}

	/** Whether autoparam applies to an exposure type. */
	public static boolean supports(String expType) {
		return "NIS_IMAGE".equals(expType) || "NRC_IMAGE".equals(expType);
	}

	/**
	 * @param expType NIS_IMAGE or NRC_IMAGE
	 * @param draft the draft rate (for rateints, the NaN-ignoring mean over integrations)
	 * @param slowAxis SLOWAXIS (its absolute value picks the median axis)
	 * @param flat the flat on the science grid, or null
	 */
	public static Choice choose(String expType, float[] draft, int width, int height, int slowAxis, float[] flat, StepLog log) {
		boolean niriss = "NIS_IMAGE".equals(expType);
		int n = width * height;
		float[] image = draft.clone();
		if (flat != null) for (int i = 0; i < n; i++) image[i] /= flat[i];
		boolean[] mask = new boolean[n];
		Arrays.fill(mask, true);
		float[] cleaned = quickClean(image, mask, width, height, Math.abs(slowAxis));
		BackgroundLevel.Background model = BackgroundLevel.estimate(cleaned, mask, width, height, FlickerParams.MODEL, null, StepLog.NONE);
		int masked = 0;
		for (int i = 0; i < n; i++) {
			if (!mask[i]) {
				cleaned[i] = model.at(i);
				masked++;
			}
		}
		double maskFrac = masked / (double) n;
		double[] avgOverRow = rowAverage(cleaned, width, height, roundHalfEven(3 * height, 8), roundHalfEven(5 * height, 8));
		double[] avgOverCol = colAverage(cleaned, width, height, roundHalfEven(3 * width, 8), roundHalfEven(5 * width, 8));
		double[] colFit = lineFit(avgOverRow);
		double[] rowFit = lineFit(avgOverCol);
		double maxSlope = Math.max(Math.abs(rowFit[1]), Math.abs(colFit[1]));
		double minSlope = Math.min(Math.abs(rowFit[1]), Math.abs(colFit[1]));
		double slopeRatio = maxSlope / minSlope;
		double channelSigma;
		double maxOffset;
		if (niriss) {
			double[] ch1 = rowAverage(cleaned, width, height, roundHalfEven(10 * height, 12), roundHalfEven(11 * height, 12));
			channelSigma = lineFit(ch1)[2];
			maxOffset = maxChannelOffset(avgOverCol);
		}
		else {
			channelSigma = colFit[2];
			maxOffset = maxChannelOffset(avgOverRow);
		}
		log.info(String.format(java.util.Locale.ROOT, "Autoparam image stats: mask fraction %.5g, max offset %.5g, max slope %.5g, slope ratio %.5g, channel sigma %.5g",
				maskFrac, maxOffset, maxSlope, slopeRatio, channelSigma));
		return decide(niriss ? NIRISS : NIRCAM, flat != null, maskFrac, maxOffset, maxSlope, slopeRatio, channelSigma);
	}

	/** The heuristic decision tree (all comparisons are "at least the limit"). */
	static Choice decide(double[] limits, boolean flat, double maskFrac, double maxOffset, double maxSlope, double slopeRatio, double channelSigma) {
		boolean highMask = maskFrac >= limits[0];
		boolean highOffset = maxOffset >= limits[1];
		boolean highSlopeLowOffset = maxSlope >= limits[2];
		boolean highSlopeHighOffset = maxSlope >= limits[3];
		boolean highRatio = slopeRatio >= limits[4];
		boolean highChannelSigma = channelSigma >= limits[5];
		if (!highMask && highOffset) return new Choice(flat, FlickerParams.MEDIAN, true, "Low mask, high offset: median background, fit by channel");
		if (highMask) {
			if (!highOffset) {
				return highSlopeLowOffset ? new Choice(flat, FlickerParams.MODEL, false, "High mask, low offset, high slope: model background, fit whole image")
						: new Choice(flat, FlickerParams.MEDIAN, false, "High mask, low offset, low slope: median background, fit whole image");
			}
			return highSlopeHighOffset ? new Choice(flat, FlickerParams.MODEL, false, "High mask, high offset, high slope: model background, fit whole image")
					: new Choice(flat, FlickerParams.MEDIAN, false, "High mask, high offset, low slope: median background, fit whole image");
		}
		String method;
		String reason;
		if (highSlopeHighOffset) {
			method = FlickerParams.MODEL;
			reason = "Low mask, low offset, high slope: model background";
		}
		else if (highSlopeLowOffset) {
			method = highRatio ? FlickerParams.MEDIAN : FlickerParams.MODEL;
			reason = highRatio ? "Low mask, low offset, medium slope, high slope ratio: median background"
					: "Low mask, low offset, medium slope, low slope ratio: model background";
		}
		else {
			method = FlickerParams.MEDIAN;
			reason = "Low mask, low offset, low slope: median background";
		}
		boolean byChannel = maxOffset > 0 && highChannelSigma;
		return new Choice(flat, method, byChannel, reason + (byChannel ? "; High channel sigma: fit by channel" : "; Low channel sigma: fit whole image"));
	}

	/** The quick default median clean of the draft (the reference's quick_clean); updates the mask. */
	static float[] quickClean(float[] image, boolean[] mask, int width, int height, int axis) {
		int n = width * height;
		BackgroundClip.clip(image, mask, 3, 2, false, false, StepLog.NONE);
		boolean[] nan = new boolean[n];
		for (int i = 0; i < n; i++) {
			if (Float.isNaN(image[i])) {
				nan[i] = true;
				image[i] = 0f;
				mask[i] = false;
			}
		}
		BackgroundLevel.Background b = BackgroundLevel.estimate(image, mask, width, height, FlickerParams.MEDIAN, null, StepLog.NONE);
		for (int i = 0; i < n; i++) image[i] -= b.scalar;
		BackgroundClip.clip(image, mask, 3, 2, false, true, StepLog.NONE);
		float[] cleaned = MedianCleaner.clean(image, mask, width, height, axis, false);
		for (int i = 0; i < n; i++) cleaned[i] = nan[i] ? Float.NaN : cleaned[i] + b.scalar;
		return cleaned;
	}

	/** NaN-ignoring mean over rows [y0, y1) for every column. */
	static double[] rowAverage(float[] image, int width, int height, int y0, int y1) {
		double[] out = new double[width];
		for (int x = 0; x < width; x++) {
			double s = 0;
			int c = 0;
			for (int y = y0; y < y1; y++) {
				float v = image[y * width + x];
				if (!Float.isNaN(v)) {
					s += v;
					c++;
				}
			}
			out[x] = c == 0 ? Double.NaN : s / c;
		}
		return out;
	}

	/** NaN-ignoring mean over columns [x0, x1) for every row. */
	static double[] colAverage(float[] image, int width, int height, int x0, int x1) {
		double[] out = new double[height];
		for (int y = 0; y < height; y++) {
			double s = 0;
			int c = 0;
			for (int x = x0; x < x1; x++) {
				float v = image[y * width + x];
				if (!Float.isNaN(v)) {
					s += v;
					c++;
				}
			}
			out[y] = c == 0 ? Double.NaN : s / c;
		}
		return out;
	}

	/** Least-squares line through the finite points (x = index): {intercept, slope, sigma of the residuals (10-sigma clipped)}. */
	static double[] lineFit(double[] data) {
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		int m = 0;
		for (int i = 0; i < data.length; i++) {
			if (!Double.isFinite(data[i])) continue;
			sx += i;
			sy += data[i];
			sxx += (double) i * i;
			sxy += i * data[i];
			m++;
		}
		if (m == 0) return new double[] { Double.NaN, 0, Double.NaN };
		double det = m * sxx - sx * sx;
		double slope = m > 1 && det != 0 ? (m * sxy - sx * sy) / det : 0;
		double intercept = (sy - slope * sx) / m;
		double[] resid = new double[m];
		int k = 0;
		for (int i = 0; i < data.length; i++) if (Double.isFinite(data[i])) resid[k++] = data[i] - (intercept + slope * i);
		ClippedStats s = SigmaClip.clipInPlace(resid, m, 10, 10, 5);
		return new double[] { intercept, slope, s.std };
	}

	/** Largest jump between the clipped means of consecutive 512-pixel channels (0 unless the profile has 2048 values). */
	static double maxChannelOffset(double[] profile) {
		if (profile.length != 2048) return 0;
		double[] means = new double[4];
		for (int c = 0; c < 4; c++) {
			double[] block = Arrays.copyOfRange(profile, c * 512, (c + 1) * 512);
			means[c] = SigmaClip.clipInPlace(block, 512, 3, 3, 5).mean;
		}
		double max = 0;
		for (int c = 1; c < 4; c++) max = Math.max(max, Math.abs(means[c] - means[c - 1]));
		return max;
	}

	/** Python's round(a / b) for a non-negative fraction: half to even. */
	static int roundHalfEven(int a, int b) {
		return (int) Math.rint(a / (double) b);
	}
}
