package org.webbsteps.flicker;

import org.webbsteps.stats.ClippedStats;
import org.webbsteps.stats.HistogramGaussFit;
import org.webbsteps.stats.SortedSample;
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

	/** The clip bounds applied, and the sorted sample they were computed from. */
	public static final class Bounds {
		public final double lo;
		public final double hi;
		public final SortedSample sample;

		Bounds(double lo, double hi, SortedSample sample) {
			this.lo = lo;
			this.hi = hi;
			this.sample = sample;
		}

		/** Index range in {@link #sample} of the values kept by the clip. */
		public int keptFrom() {
			return sample.lowerIndex(lo);
		}

		public int keptTo() {
			return sample.upperIndex(hi);
		}

		/** Whether a value is kept (inside the bounds, which are included). */
		public boolean keeps(float v) {
			return v >= lo && v <= hi;
		}

		/** Marks the pixels outside the bounds as not usable (NaN pixels are left as they are). */
		public void applyTo(float[] image, boolean[] mask) {
			for (int i = 0; i < image.length; i++) {
				double v = image[i];
				if (v < lo || v > hi) mask[i] = false;
			}
		}
	}

	/**
	 * @param sigmaLower clip level below the centre, in sigma
	 * @param sigmaUpper clip level above the centre, in sigma
	 * @param fitHistogram centre and sigma from a Gaussian fit to the histogram (the clipped mean
	 *            is then the starting centre)
	 * @param lowerHalfOnly estimate sigma from the values below the centre mirrored about it, so
	 *            that bright sources do not widen it
	 * @return the bounds, or null if the mask had no usable pixel
	 */
	public static Bounds clip(float[] image, boolean[] mask, double sigmaLower, double sigmaUpper, boolean fitHistogram,
			boolean lowerHalfOnly, StepLog log) {
		return clip(image, mask, sigmaLower, sigmaUpper, fitHistogram, lowerHalfOnly, null, null, log);
	}

	/**
	 * As {@link #clip(float[], boolean[], double, double, boolean, boolean, StepLog)}, with the
	 * usable finite values of {@code image} already sorted in {@code sorted} (or null to sort here,
	 * in {@code buffers} when given).
	 */
	public static Bounds clip(float[] image, boolean[] mask, double sigmaLower, double sigmaUpper, boolean fitHistogram,
			boolean lowerHalfOnly, SortedSample sorted, SortedSample.Buffers buffers, StepLog log) {
		Bounds b = bounds(image, mask, sigmaLower, sigmaUpper, fitHistogram, lowerHalfOnly, sorted, buffers, 1, log);
		if (b != null) b.applyTo(image, mask);
		return b;
	}

	/**
	 * The bounds {@link #clip} would apply, without changing the mask (callers fold them into their
	 * own pass); a sample sorted here in {@code buffers} is bucketed on {@code threads} threads.
	 */
	static Bounds bounds(float[] image, boolean[] mask, double sigmaLower, double sigmaUpper, boolean fitHistogram,
			boolean lowerHalfOnly, SortedSample sorted, SortedSample.Buffers buffers, int threads, StepLog log) {
		boolean any = false;
		for (boolean m : mask) if (m) {
			any = true;
			break;
		}
		if (!any) return null;
		SortedSample sample = sorted != null ? sorted : buffers != null ? SortedSample.of(image, mask, buffers, threads) : SortedSample.of(image, mask);
		if (sample.size() == 0) {
			if (fitHistogram) log.info(HistogramGaussFit.HISTOGRAM_FAILED + "; using the sigma-clipped centre and width");
			return null;
		}
		ClippedStats s = sample.clip(3, 3, 5);
		double centre = fitHistogram ? s.mean : s.median;
		double sigma = s.std;
		if (lowerHalfOnly) {
			ClippedStats ms = sample.clipMirrored(centre, 3, 5);
			centre = ms.median;
			sigma = ms.std;
		}
		if (fitHistogram) {
			double[] values = lowerHalfOnly ? mirrored(sample, centre) : toDoubles(sample, 0, sample.size());
			HistogramGaussFit.Result fit = HistogramGaussFit.fit(values, values.length, centre, sigma);
			if (fit.ok) {
				centre = fit.mu;
				sigma = fit.sigma;
			}
			else log.info(fit.failure + "; using the sigma-clipped centre and width");
		}
		return new Bounds(centre - sigmaLower * sigma, centre + sigmaUpper * sigma, sample);
	}

	private static double[] toDoubles(SortedSample s, int from, int to) {
		double[] out = new double[to - from];
		for (int i = from; i < to; i++) out[i - from] = s.get(i);
		return out;
	}

	/** The values v <= c together with (c - v) + c. */
	private static double[] mirrored(SortedSample s, double c) {
		int m = s.upperIndex(c);
		double[] out = new double[2 * m];
		for (int i = 0; i < m; i++) {
			double v = s.get(i);
			out[2 * i] = v;
			out[2 * i + 1] = (c - v) + c;
		}
		return out;
	}
}
