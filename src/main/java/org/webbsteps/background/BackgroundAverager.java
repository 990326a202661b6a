package org.webbsteps.background;


import java.util.Arrays;
import java.util.List;




import java.util.concurrent.atomic.AtomicInteger;

import org.webbsteps.stats.AxisSigmaClip;
import org.webbsteps.step.StepLog;

/**
 * Averages background exposures on the science grid as the pipeline's {@code average_background}
 * does (image-from-image background; spec §3.4.5-3.4.6), and subtracts the average.
 * <p>
 * Rate science (one plane per background): each science pixel gets one value per background, its
 * SCI where the background's {@link Placement} covers the pixel and NaN elsewhere or when the
 * background does not overlap at all; the values are sigma-clipped across backgrounds
 * ({@link AxisSigmaClip}, NaN clipped), the combined SCI is the float64 mean of the kept values
 * and ERR = sqrt(sum of their ERR²) / (number kept), both 0 where every value is clipped. ERR² is
 * taken in float32 as the pipeline does; the data clip decides which variances are kept.
 * <p>
 * Rateints science (backgrounds with any number of integrations): first, per background and
 * pixel, SCI and ERR² are clipped independently along the integrations and averaged (float32 sums
 * divided in float64, 0 where everything is clipped, which includes the pixels outside the
 * background's block); these per-background images are then combined as above, the averaged ERR²
 * standing in for the variance.
 * <p>
 * DQ is the OR of the DQ of every covered pixel of every overlapping background (all integrations),
 * clipped or not. Work is split by rows over threads; no per-pixel allocation.
 * {@link #subtract} applies the average to the science while it is computed, without building the
 * combined arrays unless they are asked for (and without reading any ERR then).
 */
public final class BackgroundAverager {

	private static final int ROWS_PER_TASK = 16;

	private final double sigma;
	private final int maxIters;
	private final int threads;
	private final StepLog log;

	/**
	 * @param sigma clip threshold (astropy {@code sigma})
	 * @param maxIters clip iterations, {@link Integer#MAX_VALUE} for astropy's {@code maxiters=None}
	 * @param threads worker threads (at least 1)
	 * @param log where cancellation is polled, or null
	 */
	public BackgroundAverager(double sigma, int maxIters, int threads, StepLog log) {
		this.sigma = sigma;
		this.maxIters = maxIters;
		this.threads = Math.max(1, threads);
		this.log = log == null ? StepLog.NONE : log;
	}

	/**
	 * The combined background of the given exposures on a {@code width x height} science grid.
	 *
	 * @param backgrounds the background exposures; an entry may be null when its placement is null
	 * @param placements for each background its placement on the science grid, null when it does
	 *            not overlap the science (it then adds a value to no pixel)
	 * @param rateints whether the science has integrations (then backgrounds are averaged over
	 *            their own integrations first); otherwise every background must have one plane
	 */
	public CombinedBackground average(List<ExposureArrays> backgrounds, List<Placement> placements, int width, int height, boolean rateints) {
		return run(backgrounds, placements, width, height, rateints, null, null, true);
	}

	/**
	 * Subtracts the combined background from every science plane (float32, as the pipeline's
	 * {@code subtract_images}) and ORs its DQ into every science DQ plane, in place; the result is
	 * the same as {@link CombinedBackground#subtractFrom} applied to {@link #average}.
	 *
	 * @param sciPlanes the science SCI planes ({@code width * height} each)
	 * @param dqPlanes the science DQ planes, or null
	 * @param keepCombined whether to return the combined background (else null is returned and
	 *            the backgrounds' ERR is not used)
	 */
	public CombinedBackground subtract(List<ExposureArrays> backgrounds, List<Placement> placements, float[][] sciPlanes, int[][] dqPlanes, int width,
			int height, boolean rateints, boolean keepCombined) {
		for (float[] p : sciPlanes) if (p.length != width * height) throw new IllegalArgumentException("a science plane is not " + width + " x " + height);
		if (dqPlanes != null) for (int[] p : dqPlanes) if (p.length != width * height) throw new IllegalArgumentException("a science DQ plane is not " + width + " x " + height);
		return run(backgrounds, placements, width, height, rateints, sciPlanes, dqPlanes, keepCombined);
	}

