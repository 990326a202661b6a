package org.webbsteps.flicker;

import org.webbsteps.stats.Selection;
import org.webbsteps.step.JwstException;

/**
 * The {@code median_image} background of {@code clean_flicker_noise} for time series: the median
 * over integrations of the data, scaled per integration by a representative flux. The flux of an
 * integration is the median of its draft rate over all pixels (the pipeline's generic choice);
 * NaN values are ignored throughout. Planes are float32, row-major.
 */
public final class MedianImage {

	private MedianImage() {
	}

	/**
	 * Normalised fluxes: each integration's nanmedian draft rate divided by their median;
	 * non-finite values replaced by the median of the finite ones.
	 *
	 * @throws JwstException when no integration has a finite flux
	 */
	public static double[] normalizedFlux(float[][] draftPlanes) {
		int nints = draftPlanes.length;
		double[] flux = new double[nints];
		float[] buf = new float[draftPlanes[0].length];
		for (int i = 0; i < nints; i++) {
			int n = 0;
			for (float v : draftPlanes[i]) if (!Float.isNaN(v)) buf[n++] = v;
			flux[i] = Selection.medianInPlace(buf, n);
		}
		double[] finite = new double[nints];
		int m = 0;
		for (double f : flux) if (Double.isFinite(f)) finite[m++] = f;
		if (m == 0) throw new JwstException("No valid flux for scaling the median image");
		double med = Selection.medianInPlace(finite, m);
		for (int i = 0; i < nints; i++) flux[i] = Double.isFinite(flux[i]) ? flux[i] / med : 1.0;
		return flux;
	}

	/**
	 * Scaled median images.
	 *
	 * @param planes data planes, plane = group + perInt * integration (perInt = 1 for rateints)
	 * @param perInt planes per integration (ngroups for a ramp, 1 for rateints)
	 * @param norm per-integration scale ({@link #normalizedFlux})
	 * @return scaled median planes in the same order as {@code planes}
	 */
	public static float[][] scaled(float[][] planes, int perInt, double[] norm) {
		int nints = norm.length;
		if (nints < 2) throw new JwstException("The median image needs at least 2 integrations");
		int size = planes[0].length;
		float[][] out = new float[planes.length][];
		float[] values = new float[nints];
		for (int g = 0; g < perInt; g++) {
			float[] median = new float[size];
			for (int k = 0; k < size; k++) {
				int n = 0;
				for (int i = 0; i < nints; i++) {
					float v = planes[g + perInt * i][k];
					if (!Float.isNaN(v)) values[n++] = v;
				}
				median[k] = Selection.medianInPlace(values, n);
			}
			for (int i = 0; i < nints; i++) {
				float[] s = new float[size];
				for (int k = 0; k < size; k++) s[k] = (float) (norm[i] * median[k]);
				out[g + perInt * i] = s;
			}
		}
		return out;
	}
}
