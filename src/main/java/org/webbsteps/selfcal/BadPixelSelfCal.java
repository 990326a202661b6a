package org.webbsteps.selfcal;

import java.util.Locale;

import org.webbsteps.dq.PixelFlag;
import org.webbsteps.stats.Percentile;
import org.webbsteps.step.StepLog;

/**
 * Bad-pixel self-calibration (JWST {@code badpix_selfcal}): the minimum image of the science and
 * its companion exposures is high-passed with a median filter along the dispersion axis, and the
 * pixels in the extreme tails of the result are flagged. Flags are then applied to each exposure
 * as NaN in SCI, ERR and the variances, and {@code DO_NOT_USE + OTHER_BAD_PIXEL} in DQ.
 * <p>
 * Images are row-major float32 arrays (x fastest, {@code index = y * width + x}), in the units of
 * the exposures (the method is unit-free).
 *
 * @see <a href="https://jwst-pipeline.readthedocs.io/en/latest/jwst/badpix_selfcal/">jwst badpix_selfcal</a>
 */
public final class BadPixelSelfCal {

	/** DQ bits set on flagged pixels: DO_NOT_USE + OTHER_BAD_PIXEL (1073741825). */
	public static final int FLAG_BITS = PixelFlag.DO_NOT_USE.bits() | PixelFlag.OTHER_BAD_PIXEL.bits();

	/** The flagged pixels and how they were found. */
	public static final class Result {
		/** Indices ({@code y * width + x}) of the flagged pixels, ascending. */
		public final int[] flagged;
		/** Values of minimum − median below this are flagged (the flagfrac_lower percentile). */
		public final double lowerThreshold;
		/** Values above this are flagged (the 1 − flagfrac_upper percentile). */
		public final double upperThreshold;
		/** The median filter window (rows, columns). */
		public final int[] kernel;

		Result(int[] flagged, double lowerThreshold, double upperThreshold, int[] kernel) {
			this.flagged = flagged;
			this.lowerThreshold = lowerThreshold;
			this.upperThreshold = upperThreshold;
			this.kernel = kernel;
		}
	}

	private BadPixelSelfCal() {
	}

	/**
	 * Finds the bad pixels of a minimum image ({@code badpix_selfcal.badpix_selfcal}): subtracts its
	 * median-filtered version ({@link MedianFilter}, window from {@link SelfcalParams#kernelShape})
	 * and flags the pixels strictly below the {@code 100·flagfrac_lower} percentile or strictly above
	 * the {@code 100·(1 − flagfrac_upper)} percentile of the difference (numpy
	 * {@code nanpercentile}, over all non-NaN pixels). NaN pixels are never flagged; ties at a
	 * threshold are not flagged.
	 *
	 * @param minImage the minimum image (not modified)
	 * @param dispAxis DISPAXIS (1: dispersion along x, 2: along y) or null for a square window
	 * @param threads worker threads for the median filter
	 */
	public static Result flag(float[] minImage, int width, int height, SelfcalParams params, Integer dispAxis, int threads, StepLog log) {
		int[] kernel = params.kernelShape(dispAxis);
		log.info(String.format(Locale.ROOT, "Median filter %d x %d (rows x columns)%s", kernel[0], kernel[1],
				params.edgePadding == MedianFilter.Padding.ZEROS ? "" : ", windows cut at the image edges"));
		float[] highPass = MedianFilter.filter(minImage, width, height, kernel[0], kernel[1], params.edgePadding, threads, log);
		for (int i = 0; i < highPass.length; i++) highPass[i] = minImage[i] - highPass[i];
		double[] limits = Percentile.nanPercentiles(highPass, params.flagfracLower * 100, (1 - params.flagfracUpper) * 100);
		double lo = limits[0];
		double hi = limits[1];
		int n = 0;
		for (float v : highPass) if (v > hi || v < lo) n++;
		int[] flagged = new int[n];
		n = 0;
		for (int i = 0; i < highPass.length; i++) {
			float v = highPass[i];
			if (v > hi || v < lo) flagged[n++] = i;
		}
		return new Result(flagged, lo, hi, kernel);
	}

	/** Sets the flagged pixels of a SCI, ERR or VAR_* plane to NaN. */
	public static void applyToData(float[] plane, int[] flagged) {
		for (int i : flagged) plane[i] = Float.NaN;
	}

	/** Sets the flagged pixels of a float64 plane to NaN. */
	public static void applyToData(double[] plane, int[] flagged) {
		for (int i : flagged) plane[i] = Double.NaN;
	}

	/** ORs {@link #FLAG_BITS} into the flagged pixels of a DQ plane (uint32 bit patterns). */
	public static void applyToDq(int[] dq, int[] flagged) {
		for (int i : flagged) dq[i] |= FLAG_BITS;
	}
}
