package org.webbsteps.background;

/**
 * Where an exposure's pixels lie on the detector: a rectangle in 0-based, half-open full-frame
 * coordinates, from the subarray keywords SUBSTRT1/2 (1-based start) and SUBSIZE1/2. Mirrors the
 * pipeline's {@code ImageSubsetArray} extents.
 */
public final class Footprint {

	/** First full-frame column and row (0-based). */
	public final int x0, y0;
	/** Width (columns) and height (rows). */
	public final int width, height;

	public Footprint(int x0, int y0, int width, int height) {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException("empty footprint " + width + " x " + height);
		this.x0 = x0;
		this.y0 = y0;
		this.width = width;
		this.height = height;
	}

	/** From the 1-based subarray keywords SUBSTRT1, SUBSTRT2, SUBSIZE1, SUBSIZE2. */
	public static Footprint ofSubarray(int substrt1, int substrt2, int subsize1, int subsize2) {
		return new Footprint(substrt1 - 1, substrt2 - 1, subsize1, subsize2);
	}

	/**
	 * The footprint assumed when the subarray keywords are missing, as the pipeline does: a full
	 * frame (MIRI 1032 x 1024, the near-infrared detectors 2048 x 2048) when the array has that
	 * shape; otherwise null (the pipeline stops with an error).
	 */
	public static Footprint assumedFullFrame(String instrument, int width, int height) {
		boolean miri = "MIRI".equalsIgnoreCase(instrument);
		if (miri ? width == 1032 && height == 1024 : width == 2048 && height == 2048) return new Footprint(0, 0, width, height);
		return null;
	}

	/** End column and row (exclusive). */
	public int x1() {
		return x0 + width;
	}

	public int y1() {
		return y0 + height;
	}

	/** Whether the two footprints share at least one pixel. */
	public boolean overlaps(Footprint o) {
		return !(x1() <= o.x0 || o.x1() <= x0 || y1() <= o.y0 || o.y1() <= y0);
	}

	/** The shared rectangle, or null when the footprints do not overlap. */
	public Footprint intersection(Footprint o) {
		if (!overlaps(o)) return null;
		int ix0 = Math.max(x0, o.x0);
		int iy0 = Math.max(y0, o.y0);
		return new Footprint(ix0, iy0, Math.min(x1(), o.x1()) - ix0, Math.min(y1(), o.y1()) - iy0);
	}

	@Override
	public String toString() {
		return "columns " + x0 + ".." + (x1() - 1) + ", rows " + y0 + ".." + (y1() - 1);
	}
}
