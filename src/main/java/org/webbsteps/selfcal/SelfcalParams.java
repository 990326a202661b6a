package org.webbsteps.selfcal;

import java.util.Locale;

import org.webbsteps.step.JwstException;

/**
 * The parameters of {@code badpix_selfcal} that shape the algorithm, with the JWST names in
 * camelCase and the JWST defaults ({@link #defaults()}). Immutable; {@code with...} methods check
 * the value and return a changed copy. The input lists and {@code save_flagged_bkg} belong to the
 * step and the command.
 */
public final class SelfcalParams {

	/** Fraction of pixels flagged on the low side of the high-passed minimum image, in [0, 0.5]. */
	public final double flagfracLower;
	/** Fraction of pixels flagged on the high side, in [0, 0.5]. */
	public final double flagfracUpper;
	/** Median filter length in pixels along the dispersion axis (both axes without DISPAXIS); odd. */
	public final int kernelSize;
	/** Run on the science exposure alone when no other exposure is given. */
	public final boolean forceSingle;
	/** How the median filter treats the image edges; the pipeline pads with zeros. */
	public final MedianFilter.Padding edgePadding;

	private SelfcalParams(double flagfracLower, double flagfracUpper, int kernelSize, boolean forceSingle, MedianFilter.Padding edgePadding) {
		this.flagfracLower = flagfracLower;
		this.flagfracUpper = flagfracUpper;
		this.kernelSize = kernelSize;
		this.forceSingle = forceSingle;
		this.edgePadding = edgePadding;
	}

	/** The JWST defaults: 0.001 on both sides, kernel 15, no force_single, zero padding. */
	public static SelfcalParams defaults() {
		return new SelfcalParams(0.001, 0.001, 15, false, MedianFilter.Padding.ZEROS);
	}

	public SelfcalParams withFlagfracLower(double v) {
		return new SelfcalParams(fraction("flagfrac_lower", v), flagfracUpper, kernelSize, forceSingle, edgePadding);
	}

	public SelfcalParams withFlagfracUpper(double v) {
		return new SelfcalParams(flagfracLower, fraction("flagfrac_upper", v), kernelSize, forceSingle, edgePadding);
	}

	/**
	 * An odd length of at least 1. The pipeline accepts even lengths but then fails with a shape
	 * error (its padded filter output is one pixel longer than the image), so they are refused here.
	 */
	public SelfcalParams withKernelSize(int v) {
		if (v < 1) throw JwstException.badParameter("kernel_size", v, "must be at least 1");
		if (v % 2 == 0) {
			throw JwstException.badParameter("kernel_size", v, "must be odd (the median filter is centred on each pixel; the JWST pipeline fails on even sizes)");
		}
		return new SelfcalParams(flagfracLower, flagfracUpper, v, forceSingle, edgePadding);
	}

	public SelfcalParams withForceSingle(boolean v) {
		return new SelfcalParams(flagfracLower, flagfracUpper, kernelSize, v, edgePadding);
	}

	/** "zeros" (the pipeline's zero padding) or "none" (windows cut at the image edges). */
	public SelfcalParams withEdgePadding(String v) {
		String m = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
		MedianFilter.Padding p;
		if (m.equals("zeros")) p = MedianFilter.Padding.ZEROS;
		else if (m.equals("none")) p = MedianFilter.Padding.NONE;
		else throw JwstException.badParameter("edge_padding", v, "must be 'zeros' (as the pipeline) or 'none'");
		return new SelfcalParams(flagfracLower, flagfracUpper, kernelSize, forceSingle, p);
	}

	/**
	 * The filter window (rows, columns) for a dispersion axis: DISPAXIS 2 (dispersion along y) gives
	 * k × 1, DISPAXIS 1 gives 1 × k, none gives k × k.
	 *
	 * @param dispAxis 1, 2, or null when the exposure has no DISPAXIS
	 */
	public int[] kernelShape(Integer dispAxis) {
		if (dispAxis == null) return new int[] { kernelSize, kernelSize };
		if (dispAxis == 2) return new int[] { kernelSize, 1 };
		if (dispAxis == 1) return new int[] { 1, kernelSize };
		throw new JwstException("DISPAXIS = " + dispAxis + ": the dispersion axis must be 1 or 2");
	}

	private static double fraction(String name, double v) {
		if (!(v >= 0 && v <= 0.5)) throw JwstException.badParameter(name, v, "must be between 0 and 0.5");
		return v;
	}
}
