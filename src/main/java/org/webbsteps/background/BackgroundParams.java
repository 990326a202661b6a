package org.webbsteps.background;

import java.util.Locale;

import org.webbsteps.step.JwstException;

/**
 * The algorithm parameters of the {@code background} step ({@code bkg_subtract}) with the JWST
 * names in camelCase and the JWST defaults ({@link #defaults()}): {@code sigma} and
 * {@code maxiters} for the image-from-image average, {@code soss_source_percentile} and
 * {@code soss_bkg_percentile} for the NIRISS SOSS template fit. Immutable; {@code with...}
 * methods check the value and return a changed copy. Files and save flags belong to the command.
 */
public final class BackgroundParams {

	/** {@code maxiters=None}: clip until nothing changes. */
	public static final int UNTIL_CONVERGED = Integer.MAX_VALUE;

	public final double sigma;
	/** Clip iterations, {@link #UNTIL_CONVERGED} for None. */
	public final int maxIters;
	public final double sossSourcePercentile;
	public final double sossBkgPercentileLow;
	public final double sossBkgPercentileHigh;

	private BackgroundParams(double sigma, int maxIters, double sossSourcePercentile, double low, double high) {
		this.sigma = sigma;
		this.maxIters = maxIters;
		this.sossSourcePercentile = sossSourcePercentile;
		this.sossBkgPercentileLow = low;
		this.sossBkgPercentileHigh = high;
	}

	/** The JWST defaults: sigma 3, maxiters None, soss_source_percentile 35, soss_bkg_percentile [25, 50]. */
	public static BackgroundParams defaults() {
		return new BackgroundParams(3.0, UNTIL_CONVERGED, 35.0, 25.0, 50.0);
	}

	public BackgroundParams withSigma(double v) {
		if (!(v >= 0) || Double.isInfinite(v)) throw JwstException.badParameter("sigma", v, "must be a finite number >= 0");
		return new BackgroundParams(v, maxIters, sossSourcePercentile, sossBkgPercentileLow, sossBkgPercentileHigh);
	}

	/**
	 * An iteration count, or {@link #UNTIL_CONVERGED}; 0 also means no limit, as astropy reads
	 * {@code maxiters=0}.
	 */
	public BackgroundParams withMaxIters(int v) {
		if (v < 0) throw JwstException.badParameter("maxiters", v, "must be None or an integer >= 0");
		return new BackgroundParams(sigma, v == 0 ? UNTIL_CONVERGED : v, sossSourcePercentile, sossBkgPercentileLow, sossBkgPercentileHigh);
	}

	/** Reads {@code maxiters} as given in strun or a macro: an integer, or None/empty for no limit. */
	public BackgroundParams withMaxIters(String text) {
		String t = text == null ? "" : text.trim();
		if (t.isEmpty() || t.equalsIgnoreCase("none")) return withMaxIters(UNTIL_CONVERGED);
		try {
			return withMaxIters(Integer.parseInt(t));
		}
		catch (NumberFormatException e) {
			throw JwstException.badParameter("maxiters", t, "must be None or an integer >= 0");
		}
	}

	public BackgroundParams withSossSourcePercentile(double v) {
		if (!(v >= 0 && v <= 100)) throw JwstException.badParameter("soss_source_percentile", v, "must be a percentile between 0 and 100");
		return new BackgroundParams(sigma, maxIters, v, sossBkgPercentileLow, sossBkgPercentileHigh);
	}

	public BackgroundParams withSossBkgPercentile(double low, double high) {
		String given = String.format(Locale.ROOT, "[%s, %s]", low, high);
		if (!(low >= 0 && low <= 100 && high >= 0 && high <= 100)) {
			throw JwstException.badParameter("soss_bkg_percentile", given, "both percentiles must be between 0 and 100");
		}
		return new BackgroundParams(sigma, maxIters, sossSourcePercentile, low, high);
	}

	/** Reads {@code soss_bkg_percentile} as given: two numbers "lo,hi" (brackets allowed), or None/empty for [25, 50]. */
	public BackgroundParams withSossBkgPercentile(String text) {
		String t = text == null ? "" : text.replaceAll("[\\[\\]()\\s]", "");
		if (t.isEmpty() || t.equalsIgnoreCase("none")) return withSossBkgPercentile(25.0, 50.0);
		String[] parts = t.split(",");
		try {
			if (parts.length != 2) throw new NumberFormatException();
			return withSossBkgPercentile(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
		}
		catch (NumberFormatException e) {
			throw JwstException.badParameter("soss_bkg_percentile", text, "must be two percentiles 'lo,hi', e.g. 25,50");
		}
	}

	/** maxiters as the pipeline prints it. */
	public String maxItersText() {
		return maxIters == UNTIL_CONVERGED ? "None" : Integer.toString(maxIters);
	}
}
