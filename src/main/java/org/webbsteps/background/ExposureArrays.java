package org.webbsteps.background;

/**
 * The SCI, ERR and DQ arrays of one exposure as planes (one per integration; a rate has one):
 * row-major {@code width * height} elements, x fastest. ERR and DQ may be null, which reads as
 * zeros (what a JWST datamodel gives for a missing array).
 */
public final class ExposureArrays {

	public final int width, height;
	public final float[][] sci;
	public final float[][] err;
	public final int[][] dq;

	public ExposureArrays(int width, int height, float[][] sci, float[][] err, int[][] dq) {
		int size = width * height;
		check("SCI", sci, size);
		if (err != null) {
			check("ERR", err, size);
			if (err.length != sci.length) throw new IllegalArgumentException("ERR has " + err.length + " planes, SCI " + sci.length);
		}
		if (dq != null) {
			if (dq.length != sci.length) throw new IllegalArgumentException("DQ has " + dq.length + " planes, SCI " + sci.length);
			for (int[] p : dq) if (p.length != size) throw new IllegalArgumentException("a DQ plane is not " + width + " x " + height);
		}
		this.width = width;
		this.height = height;
		this.sci = sci;
		this.err = err;
		this.dq = dq;
	}

	/** Integrations (planes). */
	public int nints() {
		return sci.length;
	}

	private static void check(String name, float[][] planes, int size) {
		if (planes.length == 0) throw new IllegalArgumentException(name + " has no planes");
		for (float[] p : planes) if (p.length != size) throw new IllegalArgumentException("a " + name + " plane does not have " + size + " pixels");
	}
}
