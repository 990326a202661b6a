package org.webbsteps.background;

import org.webbsteps.stats.PairwiseSum;

/**
 * scipy's {@code ndimage.gaussian_filter(image, sigma)} for a 2-D image with the defaults
 * {@code mode='reflect'} (the edge pixel repeated: d c b a | a b c d | d c b a) and
 * {@code truncate=4.0}: a separable correlation, first along y (numpy axis 0), then along x, with
 * the normalised kernel exp(-x²/2σ²) of radius {@code int(4σ + 0.5)}. Sums run in float64 in
 * scipy's order (centre term, then the symmetric pairs from the outside in); with
 * {@code float32} each pass is rounded to float32, as scipy stores it in a float32 image.
 */
public final class GaussianFilter {

	private GaussianFilter() {
	}

	/** The smoothed image ({@code width * height}, row-major); the input is not changed. */
	public static double[] smooth(double[] image, int width, int height, double sigma, boolean float32) {
		int radius = (int) (4.0 * sigma + 0.5);
		double[] w = kernel(sigma, radius);
		double[] out = new double[image.length];
		double[] line = new double[Math.max(width, height)];
		double[] result = new double[line.length];
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) line[y] = image[y * width + x];
			correlate(line, height, w, radius, result, float32);
			for (int y = 0; y < height; y++) out[y * width + x] = result[y];
		}
		for (int y = 0; y < height; y++) {
			System.arraycopy(out, y * width, line, 0, width);
			correlate(line, width, w, radius, result, float32);
			System.arraycopy(result, 0, out, y * width, width);
		}
		return out;
	}

	/** The normalised Gaussian weights for offsets 0..radius (symmetric), normalised as scipy does. */
	static double[] kernel(double sigma, int radius) {
		double[] phi = new double[2 * radius + 1];
		double factor = -0.5 / (sigma * sigma);
		for (int i = 0; i < phi.length; i++) {
			long x = i - radius;
			phi[i] = Math.exp(factor * (x * x));
		}
		double sum = PairwiseSum.sum(phi, 0, phi.length);
		double[] half = new double[radius + 1];
		for (int d = 0; d <= radius; d++) half[d] = phi[radius + d] / sum;
		return half;
	}

	private static void correlate(double[] line, int n, double[] w, int radius, double[] out, boolean float32) {
		for (int i = 0; i < n; i++) {
			double s = line[i] * w[0];
			for (int d = radius; d >= 1; d--) s += (line[reflect(i - d, n)] + line[reflect(i + d, n)]) * w[d];
			out[i] = float32 ? (float) s : s;
		}
	}

	/** Index of the 'reflect' extension of a line of length n. */
	static int reflect(int i, int n) {
		if (i >= 0 && i < n) return i;
		int period = 2 * n;
		int k = ((i % period) + period) % period;
		return k < n ? k : period - 1 - k;
	}
}
