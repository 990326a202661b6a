package org.webbsteps.flicker;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.webbsteps.dq.GroupFlag;
import org.webbsteps.dq.PixelFlag;

/**
 * Accumulates a draft rate over integrations, one integration at a time (streaming: never needs the whole ramp).
 * <p>
 * This is the draft rate that {@code clean_flicker_noise} builds from a ramp to make its scene mask
 * (spec §3.4). The reference runs the pipeline's OLS_C ramp fit with CRDS gain and read-noise files;
 * this class reproduces the OLS_C segment logic with the SNR weighting power fixed at 0 (uniform
 * weights, which OLS_C uses for low-SNR segments), so it needs neither gain nor read noise:
 * <ul>
 * <li>a group is usable when its GROUPDQ has none of DO_NOT_USE, SATURATED, JUMP_DET and its value
 * is finite;</li>
 * <li>an integration is NaN when the pixel DQ has DO_NOT_USE or SATURATED (OLS_C treats both as
 * invalid), when group 0 is SATURATED, when no group is usable, or (ramps of more than one group, the
 * pipeline's {@code suppress_one_group}) when exactly one group is usable;</li>
 * <li>segments are maximal runs of usable groups; a group flagged exactly JUMP_DET (PERSISTENCE
 * ignored) with a finite value, immediately before a run, is prepended to it;</li>
 * <li>if any segment has two or more groups, single-group segments are dropped; otherwise only the first
 * one is kept, with slope value / TGROUP (also for one-group ramps, where the pipeline divides by
 * (NFRAMES + 1) TFRAME / 2, the same for NFRAMES = 1);</li>
 * <li>a segment's slope is the least-squares line through (group index, value) divided by TGROUP;</li>
 * <li>segment slopes are averaged with weights L<sup>3</sup> - L (6 for L &le; 2, L = segment length),
 * the pipeline's inverse read-noise variance; per integration for the rateints plane and pooled over
 * all segments of all integrations for the rate.</li>
 * </ul>
 * The pipeline fits high-SNR segments with SNR-dependent group weights and combines segments with
 * weights that include a Poisson term, so its draft rate differs slightly from this one for bright
 * pixels and jump-split ramps; the scene mask can therefore differ from the pipeline's at pixels right
 * at a clip threshold.
 * <p>
 * Each integration is split into pixel ranges fitted on the common fork-join pool; the result does not
 * depend on the split. Not thread-safe: add integrations from one thread.
 */
public final class DraftRate {

	/** Group flags that make a group unusable. */
	private static final int UNUSABLE = GroupFlag.DO_NOT_USE.value() | GroupFlag.SATURATED.value() | GroupFlag.JUMP_DET.value();
	private static final int SATURATED = GroupFlag.SATURATED.value();
	private static final int JUMP_DET = GroupFlag.JUMP_DET.value();
	private static final int NOT_PERSISTENCE = ~GroupFlag.PERSISTENCE.value();
	/** Pixel flags that make every integration of a pixel NaN. */
	private static final int PIXEL_INVALID = PixelFlag.DO_NOT_USE.bits() | PixelFlag.SATURATED.bits();
	/** Combination weight of segments of one or two groups. */
	private static final double SHORT_WEIGHT = 6;
	/** Pixels per task when an integration is split across threads. */
	private static final int CHUNK = 1 << 16;
	/** Pixels fitted plane by plane at a time. */
	private static final int BLOCK = 1024;

	private final int pixels;
	private final double groupTime;
	/** Per pixel: sum over segments of weight * slope * TGROUP (DN). */
	private final double[] weightedSum;
	/** Sum over the integrations added of the largest weight an integration can have. */
	private double fullWeight;
	/**
	 * Per pixel: how far its weight sum falls short of {@link #fullWeight}. Ramps fitted as one
	 * segment do not touch it, which saves memory traffic; all values are exact integers.
	 */
	private final double[] weightShortfall;