	// -- Helper methods --

	private CombinedBackground run(List<ExposureArrays> backgrounds, List<Placement> placements, int width, int height, boolean rateints,
			float[][] sciPlanes, int[][] dqPlanes, boolean keepCombined) {
		int n = backgrounds.size();
		if (n == 0) throw new IllegalArgumentException("no backgrounds to average");
		if (placements.size() != n) throw new IllegalArgumentException(n + " backgrounds but " + placements.size() + " placements");
		int maxInts = 1;
		for (int i = 0; i < n; i++) {
			ExposureArrays b = backgrounds.get(i);
			if (placements.get(i) == null) continue;
			if (!rateints && b.nints() != 1) throw new IllegalArgumentException("background " + (i + 1) + " has " + b.nints() + " planes; rate science needs 2-D backgrounds");
			maxInts = Math.max(maxInts, b.nints());
			checkPlacement(placements.get(i), b, width, height, i);
		}
		Target target = new Target(width, height, keepCombined, sciPlanes, dqPlanes);
		int tasks = (height + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		AtomicInteger next = new AtomicInteger();
		int workers = Math.min(threads, tasks);
		int capacity = maxInts;
		Runnable worker = () -> {
			Rows rows = new Rows(backgrounds, width, capacity, rateints, keepCombined);
			for (int t; (t = next.getAndIncrement()) < tasks && !log.isCanceled();) {
				int end = Math.min(height, (t + 1) * ROWS_PER_TASK);
				for (int y = t * ROWS_PER_TASK; y < end; y++) row(y, backgrounds, placements, width, rateints, rows, target);
			}
		};
		if (workers == 1) worker.run();
		else runAll(worker, workers);
		log.checkCanceled();
		return keepCombined ? new CombinedBackground(width, height, target.sci, target.err, target.dq) : null;
	}

	/** Where results go: the combined arrays and/or the science planes. */
	private static final class Target {
		final float[] sci, err;
		final int[] dq;
		final float[][] sciPlanes;
		final int[][] dqPlanes;

		Target(int width, int height, boolean combined, float[][] sciPlanes, int[][] dqPlanes) {
			sci = combined ? new float[width * height] : null;
			err = combined ? new float[width * height] : null;
			dq = combined ? new int[width * height] : null;
			this.sciPlanes = sciPlanes;
			this.dqPlanes = dqPlanes;
		}

		/** Stores the combined value of pixel i (only called where some value was kept). */
		void put(int i, double mean, double error) {
			float m = (float) mean;
			if (sci != null) {
				sci[i] = m;
				err[i] = (float) error;
			}
			if (sciPlanes != null) for (float[] p : sciPlanes) p[i] -= m;
		}
	}

	/** Per-thread work arrays. */
	private final class Rows {
		final double[][] data;
		final double[][] var;
		final int[] from, to, src, cuts, segSrc;
		final float[][] sci, err, segSci, segErr;
		final int[] dq;
		final double[] stack;
		final boolean[] keep;
		final double[] ints;
		final boolean[] intsKeep;
		final AxisSigmaClip acrossFiles;
		final AxisSigmaClip alongInts;
		final boolean withErr;

		Rows(List<ExposureArrays> backgrounds, int width, int maxInts, boolean rateints, boolean withErr) {
			int n = backgrounds.size();
			data = rateints ? new double[n][width] : null;
			var = rateints ? new double[n][width] : null;
			from = new int[n];
			to = new int[n];
			src = new int[n];
			sci = new float[n][];
			err = new float[n][];
			cuts = new int[2 * n + 2];
			segSrc = new int[n];
			segSci = new float[n][];
			segErr = new float[n][];
			for (int i = 0; i < n; i++) {
				ExposureArrays b = backgrounds.get(i);
				sci[i] = b == null ? null : b.sci[0];
				err[i] = b == null || b.err == null ? null : b.err[0];
			}
			dq = new int[width];
			stack = new double[n];
			keep = new boolean[n];
			ints = new double[maxInts];
			intsKeep = new boolean[maxInts];
			acrossFiles = new AxisSigmaClip(n, sigma, maxIters);
			alongInts = new AxisSigmaClip(maxInts, sigma, maxIters);
			this.withErr = withErr;
		}
	}

	/** Combines science row y. */
	private void row(int y, List<ExposureArrays> backgrounds, List<Placement> placements, int width, boolean rateints, Rows w, Target target) {
		int n = backgrounds.size();
		int rowStart = y * width;
		int[] dq = w.dq;
		Arrays.fill(dq, 0);
		for (int i = 0; i < n; i++) {
			Placement p = placements.get(i);
			boolean covered = p != null && y >= p.dstY && y < p.dstY + p.height;
			w.from[i] = covered ? p.dstX : 0;
			w.to[i] = covered ? p.dstX + p.width : 0;
			if (!covered) continue;
			ExposureArrays b = backgrounds.get(i);
			// the background pixel under science column x is src + x
			w.src[i] = (y - p.dstY + p.srcY) * b.width + p.srcX - p.dstX;
			if (b.dq != null) {
				for (int[] q : b.dq) for (int x = w.from[i], k = w.src[i] + x; x < w.to[i]; x++, k++) dq[x] |= q[k];
			}
		}
		if (target.dq != null) System.arraycopy(dq, 0, target.dq, rowStart, width);
		if (target.dqPlanes != null) for (int[] p : target.dqPlanes) for (int x = 0; x < width; x++) p[rowStart + x] |= dq[x];
		if (rateints) combineRateints(backgrounds, placements, width, w, rowStart, target);
		else combineRates(n, width, w, rowStart, target);
	}

	/**
	 * Rates: a background's value is its SCI where it covers the pixel, NaN elsewhere. The row is
	 * cut into segments covered by the same backgrounds; as NaN values are always clipped and
	 * never summed, only the covering backgrounds (in file order) are looked at.
	 */
	private static void combineRates(int n, int width, Rows w, int rowStart, Target target) {
		int[] cuts = w.cuts;
		int ncuts = 0;
		cuts[ncuts++] = 0;
		cuts[ncuts++] = width;
		for (int i = 0; i < n; i++) {
			if (w.from[i] >= w.to[i]) continue;
			cuts[ncuts++] = w.from[i];
			cuts[ncuts++] = w.to[i];
		}
		Arrays.sort(cuts, 0, ncuts);
		for (int c = 0; c + 1 < ncuts; c++) {
			int a = cuts[c], b = cuts[c + 1];
			if (a == b) continue;
			int m = 0;
			for (int i = 0; i < n; i++) {
				if (w.from[i] <= a && w.to[i] >= b) {
					w.segSci[m] = w.sci[i];
					w.segErr[m] = w.err[i];
					w.segSrc[m] = w.src[i];
					m++;
				}
			}
			if (m == 0) continue; // no background here: everything masked, 0 subtracted
			if (w.acrossFiles.mayClip(m)) clippedSegment(w, m, a, b, rowStart, target);
			else unclippedSegment(w, m, a, b, rowStart, target);
		}
	}

	/** A segment whose values can be clipped: the stack goes through {@link AxisSigmaClip}. */
	private static void clippedSegment(Rows w, int m, int a, int b, int rowStart, Target target) {
		float[][] s = w.segSci, e = w.segErr;
		int[] src = w.segSrc;
		double[] v = w.stack;
		boolean[] keep = w.keep;
		boolean withErr = w.withErr;
		for (int x = a; x < b; x++) {
			for (int k = 0; k < m; k++) v[k] = s[k][src[k] + x];
			int kept = w.acrossFiles.clip(v, m, keep);
			if (kept == 0) continue; // all masked: 0, as numpy's masked mean gives
			double sum = 0;
			double varSum = 0;
			for (int k = 0; k < m; k++) {
				if (!keep[k]) continue;
				sum += v[k];
				if (withErr && e[k] != null) {
					float ex = e[k][src[k] + x];
					varSum += ex * ex; // ERR² in float32, as the pipeline squares the float32 ERR
				}
			}
			target.put(rowStart + x, sum / kept, withErr ? Math.sqrt(varSum) / kept : 0);
		}
	}

	/** A segment of at most 3 values at a sigma that cannot clip them: the mean of the finite ones. */
	private static void unclippedSegment(Rows w, int m, int a, int b, int rowStart, Target target) {
		float[][] s = w.segSci, e = w.segErr;
		int[] src = w.segSrc;
		boolean withErr = w.withErr;
		for (int x = a; x < b; x++) {
			double sum = 0;
			double varSum = 0;
			int kept = 0;
			for (int k = 0; k < m; k++) {
				float value = s[k][src[k] + x];
				if (value - value != 0) continue;
				sum += value;
				kept++;
				if (withErr && e[k] != null) {
					float ex = e[k][src[k] + x];
					varSum += ex * ex;
				}
			}
			if (kept > 0) target.put(rowStart + x, sum / kept, withErr ? Math.sqrt(varSum) / kept : 0);
		}
	}

	/**
	 * Rateints: each background first averaged over its integrations (0 outside its block, NaN
	 * when it does not overlap at all), then combined like rates with the averaged ERR² as variance.
	 */
	private static void combineRateints(List<ExposureArrays> backgrounds, List<Placement> placements, int width, Rows w, int rowStart, Target target) {
		int n = backgrounds.size();
		for (int i = 0; i < n; i++) {
			double[] data = w.data[i];
			double[] var = w.var[i];
			double outside = placements.get(i) == null ? Double.NaN : 0;
			int from = w.from[i], to = w.to[i];
			Arrays.fill(data, 0, from, outside);
			Arrays.fill(var, 0, from, outside);
			Arrays.fill(data, to, width, outside);
			Arrays.fill(var, to, width, outside);
			if (from < to) averageIntegrations(backgrounds.get(i), w.src[i], from, to, w, data, var);
		}
		double[] v = w.stack;
		boolean[] keep = w.keep;
		for (int x = 0; x < width; x++) {
			for (int i = 0; i < n; i++) v[i] = w.data[i][x];
			int kept = w.acrossFiles.clip(v, n, keep);
			if (kept == 0) continue;
			double sum = 0;
			double varSum = 0;
			for (int i = 0; i < n; i++) {
				if (!keep[i]) continue;
				sum += v[i];
				varSum += w.var[i][x];
			}
			target.put(rowStart + x, sum / kept, w.withErr ? Math.sqrt(varSum) / kept : 0);
		}
	}

	/**
	 * Per-pixel averages over the integrations of one background for science columns
	 * [from, to); the background pixel of column x is {@code src + x}.
	 */
	private static void averageIntegrations(ExposureArrays b, int src, int from, int to, Rows w, double[] data, double[] var) {
		int nints = b.nints();
		double[] v = w.ints;
		boolean[] keep = w.intsKeep;
		for (int x = from; x < to; x++) {
			int k = src + x;
			for (int j = 0; j < nints; j++) v[j] = b.sci[j][k];
			data[x] = clippedMean(w.alongInts, v, nints, keep);
			if (!w.withErr) continue;
			for (int j = 0; j < nints; j++) {
				float e = b.err == null ? 0f : b.err[j][k];
				v[j] = e * e;
			}
			var[x] = clippedMean(w.alongInts, v, nints, keep);
		}
	}

	/** numpy's masked mean of float32 data: float32 sum of the kept values divided in float64; 0 if none kept. */
	private static double clippedMean(AxisSigmaClip clip, double[] v, int n, boolean[] keep) {
		int kept = clip.clip(v, n, keep);
		if (kept == 0) return 0;
		float sum = 0f;
		for (int j = 0; j < n; j++) if (keep[j]) sum += (float) v[j];
		return (double) sum / kept;
	}

	private static void checkPlacement(Placement p, ExposureArrays b, int width, int height, int i) {
		if (p == null) return;
		boolean inScience = p.dstX >= 0 && p.dstY >= 0 && p.dstX + p.width <= width && p.dstY + p.height <= height;
		boolean inBackground = p.srcX >= 0 && p.srcY >= 0 && p.srcX + p.width <= b.width && p.srcY + p.height <= b.height;
		if (!inScience || !inBackground || p.width <= 0 || p.height <= 0) {
			throw new IllegalArgumentException("placement of background " + (i + 1) + " (" + p + ") does not fit a " + b.width + " x " + b.height
					+ " background on a " + width + " x " + height + " science grid");
		}
	}

	private static void runAll(Runnable worker, int workers) {
		org.webbsteps.step.Parallel.forEach(workers, workers, () -> null, (w, i) -> worker.run());
	}
}
