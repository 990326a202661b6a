package org.webbsteps.background;

/**
 * How a background exposure maps onto the science grid: the block of {@code width x height}
 * background pixels starting at ({@code srcX}, {@code srcY}) in the background's own array lands
 * at ({@code dstX}, {@code dstY}) in the science array. Pixels of the science array outside the
 * block get no value from this background.
 */
public final class Placement {

	public final int srcX, srcY;
	public final int dstX, dstY;
	public final int width, height;

	public Placement(int srcX, int srcY, int dstX, int dstY, int width, int height) {
		this.srcX = srcX;
		this.srcY = srcY;
		this.dstX = dstX;
		this.dstY = dstY;
		this.width = width;
		this.height = height;
	}

	/**
	 * The placement of a background on the science grid from the two footprints: the shared
	 * detector pixels, each at its own detector position; null when the footprints do not overlap.
	 * (The pipeline cuts out the same block but pastes it at the science array's first row and
	 * column, which is right only when the block starts there.)
	 */
	public static Placement of(Footprint science, Footprint background) {
		Footprint shared = science.intersection(background);
		if (shared == null) return null;
		return new Placement(shared.x0 - background.x0, shared.y0 - background.y0, shared.x0 - science.x0, shared.y0 - science.y0,
				shared.width, shared.height);
	}

	@Override
	public String toString() {
		return width + " x " + height + " pixels from (" + srcX + ", " + srcY + ") to science (" + dstX + ", " + dstY + ")";
	}
}