	/**
	 * @param pixels pixels per plane
	 * @param groupTime TGROUP in seconds (&gt; 0)
	 */
	public DraftRate(int pixels, double groupTime) {
		if (pixels < 0) throw new IllegalArgumentException("pixels must be >= 0, got " + pixels);
		if (!(groupTime > 0) || Double.isInfinite(groupTime)) throw new IllegalArgumentException("group time must be finite and > 0, got " + groupTime);
		this.pixels = pixels;
		this.groupTime = groupTime;
		this.weightedSum = new double[pixels];
		this.weightShortfall = new double[pixels];
	}

	/**
	 * Fits one integration; returns its slope image (DN/s, the rateints plane) and adds its segments to the pooled rate.
	 *
	 * @param groups one float32 plane per group, row-major, DN
	 * @param groupDq one GROUPDQ plane (uint8) per group
	 * @param pixelDq PIXELDQ (uint32 bit patterns), or null for all good
	 * @return the integration's slope per pixel (DN/s), NaN where the integration is unusable
	 */
	public float[] addIntegration(float[][] groups, byte[][] groupDq, int[] pixelDq) {
		check(groups, groupDq, pixelDq);
		float[] slope = new float[pixels];
		double maxWeight = segmentWeight(groups.length);
		int chunks = (pixels + CHUNK - 1) / CHUNK;
		if (chunks <= 1) {
			fit(groups, groupDq, pixelDq, maxWeight, slope, 0, pixels);
		} else {
			IntStream.range(0, chunks).parallel().forEach(c -> fit(groups, groupDq, pixelDq, maxWeight, slope, c * CHUNK, Math.min(pixels, (c + 1) * CHUNK)));
		}
		fullWeight += maxWeight;
		return slope;
	}

	/** The pooled rate image (DN/s) over the integrations added so far; NaN where no integration was usable. */
	public float[] rate() {
		float[] rate = new float[pixels];
		for (int p = 0; p < pixels; p++) {
			double weight = fullWeight - weightShortfall[p];
			rate[p] = weight > 0 ? (float) (weightedSum[p] / weight / groupTime) : Float.NaN;
		}
		return rate;
	}

	private void check(float[][] groups, byte[][] groupDq, int[] pixelDq) {
		if (groups.length == 0) throw new IllegalArgumentException("an integration needs at least one group");
		if (groupDq.length != groups.length) throw new IllegalArgumentException(groups.length + " groups but " + groupDq.length + " GROUPDQ planes");
		for (int g = 0; g < groups.length; g++) {
			if (groups[g].length != pixels) throw new IllegalArgumentException("group " + g + " has " + groups[g].length + " pixels, expected " + pixels);
			if (groupDq[g].length != pixels) throw new IllegalArgumentException("GROUPDQ plane " + g + " has " + groupDq[g].length + " pixels, expected " + pixels);
		}
		if (pixelDq != null && pixelDq.length != pixels) throw new IllegalArgumentException("PIXELDQ has " + pixelDq.length + " pixels, expected " + pixels);
	}

