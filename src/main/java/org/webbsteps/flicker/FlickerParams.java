package org.webbsteps.flicker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.webbsteps.meta.ExposureInfo;
import org.webbsteps.step.JwstException;

/**
 * The parameters of {@code clean_flicker_noise} that shape the algorithm, with the JWST names in
 * camelCase and the JWST defaults ({@link #defaults()}). Immutable; {@code with...} methods return
 * changed copies. File parameters ({@code user_mask}, {@code override_flat}) and the save flags
 * belong to the command.
 */
public final class FlickerParams {

	public static final String MEDIAN = "median";
	public static final String FFT = "fft";
	public static final String MODEL = "model";
	public static final String MEDIAN_IMAGE = "median_image";

	/** Exposure types accepted by {@code fit_method = fft}. */
	public static final List<String> FFT_EXP_TYPES = Collections.unmodifiableList(
			Arrays.asList("NRS_MSASPEC", "NRS_IFU", "NRS_FIXEDSLIT", "NRS_BRIGHTOBJ"));

	public final boolean autoparam;
	public final String fitMethod;
	public final boolean fitByChannel;
	/** "median", "model", "median_image", or null for none. */
	public final String backgroundMethod;
	/** Box size (ny, nx) for the model background, or null for the default rule. */
	public final int[] backgroundBoxSize;
	public final boolean maskScienceRegions;
	public final boolean applyFlatField;
	public final double nSigma;
	public final boolean fitHistogram;
	public final boolean singleMask;

	private FlickerParams(boolean autoparam, String fitMethod, boolean fitByChannel, String backgroundMethod, int[] backgroundBoxSize,
			boolean maskScienceRegions, boolean applyFlatField, double nSigma, boolean fitHistogram, boolean singleMask) {
		this.autoparam = autoparam;
		this.fitMethod = fitMethod;
		this.fitByChannel = fitByChannel;
		this.backgroundMethod = backgroundMethod;
		this.backgroundBoxSize = backgroundBoxSize == null ? null : backgroundBoxSize.clone();
		this.maskScienceRegions = maskScienceRegions;
		this.applyFlatField = applyFlatField;
		this.nSigma = nSigma;
		this.fitHistogram = fitHistogram;
		this.singleMask = singleMask;
	}

	/** The JWST defaults. */
	public static FlickerParams defaults() {
		return new FlickerParams(false, MEDIAN, false, MEDIAN, null, false, false, 2.0, false, true);
	}

	public FlickerParams withAutoparam(boolean v) {
		return new FlickerParams(v, fitMethod, fitByChannel, backgroundMethod, backgroundBoxSize, maskScienceRegions, applyFlatField, nSigma, fitHistogram, singleMask);
	}

	public FlickerParams withFitMethod(String v) {
		String m = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
		if (!m.equals(MEDIAN) && !m.equals(FFT)) throw JwstException.badParameter("fit_method", v, "must be 'median' or 'fft'");
		return new FlickerParams(autoparam, m, fitByChannel, backgroundMethod, backgroundBoxSize, maskScienceRegions, applyFlatField, nSigma, fitHistogram, singleMask);
	}

	public FlickerParams withFitByChannel(boolean v) {
		return new FlickerParams(autoparam, fitMethod, v, backgroundMethod, backgroundBoxSize, maskScienceRegions, applyFlatField, nSigma, fitHistogram, singleMask);
	}

	/** Accepts "median", "model", "median_image", and "none"/"None"/null for no background. */
	public FlickerParams withBackgroundMethod(String v) {
		String m = v == null ? "none" : v.trim();
		String lower = m.toLowerCase(Locale.ROOT);
		String method;
		if (lower.equals("none") || lower.isEmpty()) method = null;
		else if (m.equals(MEDIAN) || m.equals(MODEL) || m.equals(MEDIAN_IMAGE)) method = m;
		else throw JwstException.badParameter("background_method", v, "must be 'median', 'model', 'median_image' or None");
		return new FlickerParams(autoparam, fitMethod, fitByChannel, method, backgroundBoxSize, maskScienceRegions, applyFlatField, nSigma, fitHistogram, singleMask);
	}

