package org.webbsteps.flicker;

import java.util.List;

import org.webbsteps.step.StepLog;

/**
 * The scene mask of {@code clean_flicker_noise} ({@code create_mask}): {@code true} for pixels that
 * look like background in the draft rate, used to fit the noise. Built per draft plane: known
 * science regions removed ({@link Region}s, when {@code mask_science_regions}), NaN and exactly-zero
 * pixels removed, then sources clipped (lower 3 sigma, upper {@code n_sigma}).
 */
public final class SceneMask {

	/**
	 * A known science region to exclude (slits, slices, failed-open shutters, traces...). Regions
	 * that need a WCS or reference files are added by implementing this.
	 */
	public interface Region {
		/** Sets {@code mask[i] = false} inside the region of one draft plane ({@code dq} may be null). */
		void exclude(boolean[] mask, int width, int height, int[] dq);
	}

	private SceneMask() {
	}

	/**
	 * Masks of all draft planes.
	 *
	 * @param draftPlanes one draft rate plane (2-D rate) or one per integration (rateints), row-major
	 * @param dqPlanes the matching uint32 DQ planes, or null
	 * @param regions regions to exclude (empty unless {@code mask_science_regions})
	 * @param nSigma upper clip level; 0 turns the clip off
	 * @param singleMask combine the planes into one mask (logical AND)
	 * @return one mask per draft plane, or a single mask when {@code singleMask}
	 */
	public static boolean[][] create(float[][] draftPlanes, int[][] dqPlanes, int width, int height, List<Region> regions,
			double nSigma, boolean fitHistogram, boolean singleMask, StepLog log) {
		int n = width * height;
		boolean[][] masks = new boolean[draftPlanes.length][];
		for (int p = 0; p < draftPlanes.length; p++) {
			float[] draft = draftPlanes[p];
			boolean[] mask = new boolean[n];
			java.util.Arrays.fill(mask, true);
			int[] dq = dqPlanes == null ? null : dqPlanes[Math.min(p, dqPlanes.length - 1)];
			for (Region r : regions) r.exclude(mask, width, height, dq);
			for (int i = 0; i < n; i++) {
				float v = draft[i];
				if (Float.isNaN(v) || v == 0f) mask[i] = false;
			}
			if (nSigma > 0) BackgroundClip.clip(draft, mask, 3.0, nSigma, fitHistogram, false, log);
			masks[p] = mask;
		}
		if (!singleMask || masks.length == 1) return masks;
		boolean[] all = masks[0].clone();
		for (int p = 1; p < masks.length; p++) for (int i = 0; i < n; i++) all[i] &= masks[p][i];
		return new boolean[][] { all };
	}

	/** Excludes pixels whose DQ has any of the given bits (e.g. MSA_FAILED_OPEN, or DO_NOT_USE + NON_SCIENCE). */
	public static Region dqBits(int bits) {
		return (mask, width, height, dq) -> {
			if (dq == null) return;
			for (int i = 0; i < mask.length; i++) if ((dq[i] & bits) != 0) mask[i] = false;
		};
	}

	/** Excludes full-width rows {@code [from, to)} given in full-frame coordinates, shifted by the subarray origin. */
	public static Region rows(int from, int to, int subarrayRowOffset) {
		return (mask, width, height, dq) -> {
			int a = Math.max(0, from - subarrayRowOffset);
			int b = Math.min(height, to - subarrayRowOffset);
			for (int y = a; y < b; y++) java.util.Arrays.fill(mask, y * width, (y + 1) * width, false);
		};
	}
}
