package org.webbsteps.flicker;

import org.webbsteps.stats.ClippedStats;
import org.webbsteps.stats.HistogramGaussFit;
import org.webbsteps.stats.SigmaClip;
import org.webbsteps.step.StepLog;

/**
 * The signal/outlier clip of {@code clean_flicker_noise} ({@code clip_to_background}): estimates
 * the background level and spread from the usable pixels and marks pixels outside
 * {@code [centre - lower*sigma, centre + upper*sigma]} as not usable. Images are float32,
 * row-major; the mask is {@code true} for usable pixels and is updated in place.
 */
public final class BackgroundClip {

	private BackgroundClip() {
	}

	/**
	 * @param sigmaLower clip level below the centre, in sigma
	 * @param sigmaUpper clip level above the centre, in sigma
	 * @param fitHistogram centre and sigma from a Gaussian fit to the histogram (the clipped mean
	 *            is then the starting centre)
	 * @param lowerHalfOnly estimate sigma from the values below the centre mirrored about it, so
	 *            that bright sources do not widen it
	 */
	public static void clip(float[] image, boolean[] mask, double sigmaLower, double sigmaUpper, boolean fitHistogram,
			boolean lowerHalfOnly, StepLog log) {
		int n = 0;
		for (boolean m : mask) if (m) n++;
		if (n == 0) return;
		double[] sample = new double[n];
		int k = 0;
		for (int i = 0; i < image.length; i++) if (mask[i]) sample[k++] = image[i];
		double[] work = sample.clone();
		ClippedStats s = SigmaClip.clipInPlace(work, n, 3, 3, 5);
		double centre = fitHistogram ? s.mean : s.median;
		double sigma = s.std;
		double[] used = sample;
		int usedCount = n;
		if (lowerHalfOnly) {
			double c = centre;
			int low = 0;
			for (int i = 0; i < n; i++) if (sample[i] <= c) low++;
			double[] mirrored = new double[2 * low];
			int j = 0;
			for (int i = 0; i < n; i++) {
				double v = sample[i];
				if (v <= c) {
					mirrored[j++] = v;
					mirrored[j++] = (c - v) + c;
				}
			}
			used = mirrored;
			usedCount = mirrored.length;
			double[] w = mirrored.clone();
			ClippedStats ms = SigmaClip.clipInPlace(w, usedCount, 3, 3, 5);
			centre = fitHistogram ? ms.mean : ms.median;
			sigma = ms.std;
		}
		if (fitHistogram) {
			HistogramGaussFit.Result fit = HistogramGaussFit.fit(used, usedCount, centre, sigma);
			if (fit.ok) {
				centre = fit.mu;
				sigma = fit.sigma;
			}
			else log.info(fit.failure + "; using the sigma-clipped centre and width");
		}
		double lo = centre - sigmaLower * sigma;
		double hi = centre + sigmaUpper * sigma;
		for (int i = 0; i < image.length; i++) {
			double v = image[i];
			if (v < lo || v > hi) mask[i] = false;
		}
	}
}
