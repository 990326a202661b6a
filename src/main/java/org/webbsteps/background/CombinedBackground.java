package org.webbsteps.background;

/**
 * The averaged background on the science grid, as the pipeline's {@code average_background}
 * returns it: SCI (clipped mean), ERR (error of that mean) as float32 and DQ (OR of the
 * backgrounds' flags), row-major {@code width * height}.
 */
public final class CombinedBackground {

	public final int width, height;
	public final float[] sci;
	public final float[] err;
	public final int[] dq;

	public CombinedBackground(int width, int height, float[] sci, float[] err, int[] dq) {
		int size = width * height;
		if (sci.length != size || err.length != size || dq.length != size) throw new IllegalArgumentException("arrays are not " + width + " x " + height);
		this.width = width;
		this.height = height;
		this.sci = sci;
		this.err = err;
		this.dq = dq;
	}

	/**
	 * Subtracts the background from every science plane (float32 arithmetic, as the pipeline's
	 * {@code subtract_images}) and ORs its DQ into every DQ plane; both in place. The science ERR
	 * is not touched (the pipeline leaves it unchanged).
	 *
	 * @param sciPlanes science SCI planes (one per integration)
	 * @param dqPlanes science DQ planes, or null when the science has no DQ
	 */
	public void subtractFrom(float[][] sciPlanes, int[][] dqPlanes) {
		for (float[] p : sciPlanes) {
			if (p.length != sci.length) throw new IllegalArgumentException("a science plane is not " + width + " x " + height);
			for (int i = 0; i < p.length; i++) p[i] -= sci[i];
		}
		if (dqPlanes == null) return;
		for (int[] p : dqPlanes) {
			if (p.length != dq.length) throw new IllegalArgumentException("a science DQ plane is not " + width + " x " + height);
			for (int i = 0; i < p.length; i++) p[i] |= dq[i];
		}
	}
}
