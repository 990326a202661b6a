package org.webbsteps.flicker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.webbsteps.dq.GroupFlag;
import org.webbsteps.step.Parallel;
import org.webbsteps.step.StepLog;

/**
 * Removes 1/f (flicker) noise from a rate image, a rateints cube or a ramp, as the JWST
 * {@code clean_flicker_noise} step does (its main loop and {@code _clean_one_image}). Data are
 * float32 planes, row-major ({@code index = y * width + x}), in the plane order of the FITS file:
 * for a ramp plane = group + ngroups * integration. Masks are {@code true} for usable background
 * pixels. The SCI planes are corrected in place.
 * <p>
 * Ramps are cleaned per group difference: difference j = group j+1 - group j (pixels flagged
 * DO_NOT_USE or JUMP_DET in group j+1 excluded from the fit), and the output is rebuilt by adding
 * the cleaned differences to group 0, which is never changed. Differences of one integration are
 * cleaned in parallel, one per thread; the ones left over when they do not divide evenly among the
 * threads are cleaned one at a time by all threads.
 */
public final class FlickerNoiseCleaner {

	private final FlickerParams params;
	private final int axisToCorrect;
	private final float[] flat;
	private final StepLog log;
	private final int threads;
	private final String detector;
	private final boolean allSlits;