	/**
	 * Fits pixels {@code [from, to)}: writes their integration slopes and adds their segments to the sums.
	 * Works in blocks: a plane-by-plane pass computes the one-segment fit of every ramp and ORs its
	 * flags; ramps with an unusable group or a non-finite value are then refitted one by one.
	 */
	private void fit(float[][] groups, byte[][] groupDq, int[] pixelDq, double maxWeight, float[] slope, int from, int to) {
		int ngroups = groups.length;
		double[] full = new double[BLOCK];
		byte[] anyFlag = new byte[BLOCK];
		float[] ramp = new float[ngroups];
		byte[] flags = new byte[ngroups];
		for (int block = from; block < to; block += BLOCK) {
			int n = Math.min(BLOCK, to - block);
			Arrays.fill(full, 0, n, 0);
			Arrays.fill(anyFlag, 0, n, (byte) 0);
			for (int g = 0; g < ngroups; g++) {
				float[] plane = groups[g];
				byte[] dq = groupDq[g];
				double c = 2 * g - ngroups + 1;
				for (int q = 0; q < n; q++) full[q] += c * plane[block + q];
				for (int q = 0; q < n; q++) anyFlag[q] |= dq[block + q];
			}
			for (int q = 0; q < n; q++) {
				int p = block + q;
				if (pixelDq != null && (pixelDq[p] & PIXEL_INVALID) != 0) {
					slope[p] = unusable(p, maxWeight);
				} else if (ngroups > 1 && (anyFlag[q] & UNUSABLE) == 0 && Double.isFinite(full[q])) {
					double sum = SHORT_WEIGHT * full[q];
					weightedSum[p] += sum;
					slope[p] = (float) (sum / maxWeight / groupTime);
				} else {
					for (int g = 0; g < ngroups; g++) {
						ramp[g] = groups[g][p];
						flags[g] = groupDq[g][p];
					}
					slope[p] = fitRamp(ramp, flags, p, maxWeight);
				}
			}
		}
	}

	/**
	 * Fits the ramp (DN) and GROUPDQ of pixel {@code p} segment by segment and adds it to the sums;
	 * returns its slope (DN/s), or NaN if the integration is unusable.
	 */
	private float fitRamp(float[] ramp, byte[] flags, int p, double maxWeight) {
		if ((flags[0] & SATURATED) != 0) return unusable(p, maxWeight);
		int ngroups = ramp.length;
		double sum = 0;
		double weight = 0;
		int usable = 0;
		int firstSingle = -1;
		int start = -1;
		for (int g = 0; g <= ngroups; g++) {
			if (g < ngroups && usable(ramp[g], flags[g])) {
				usable++;
				if (start < 0) start = g > 0 && jumpOnly(ramp[g - 1], flags[g - 1]) ? g - 1 : g;
			} else if (start >= 0) {
				int length = g - start;
				if (length >= 2) {
					sum += segmentSum(ramp, start, length);
					weight += segmentWeight(length);
				} else if (firstSingle < 0) {
					firstSingle = start;
				}
				start = -1;
			}
		}
		if (usable == 0 || usable == 1 && ngroups > 1) return unusable(p, maxWeight);
		if (weight == 0) {
			sum = SHORT_WEIGHT * ramp[firstSingle];
			weight = SHORT_WEIGHT;
		}
		weightedSum[p] += sum;
		weightShortfall[p] += maxWeight - weight;
		return (float) (sum / weight / groupTime);
	}

	/** Records that pixel {@code p} has no slope in this integration; returns NaN. */
	private float unusable(int p, double maxWeight) {
		weightShortfall[p] += maxWeight;
		return Float.NaN;
	}

	private static boolean usable(float value, byte dq) {
		return ((dq & 0xFF) & UNUSABLE) == 0 && Float.isFinite(value);
	}

	private static boolean jumpOnly(float value, byte dq) {
		return ((dq & 0xFF) & NOT_PERSISTENCE) == JUMP_DET && Float.isFinite(value);
	}

	/** Combination weight of a segment of {@code length} groups: L<sup>3</sup> - L, at least 6 (the pipeline's inverse read-noise variance up to a constant). */
	private static double segmentWeight(int length) {
		return Math.max(SHORT_WEIGHT, (double) length * length * length - length);
	}

	/**
	 * Weight times least-squares slope (DN per group) of the segment {@code ramp[start .. start + length)},
	 * {@code length >= 2}: (L<sup>3</sup> - L) sum((k - mid) y_k) / sum((k - mid)<sup>2</sup>) = 6 sum((2k - L + 1) y_k).
	 */
	private static double segmentSum(float[] ramp, int start, int length) {
		double s = 0;
		for (int k = 0; k < length; k++) s += (2 * k - length + 1) * (double) ramp[start + k];
		return SHORT_WEIGHT * s;
	}
}
