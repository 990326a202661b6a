package org.webbsteps.flicker;

import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;

/**
 * Preparing a FLAT reference image for {@code clean_flicker_noise} ({@code read_flat_file}): cut to
 * the science subarray, then bad flat values (0 or not finite) replaced by a smooth background
 * model of the flat (its median if the model fails). Images are float32, row-major.
 */
public final class FlatField {

	private FlatField() {
	}

	/**
	 * @param flat the flat's SCI plane
	 * @param flatX0 1-based column of the flat's first pixel on the detector (SUBSTRT1; 1 for full frame)
	 * @param flatY0 1-based row of the flat's first pixel (SUBSTRT2)
	 * @param sciX0 1-based first column of the science subarray
	 * @param sciY0 1-based first row of the science subarray
	 * @return the flat on the science pixel grid, bad values repaired
	 * @throws JwstException if the flat does not cover the science subarray
	 */
	public static float[] prepare(float[] flat, int flatWidth, int flatHeight, int flatX0, int flatY0, int sciX0, int sciY0,
			int sciWidth, int sciHeight, StepLog log) {
		int dx = sciX0 - flatX0;
		int dy = sciY0 - flatY0;
		if (dx < 0 || dy < 0 || dx + sciWidth > flatWidth || dy + sciHeight > flatHeight) {
			throw new JwstException("the flat (" + flatWidth + "x" + flatHeight + " at " + flatX0 + "," + flatY0
					+ ") does not cover the science subarray (" + sciWidth + "x" + sciHeight + " at " + sciX0 + "," + sciY0 + ")");
		}
		float[] out;
		if (dx == 0 && dy == 0 && flatWidth == sciWidth && flatHeight == sciHeight) out = flat.clone();
		else {
			log.info("Extracting matching subarray from the flat");
			out = new float[sciWidth * sciHeight];
			for (int y = 0; y < sciHeight; y++) System.arraycopy(flat, (y + dy) * flatWidth + dx, out, y * sciWidth, sciWidth);
		}
		boolean[] good = new boolean[out.length];
		boolean anyBad = false;
		for (int i = 0; i < out.length; i++) {
			good[i] = out[i] != 0f && Float.isFinite(out[i]);
			anyBad |= !good[i];
		}
		if (!anyBad) return out;
		BackgroundLevel.Background model = BackgroundLevel.estimate(out, good.clone(), sciWidth, sciHeight, FlickerParams.MODEL, null, log);
		for (int i = 0; i < out.length; i++) if (!good[i]) out[i] = model.at(i);
		return out;
	}
}