	/** The fft fit could fit nothing (no usable pixel left in its mask): the pipeline marks the step FAILED. */
	public static final class CleaningFailedException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		CleaningFailedException(String message) {
			super(message);
		}
	}

	/**
	 * @param params normalised parameters ({@link FlickerParams#normalizedFor})
	 * @param axisToCorrect 1 = one median per column, 2 = one per row
	 * @param flat flat field (row-major, image size) to divide by before fitting, or null
	 * @param threads worker threads (at least 1)
	 */
	public FlickerNoiseCleaner(FlickerParams params, int axisToCorrect, float[] flat, StepLog log, int threads) {
		this(params, axisToCorrect, "NRS1", false, flat, log, threads);
	}

	/**
	 * @param detector DETECTOR, for the orientation of the fft fit (NRS1, else NRS2 orientation)
	 * @param allSlits SUBARRAY is ALLSLITS (other frequency bands for the fft subarray fit)
	 */
	public FlickerNoiseCleaner(FlickerParams params, int axisToCorrect, String detector, boolean allSlits, float[] flat, StepLog log, int threads) {
		this.detector = detector;
		this.allSlits = allSlits;
		this.params = params;
		this.axisToCorrect = axisToCorrect;
		this.flat = flat;
		this.log = log;
		this.threads = Math.max(1, threads);
	}

	/** The cleaned image and the background removed before the fit (flat-divided units). */
	public static final class Cleaned {
		public final float[] image;
		public final BackgroundLevel.Background background;
		/** Median stripes not yet subtracted from {@link #image} (the caller folds them into its pass), or null. */
		final MedianCleaner.Stripes pending;

		Cleaned(float[] image, BackgroundLevel.Background background) {
			this(image, background, null);
		}

		Cleaned(float[] image, BackgroundLevel.Background background, MedianCleaner.Stripes pending) {
			this.image = image;
			this.background = background;
			this.pending = pending;
		}
	}

	/** Per-thread work arrays, reused from image to image. */
	private static final class Workspace {
		final float[] image;
		final boolean[] mask;
		private org.webbsteps.stats.SortedSample.Buffers sort;
		/** Indices of the NaN pixels of the image (set to 0 and masked while cleaning). */
		int[] nan = new int[16];
		int nanCount;
		/** Whether the image has already been flat-divided and NaN-scanned (by the ramp difference). */
		boolean prepared;

		void addNan(int i) {
			if (nanCount == nan.length) nan = java.util.Arrays.copyOf(nan, 2 * nan.length);
			nan[nanCount++] = i;
		}

		/** Sorting buffers, made when first needed. */
		org.webbsteps.stats.SortedSample.Buffers sort() {
			if (sort == null) sort = new org.webbsteps.stats.SortedSample.Buffers(image.length);
			return sort;
		}

		Workspace(int n) {
			image = new float[n];
			mask = new boolean[n];
		}
	}

	private final ThreadLocal<Workspace> workspaces = new ThreadLocal<>();

	private Workspace workspace(int n) {
		Workspace w = workspaces.get();
		if (w == null || w.image.length != n) {
			w = new Workspace(n);
			workspaces.set(w);
		}
		return w;
	}

	/**
	 * Cleans one image (JWST {@code _clean_one_image}).
	 *
	 * @param input the image (not modified)
	 * @param sceneMask usable pixels (not modified)
	 * @param backgroundMethod "median", "model" or null (no background, no clipping)
	 * @return the cleaned image, or null when no usable pixel is left (the image is then skipped)
	 */
	public Cleaned cleanOne(float[] input, boolean[] sceneMask, int width, int height, String backgroundMethod) {
		return cleanCopy(input, sceneMask, width, height, backgroundMethod, threads);
	}

	private Cleaned cleanCopy(float[] input, boolean[] sceneMask, int width, int height, String backgroundMethod, int innerThreads) {
		Workspace w = workspace(width * height);
		System.arraycopy(input, 0, w.image, 0, input.length);
		System.arraycopy(sceneMask, 0, w.mask, 0, sceneMask.length);
		w.prepared = false;
		Cleaned c = cleanWorkspace(w, width, height, backgroundMethod, innerThreads, true);
		return c == null ? null : new Cleaned(c.image.clone(), c.background);
	}

	/**
	 * {@link #cleanOne} on the image and mask already in the workspace (both are overwritten); the
	 * cleaned image is returned in the workspace's image array. With {@code finish} false the
	 * background is not added back, the flat not multiplied in and the NaN pixels not restored:
	 * the caller folds that into its own pass ({@link #finish}).
	 */
	private Cleaned cleanWorkspace(Workspace w, int width, int height, String backgroundMethod, int innerThreads, boolean finish) {
		int n = width * height;
		float[] image = w.image;
		boolean[] mask = w.mask;
		if (!w.prepared) {
			if (flat != null) for (int i = 0; i < n; i++) image[i] /= flat[i];
			w.nanCount = 0;
			boolean any = false;
			for (int i = 0; i < n; i++) {
				if (Float.isNaN(image[i])) {
					w.addNan(i);
					image[i] = 0f;
					mask[i] = false;
				}
				any |= mask[i];
			}
			if (!any) return null;
		}
		BackgroundLevel.Background background = BackgroundLevel.estimate(image, mask, width, height, backgroundMethod,
				params.backgroundBoxSize, w.sort(), true, innerThreads, log);
		BackgroundClip.Bounds front = background.clip;
		// The median fit of a ramp difference with a scalar background and no flat reads the raw
		// difference: the background and both clips are applied while its lines are gathered, and
		// the caller rebuilds the group from the raw difference and the stripes.
		boolean fused = !finish && !FlickerParams.FFT.equals(params.fitMethod) && flat == null && background.image == null
				&& (front != null || backgroundMethod == null);
		if (!fused) subtract(image, mask, background);
		BackgroundClip.Bounds second = null;
		if (backgroundMethod != null && params.nSigma > 0) {
			// a scalar background maps the front clip's sorted sample monotonically: no new sample needed
			org.webbsteps.stats.SortedSample sorted = background.image == null && front != null
					? front.sample.mapped(front.keptFrom(), front.keptTo(), background.scalar) : null;
			second = BackgroundClip.bounds(image, mask, params.nSigma, params.nSigma, false, true, sorted, w.sort(), innerThreads, log);
		}
		if (fused) {
			MedianCleaner.Stripes stripes = MedianCleaner.stripes(image, mask, background.scalar, lower(front), upper(front), lower(second),
					upper(second), width, height, axisToCorrect, params.fitByChannel, innerThreads);
			return new Cleaned(image, background, stripes);
		}
		fitNoise(image, mask, second, width, height, innerThreads);
		if (finish) {
			for (int i = 0; i < n; i++) image[i] = finish(image[i], background, i);
			for (int k = 0; k < w.nanCount; k++) image[w.nan[k]] = Float.NaN;
		}
		return new Cleaned(image, background);
	}

	/** Subtracts the background from the image; applies a pending front clip to the mask in the same pass. */
	private static void subtract(float[] image, boolean[] mask, BackgroundLevel.Background background) {
		int n = image.length;
		if (background.clipPending) {
			BackgroundClip.Bounds front = background.clip;
			float b = background.scalar;
			for (int i = 0; i < n; i++) {
				float v = image[i];
				if (!front.keeps(v) && v == v) mask[i] = false;
				image[i] = v - b;
			}
		}
		else if (background.image != null) for (int i = 0; i < n; i++) image[i] -= background.image[i];
		else if (background.scalar != 0f) for (int i = 0; i < n; i++) image[i] -= background.scalar;
	}

	private static double lower(BackgroundClip.Bounds clip) {
		return clip == null ? Double.NEGATIVE_INFINITY : clip.lo;
	}

	private static double upper(BackgroundClip.Bounds clip) {
		return clip == null ? Double.POSITIVE_INFINITY : clip.hi;
	}

	/** A cleaned, background-subtracted value with its background added back and the flat multiplied in. */
	private float finish(float value, BackgroundLevel.Background background, int i) {
		float v = value + background.at(i);
		return flat != null ? v * flat[i] : v;
	}

	/**
	 * Removes the noise model from the background-subtracted image, in place (median or fft fit).
	 * {@code clip}, if not null, still has to be applied to the mask (the median fit does it while
	 * gathering its lines).
	 */
	private void fitNoise(float[] image, boolean[] mask, BackgroundClip.Bounds clip, int width, int height, int innerThreads) {
		if (!FlickerParams.FFT.equals(params.fitMethod)) {
			MedianCleaner.stripes(image, mask, 0f, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, lower(clip), upper(clip), width, height,
					axisToCorrect, params.fitByChannel, innerThreads).subtractFrom(image);
			return;
		}
		if (clip != null) clip.applyTo(image, mask);
		float[] cleaned;
		if (width == NsCleanFullFrame.SIZE && height == NsCleanFullFrame.SIZE) {
			cleaned = NsCleanFullFrame.clean(image, mask, width, height, detector, NsCleanCentring.CENTRED, innerThreads);
		}
		else {
			NsCleanSubarray.Options o = NsCleanSubarray.Options.defaults();
			if (allSlits) o = o.allSlits();
			cleaned = NsCleanSubarray.clean(image, mask, width, height, detector, o.withThreads(innerThreads), log);
		}
		if (cleaned == null) throw new CleaningFailedException("No good pixels in the mask for the fft fit");
		System.arraycopy(cleaned, 0, image, 0, image.length);
	}

	/**
	 * Cleans planes independently, in place: a 2-D rate, the integrations of a rateints cube, or
	 * (with a median image) every group of a ramp.
	 *
	 * @param sci planes, plane = group + perInt * integration
	 * @param perInt planes per integration (1 for rates and rateints, ngroups for a ramp)
	 * @param masks one mask for all planes, or one per integration
	 * @param medianImage per-integration images to subtract before and add after the fit
	 *            ({@code median_image} background), or null
	 * @param backgroundOut planes receiving the background removed (may be null)
	 */
	public void cleanPlanes(float[][] sci, int perInt, int width, int height, boolean[][] masks, float[][] medianImage, float[][] backgroundOut) {
		int nplanes = sci.length;
		runInOrder(nplanes, i -> {
			float[] image = sci[i];
			if (medianImage != null) {
				image = image.clone();
				for (int k = 0; k < image.length; k++) image[k] -= medianImage[i][k];
			}
			return cleanCopy(image, masks[masks.length == 1 ? 0 : i / perInt], width, height, medianImage != null ? null : params.backgroundMethod,
					nplanes == 1 ? threads : 1);
		}, (i, c) -> {
			log.progress(i + 1, nplanes);
			if (c == null) {
				log.warn("No usable data in integration " + i / perInt + (perInt > 1 ? ", group " + i % perInt : "")
						+ ". Skipping correction for this image.");
				return;
			}
			float[] out = sci[i];
			for (int k = 0; k < out.length; k++) out[k] = medianImage != null ? medianImage[i][k] + c.image[k] : c.image[k];
			if (backgroundOut != null) backgroundOut[i] = medianImage != null ? medianImage[i].clone() : c.background.toImage(out.length);
		});
	}

	/**
	 * Cleans a ramp in place, difference by difference.
	 *
	 * @param sci planes, plane = group + ngroups * integration
	 * @param groupDq GROUPDQ planes (uint8) in the same order, or null
	 * @param masks one mask for all integrations, or one per integration
	 * @param backgroundOut planes receiving the background of difference j at group j+1 (group 0
	 *            stays 0), or null
	 */
	public void cleanRamp(float[][] sci, byte[][] groupDq, int width, int height, int ngroups, int nints, boolean[][] masks,
			float[][] backgroundOut) {
		int nd = ngroups - 1;
		if (nd < 1) {
			log.info("Only one group per integration: there are no group differences to clean.");
			return;
		}
		// Differences are cleaned in a pipeline, one per thread; those left over when they do not
		// divide evenly among the threads are then cleaned one after the other, each by all threads.
		int pipelined = threads == 1 ? 0 : nd - nd % threads;
		Workspace[] pair = new Workspace[2];
		for (int integ = 0; integ < nints; integ++) {
			Difference[] d = new Difference[nd];
			for (int j = 0; j < nd; j++) d[j] = new Difference(integ, j, sci, groupDq, width, height, ngroups, nints,
					masks[masks.length == 1 ? 0 : integ], backgroundOut);
			// a difference is formed before group j+1 is overwritten by the result of difference j
			if (pipelined < nd) d[pipelined].form(sequentialWorkspace(pair, 0, width * height));
			if (pipelined > 0) {
				for (int j = 0; j < pipelined; j++) {
					if (j + 1 < nd) d[j].next = d[j + 1];
					if (j > 0) d[j].previous = d[j - 1];
				}
				runAll(java.util.Arrays.copyOf(d, pipelined));
			}
			for (int j = pipelined; j < nd; j++) {
				log.checkCanceled();
				Workspace w = sequentialWorkspace(pair, j - pipelined, width * height);
				d[j].clean(w, threads);
				if (j + 1 < nd) d[j + 1].form(sequentialWorkspace(pair, j + 1 - pipelined, width * height));
				d[j].apply(w, threads);
			}
		}
	}

	/** Workspace {@code k % 2} of the differences cleaned one after the other (made when first needed). */
	private static Workspace sequentialWorkspace(Workspace[] pair, int k, int pixels) {
		if (pair[k % 2] == null) pair[k % 2] = new Workspace(pixels);
		return pair[k % 2];
	}

	/**
	 * One group difference of a ramp: formed from groups j and j+1, cleaned, then written back as
	 * group j+1 = (cleaned) group j + cleaned difference. Group j+1 may only be overwritten once the
	 * next difference has been formed from it, and only after group j holds its final value.
	 */
	private final class Difference implements java.util.concurrent.Callable<Void> {
		final int integ, j, base, nd, total;
		final float[][] sci;
		final byte[] groupDq;
		final int width, height;
		final boolean[] scene;
		final float[][] backgroundOut;
		final CountDownLatch formed = new CountDownLatch(1);
		final CountDownLatch applied = new CountDownLatch(1);
		Difference previous, next;
		boolean skipped;
		BackgroundLevel.Background background;
		MedianCleaner.Stripes pending;

		Difference(int integ, int j, float[][] sci, byte[][] groupDq, int width, int height, int ngroups, int nints, boolean[] scene,
				float[][] backgroundOut) {
			this.integ = integ;
			this.j = j;
			this.base = integ * ngroups;
			this.nd = ngroups - 1;
			this.total = nints * nd;
			this.sci = sci;
			this.groupDq = groupDq == null ? null : groupDq[base + j + 1];
			this.width = width;
			this.height = height;
			this.scene = scene;
			this.backgroundOut = backgroundOut;
		}

		@Override
		public Void call() {
			log.checkCanceled();
			Workspace w = workspace(width * height);
			form(w);
			clean(w, 1);
			if (previous != null) await(previous.applied);
			if (next != null) await(next.formed);
			apply(w, 1);
			return null;
		}

		/** Difference and mask into the workspace; a difference without usable pixel is marked skipped. */
		void form(Workspace w) {
			int unusable = GroupFlag.DO_NOT_USE.value() | GroupFlag.JUMP_DET.value();
			float[] a = sci[base + j];
			float[] b = sci[base + j + 1];
			boolean any = false;
			boolean prepare = flat == null; // without a flat the NaN scan of the cleaning happens here
			w.nanCount = 0;
			for (int k = 0; k < a.length; k++) {
				float v = b[k] - a[k];
				boolean m = scene[k] && (groupDq == null || (groupDq[k] & unusable) == 0);
				if (v != v) {
					m = false;
					if (prepare) {
						w.addNan(k);
						v = 0f;
					}
				}
				w.image[k] = v;
				w.mask[k] = m;
				any |= m;
			}
			w.prepared = prepare;
			skipped = !any;
			formed.countDown();
		}

		/** Cleans the difference in the workspace on {@code innerThreads} threads. */
		void clean(Workspace w, int innerThreads) {
			if (skipped) return; // the raw difference stays in the workspace and carries the earlier corrections on
			Cleaned c = cleanWorkspace(w, width, height, params.backgroundMethod, innerThreads, false);
			if (c == null) throw new IllegalStateException("difference " + j + " lost its usable pixels in the flat division");
			background = c.background;
			pending = c.pending;
		}

		/** Group j+1 = group j + cleaned difference (background, flat and NaN folded in here). */
		void apply(Workspace w, int innerThreads) {
			float[] prev = sci[base + j];
			float[] out = sci[base + j + 1];
			float[] d = w.image;
			if (skipped) for (int k = 0; k < out.length; k++) out[k] = prev[k] + d[k];
			else if (pending != null) {
				int rows = 64;
				Parallel.forEach((height + rows - 1) / rows, innerThreads, () -> null,
						(none, t) -> pending.addCleaned(prev, d, out, t * rows, Math.min(height, (t + 1) * rows)));
			}
			else if (background.image == null && flat == null) {
				float bkg = background.scalar;
				for (int k = 0; k < out.length; k++) out[k] = prev[k] + (d[k] + bkg);
			}
			else for (int k = 0; k < out.length; k++) out[k] = prev[k] + finish(d[k], background, k);
			for (int k = 0; k < w.nanCount; k++) out[w.nan[k]] = Float.NaN;
			if (skipped) log.warn("No usable data in integration " + integ + ", group " + (j + 1) + ". Skipping correction for this image.");
			else if (backgroundOut != null) backgroundOut[base + j + 1] = background.toImage(out.length);
			log.progress((long) integ * nd + j + 1, total); // before releasing the next difference: progress stays in order
			applied.countDown();
		}
	}

	/** Runs the differences of one integration on the worker threads; rethrows the first failure; polls for cancellation. */
	private void runAll(Difference[] d) {
		ExecutorService pool = pool(d.length);
		try {
			java.util.List<Future<Void>> futures = new java.util.ArrayList<>();
			for (Difference x : d) futures.add(pool.submit(x));
			for (Future<Void> f : futures) result(f);
		}
		finally {
			pool.shutdownNow();
		}
	}

	// -- Helper methods --

	private interface Task {
		Cleaned run(int index);
	}

	private interface Apply {
		void accept(int index, Cleaned result);
	}

	/**
	 * Runs {@code task(0..n-1)} on the worker threads (a window of a few tasks ahead) and applies
	 * the results in index order on the calling thread; polls for cancellation between tasks.
	 */
	private void runInOrder(int n, Task task, Apply apply) {
		if (n == 1) {
			log.checkCanceled();
			apply.accept(0, task.run(0));
			return;
		}
		ExecutorService pool = pool(n);
		try {
			Deque<Future<Cleaned>> window = new ArrayDeque<>();
			int next = 0;
			int ahead = threads + 1;
			for (int i = 0; i < n; i++) {
				while (next < n && next < i + ahead) {
					final int k = next++;
					window.addLast(pool.submit(() -> task.run(k)));
				}
				apply.accept(i, result(window.removeFirst()));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Daemon worker threads, at most one per task. */
	private ExecutorService pool(int tasks) {
		return Executors.newFixedThreadPool(Math.min(threads, tasks), r -> {
			Thread t = new Thread(r, "webbsteps-flicker");
			t.setDaemon(true);
			return t;
		});
	}

	/** A task's result; polls for cancellation while waiting and rethrows the task's failure. */
	private <T> T result(Future<T> f) {
		while (true) {
			log.checkCanceled();
			try {
				return f.get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.TimeoutException e) {
				// poll cancellation again
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new StepLog.CanceledException();
			}
			catch (ExecutionException e) {
				Throwable c = e.getCause();
				if (c instanceof RuntimeException) throw (RuntimeException) c;
				if (c instanceof Error) throw (Error) c;
				throw new IllegalStateException(c);
			}
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new StepLog.CanceledException();
		}
	}
}
