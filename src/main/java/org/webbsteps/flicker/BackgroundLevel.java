package org.webbsteps.flicker;

import java.util.Arrays;

import org.webbsteps.step.StepLog;

/**
 * The background removed before the noise fit ({@code background_level}): none (0), the median of
 * the usable pixels, or a smooth Background2D model. Before estimating, the usable pixels are
 * clipped at 3 sigma on both sides with a lower-half sigma (mask updated in place).
 */
public final class BackgroundLevel {

	private BackgroundLevel() {
	}

	/** A background: a scalar, or an image (row-major float32) when {@link #image} is not null. */
	public static final class Background {
		public final float scalar;
		public final float[] image;
		/** The front clip's bounds (null for no background): its sample lets callers avoid re-sorting. */
		final BackgroundClip.Bounds clip;
		/** Whether the front clip still has to be applied to the mask (see the deferring estimate). */
		final boolean clipPending;

		Background(float scalar, float[] image, BackgroundClip.Bounds clip) {
			this(scalar, image, clip, false);
		}

		Background(float scalar, float[] image, BackgroundClip.Bounds clip, boolean clipPending) {
			this.scalar = scalar;
			this.image = image;
			this.clip = clip;
			this.clipPending = clipPending;
		}

		/** The background at pixel i. */
		public float at(int i) {
			return image != null ? image[i] : scalar;
		}

		/** The background as a full image. */
		public float[] toImage(int pixels) {
			if (image != null) return image;
			float[] out = new float[pixels];
			Arrays.fill(out, scalar);
			return out;
		}
	}

	/** No background (method None). */
	public static final Background NONE = new Background(0f, null, null);

	/**
	 * @param method "median" or "model" (null: {@link #NONE} without any clipping)
	 * @param boxSize (ny, nx) for the model, or null for the largest divisor up to 32 per axis
	 */
	public static Background estimate(float[] image, boolean[] mask, int width, int height, String method, int[] boxSize, StepLog log) {
		return estimate(image, mask, width, height, method, boxSize, null, false, 1, log);
	}

	/**
	 * As above, sorting in the given work buffers (may be null) on {@code threads} threads. With
	 * {@code deferMask} a median background leaves the front clip to the caller
	 * ({@link Background#clipPending}), which folds it into a pass of its own.
	 */
	static Background estimate(float[] image, boolean[] mask, int width, int height, String method, int[] boxSize,
			org.webbsteps.stats.SortedSample.Buffers buffers, boolean deferMask, int threads, StepLog log) {
		if (method == null) return NONE;
		BackgroundClip.Bounds clip = BackgroundClip.bounds(image, mask, 3, 3, false, true, null, buffers, threads, log);
		boolean median = !FlickerParams.MODEL.equals(method);
		if (clip != null && !(median && deferMask)) clip.applyTo(image, mask);
		if (!median) {
			int by = boxSize != null ? boxSize[0] : Background2D.defaultBoxSize(height);
			int bx = boxSize != null ? boxSize[1] : Background2D.defaultBoxSize(width);
			if (height % by != 0 || width % bx != 0) {
				log.warn("Background box size [" + by + ", " + bx + "] does not divide evenly into the image shape [" + height + ", " + width + "]");
			}
			try {
				return new Background(0f, Background2D.model(image, mask, width, height, by, bx), clip);
			}
			catch (Background2D.FitFailedException e) {
				log.warn("Background fit failed, using median value (" + e.getMessage() + ")");
			}
		}
		float level = clip == null ? Float.NaN : clip.sample.floatMedian(clip.keptFrom(), clip.keptTo());
		return new Background(level, null, clip, clip != null && median && deferMask);
	}

}