	/** Box size as (ny, nx), or null for the default rule. */
	public FlickerParams withBackgroundBoxSize(int[] v) {
		if (v != null && (v.length != 2 || v[0] < 1 || v[1] < 1)) {
			throw JwstException.badParameter("background_box_size", Arrays.toString(v), "must be two positive integers (ny, nx)");
		}
		return new FlickerParams(autoparam, fitMethod, fitByChannel, backgroundMethod, v, maskScienceRegions, applyFlatField, nSigma, fitHistogram, singleMask);
	}

	public FlickerParams withMaskScienceRegions(boolean v) {
		return new FlickerParams(autoparam, fitMethod, fitByChannel, backgroundMethod, backgroundBoxSize, v, applyFlatField, nSigma, fitHistogram, singleMask);
	}

	public FlickerParams withApplyFlatField(boolean v) {
		return new FlickerParams(autoparam, fitMethod, fitByChannel, backgroundMethod, backgroundBoxSize, maskScienceRegions, v, nSigma, fitHistogram, singleMask);
	}

	public FlickerParams withNSigma(double v) {
		if (!(v >= 0) || Double.isInfinite(v)) throw JwstException.badParameter("n_sigma", v, "must be a finite number >= 0 (0 turns clipping off)");
		return new FlickerParams(autoparam, fitMethod, fitByChannel, backgroundMethod, backgroundBoxSize, maskScienceRegions, applyFlatField, v, fitHistogram, singleMask);
	}

	public FlickerParams withFitHistogram(boolean v) {
		return new FlickerParams(autoparam, fitMethod, fitByChannel, backgroundMethod, backgroundBoxSize, maskScienceRegions, applyFlatField, nSigma, v, singleMask);
	}

	public FlickerParams withSingleMask(boolean v) {
		return new FlickerParams(autoparam, fitMethod, fitByChannel, backgroundMethod, backgroundBoxSize, maskScienceRegions, applyFlatField, nSigma, fitHistogram, v);
	}

	/**
	 * Why the exposure cannot be processed (the JWST validity check: MIRI other than MIR_IMAGE,
	 * {@code fft} outside NIRSpec spectroscopy), or null if it can.
	 */
	public String unsupportedReason(ExposureInfo info) {
		String expType = info.expType();
		if (expType.startsWith("MIR") && !expType.equals("MIR_IMAGE")) {
			return "Exposure type " + expType + " is not supported by clean_flicker_noise";
		}
		if (fitMethod.equals(FFT) && !FFT_EXP_TYPES.contains(expType)) {
			return "Exposure type " + expType + " is not supported by the fft fit method (NIRSpec spectroscopy only)";
		}
		return null;
	}

	/** Parameters adjusted to an exposure as the pipeline does (§1.2), with a warning per change. */
	public Normalized normalizedFor(ExposureInfo info) {
		List<String> warnings = new ArrayList<>();
		FlickerParams p = this;
		if (MEDIAN_IMAGE.equals(p.backgroundMethod) && p.singleMask) {
			warnings.add("The median_image background method needs one mask per integration; setting single_mask to False.");
			p = p.withSingleMask(false);
		}
		String expType = info.expType();
		boolean miri = expType.startsWith("MIR");
		if (p.fitByChannel && (miri || !info.isFullFrame())) {
			warnings.add("Fit by channel can only be used for full-frame near-infrared data; setting fit_by_channel to False.");
			p = p.withFitByChannel(false);
		}
		int axis = miri ? 1 : Math.abs(info.slowAxis());
		if (axis != 1 && axis != 2) throw new JwstException(info.file() + ": SLOWAXIS = " + info.slowAxis() + " is not +-1 or +-2");
		return new Normalized(p, axis, warnings);
	}

	/** Parameters after normalisation, the median axis, and the warnings to log. */
	public static final class Normalized {
		public final FlickerParams params;
		/** 1 = one median per column, 2 = one per row (JWST {@code axis_to_correct}). */
		public final int axisToCorrect;
		public final List<String> warnings;

		Normalized(FlickerParams params, int axisToCorrect, List<String> warnings) {
			this.params = params;
			this.axisToCorrect = axisToCorrect;
			this.warnings = Collections.unmodifiableList(warnings);
		}
	}
}
