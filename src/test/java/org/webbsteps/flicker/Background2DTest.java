package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Background2D on tiny images whose box statistics are known by construction. */
class Background2DTest {

	@Test
	void defaultBoxSizeIsTheLargestDivisorUpTo32() {
		int[][] cases = { { 2048, 32 }, { 1032, 24 }, { 2040, 30 }, { 256, 32 }, { 100, 25 }, { 96, 32 }, { 20, 20 },
				{ 1, 1 }, { 31, 31 }, { 37, 1 }, { 64, 32 } };
		for (int[] c : cases) assertEquals(c[1], Background2D.defaultBoxSize(c[0]), "n = " + c[0]);
		assertThrows(IllegalArgumentException.class, () -> Background2D.defaultBoxSize(0));
	}

	@Test
	void constantImageGivesConstantModel() {
		int w = 37;
		int h = 23;
		float[] image = filled(w * h, 7.25f);
		boolean[] usable = filled(w * h, true);
		usable[5] = false;
		image[6] = Float.NaN;
		float[] model = Background2D.model(image, usable, w, h, 8, 10);
		for (float v : model) assertEquals(7.25f, v);
	}

	@Test
	void boxLargerThanImageIsClampedToOneBox() {
		int w = 5;
		int h = 7;
		float[] image = new float[w * h];
		for (int i = 0; i < image.length; i++) image[i] = i % 5;
		image[3] = 1000;
		float[] model = Background2D.model(image, filled(w * h, true), w, h, 100, 100);
		for (float v : model) assertEquals(2f, v);
	}

	@Test
	void boxWithTooManyExcludedPixelsIsRejectedAndFilledByInverseDistance() {
		// 2 x 3 boxes of 10 x 10 pixels, each box constant; box (1, 1) loses 10 of its 100 pixels.
		float[] levels = { 1, 2, 4, 8, 16, 32 };
		int w = 30;
		int h = 20;
		float[] image = boxImage(levels, 2, 3, 10, 10);
		boolean[] usable = filled(w * h, true);
		for (int x = 10; x < 20; x++) usable[15 * w + x] = false;
		float[] mesh = Background2D.boxMedians(image, usable, w, h, 10, 10, 2, 3);
		assertTrue(Float.isNaN(mesh[4]), "ngood = 90 = 0.9 * 100 is rejected");
		assertEquals(2f, mesh[1]);

		Background2D.fillRejected(mesh, 2, 3);
		double s2 = Math.sqrt(2);
		double wSum = 1 + 1 + 1 + 1 / s2 + 1 / s2;
		double expected = (8 + 2 + 32 + 1 / s2 + 4 / s2) / wSum;
		assertEquals(expected, mesh[4], 1e-6);

		usable[15 * w + 10] = true;
		assertEquals(16f, Background2D.boxMedians(image, usable, w, h, 10, 10, 2, 3)[4], "ngood = 91 is kept");
	}

	@Test
	void partialEdgeBoxesAreJudgedAgainstTheFullBoxArea() {
		int h = 10;
		// width 25 with 10-wide boxes: the last box has 5 columns (50 % of a box) and is rejected
		float[] mesh = Background2D.boxMedians(filled(25 * h, 3f), filled(25 * h, true), 25, h, 10, 10, 1, 3);
		assertEquals(3f, mesh[0]);
		assertEquals(3f, mesh[1]);
		assertTrue(Float.isNaN(mesh[2]));
		// width 29: 9 columns = 90 % of a box, still rejected (ngood <= 0.9 * area)
		mesh = Background2D.boxMedians(filled(29 * h, 3f), filled(29 * h, true), 29, h, 10, 10, 1, 3);
		assertTrue(Float.isNaN(mesh[2]));
		// width 39 with 20-wide boxes: 19 columns = 95 % of a box, kept
		mesh = Background2D.boxMedians(filled(39 * h, 3f), filled(39 * h, true), 39, h, 10, 20, 1, 2);
		assertEquals(3f, mesh[1]);

		float[] image = new float[25 * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < 25; x++) image[y * 25 + x] = x < 10 ? 1 : x < 20 ? 2 : 50;
		}
		float[] model = Background2D.model(image, filled(25 * h, true), 25, h, 10, 10);
		for (float v : model) assertTrue(v >= 1 && v <= 2, "the edge box level 50 never enters: " + v);
	}

	@Test
	void everythingExcludedFails() {
		int w = 8;
		int h = 6;
		assertThrows(Background2D.FitFailedException.class,
				() -> Background2D.model(filled(w * h, 1f), new boolean[w * h], w, h, 3, 4));
		assertThrows(Background2D.FitFailedException.class,
				() -> Background2D.model(filled(w * h, Float.NaN), filled(w * h, true), w, h, 3, 4));
		boolean[] half = new boolean[w * h];
		for (int i = 0; i < half.length; i += 2) half[i] = true;
		assertThrows(Background2D.FitFailedException.class,
				() -> Background2D.model(filled(w * h, 1f), half, w, h, 3, 4), "every box rejected");
	}

	@Test
	void smoothGradientStaysWithinTheMeshRangeAndInterpolatesAtBoxCentres() {
		int w = 50;
		int h = 45;
		float[] image = new float[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) image[y * w + x] = (float) (10 + 0.3 * x + 0.002 * y * y);
		}
		boolean[] usable = filled(w * h, true);
		float[] model = Background2D.model(image, usable, w, h, 5, 5);
		float[] mesh = Background2D.medianFilter(Background2D.boxMedians(image, usable, w, h, 5, 5, 9, 10), 9, 10);
		float lo = Float.POSITIVE_INFINITY;
		float hi = Float.NEGATIVE_INFINITY;
		for (float v : mesh) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		for (float v : model) assertTrue(v >= lo && v <= hi, v + " outside [" + lo + ", " + hi + "]");
		// with odd boxes the centre pixel of box (r, c) sits exactly on mesh node (r, c)
		for (int r = 0; r < 9; r++) {
			for (int c = 0; c < 10; c++) assertEquals(mesh[r * 10 + c], model[(5 * r + 2) * w + 5 * c + 2], 2e-5);
		}
	}

	@Test
	void nonFinitePixelsAreExcluded() {
		int w = 40;
		int h = 30;
		Random rnd = new Random(3);
		float[] image = new float[w * h];
		for (int i = 0; i < image.length; i++) image[i] = (float) (100 + 0.1 * (i % w) + rnd.nextGaussian());
		boolean[] usable = filled(w * h, true);
		float[] withBad = image.clone();
		boolean[] masked = usable.clone();
		for (int i = 0; i < image.length; i += 23) {
			withBad[i] = i % 3 == 0 ? Float.NaN : i % 3 == 1 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
			masked[i] = false;
		}
		float[] a = Background2D.model(withBad, usable, w, h, 10, 8);
		float[] b = Background2D.model(image, masked, w, h, 10, 8);
		assertArrayEquals(b, a);
		for (float v : a) assertTrue(Float.isFinite(v));
	}

	@Test
	void inputsAreNotModified() {
		int w = 20;
		int h = 16;
		Random rnd = new Random(5);
		float[] image = new float[w * h];
		boolean[] usable = new boolean[w * h];
		for (int i = 0; i < image.length; i++) {
			image[i] = (float) rnd.nextGaussian();
			usable[i] = rnd.nextDouble() > 0.05;
		}
		float[] imageCopy = image.clone();
		boolean[] usableCopy = usable.clone();
		Background2D.model(image, usable, w, h, 4, 5);
		assertArrayEquals(imageCopy, image);
		assertArrayEquals(usableCopy, usable);
	}

	@Test
	void badArgumentsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> Background2D.model(new float[6], new boolean[6], 2, 2, 1, 1));
		assertThrows(IllegalArgumentException.class, () -> Background2D.model(new float[4], new boolean[4], 2, 2, 0, 1));
	}

	@Test
	void prefilterMatchesScipyReflectIncludingItsInitialisation() {
		// scipy 1.17.1 ndimage.spline_filter1d(a, 3, mode='reflect')
		assertPrefilter(new double[] { 1, 1 }, 1.0006319511430843, 0.9998736097713832);
		assertPrefilter(new double[] { 1, 2, 4, 3 }, 0.892846188587224, 1.5357172171386302, 4.9642849428582565,
				2.607143011428349);
		assertPrefilter(new double[] { 5, 1, 2, 8, 3, 3, 7, 0, 4 }, 6.004661487213191, -0.02330743617579994,
				0.08856825749000921, 11.669034406215765, 1.2352941176469396, 1.3897891231964814, 11.205549389567139,
				-4.211986681465037, 5.642397336293007);
	}

	@Test
	void neighbourTreeBreaksTiesLikeScipy() {
		// 8 x 16 mesh with row 4 rejected (as in golden case p20); scipy cKDTree(leafsize=10).query(k=10)
		int nx = 16;
		double[] y = new double[7 * nx];
		double[] x = new double[7 * nx];
		int k = 0;
		for (int r = 0; r < 8; r++) {
			if (r == 4) continue;
			for (int c = 0; c < nx; c++) {
				y[k] = r;
				x[k++] = c;
			}
		}
		Background2D.NeighbourTree tree = new Background2D.NeighbourTree(y, x);
		assertNeighbours(tree, 4, 1, 32, 33, 48, 49, 50, 64, 65, 66, 67, 81);
		assertNeighbours(tree, 4, 7, 39, 54, 55, 56, 57, 70, 71, 72, 73, 87);
		assertNeighbours(tree, 4, 14, 46, 60, 61, 62, 63, 76, 77, 78, 79, 94);
	}

	@Test
	void neighbourTreeReturnsAllPointsWhenFewerThanK() {
		Background2D.NeighbourTree tree = new Background2D.NeighbourTree(new double[] { 0, 0, 2 }, new double[] { 0, 3, 1 });
		int[] idx = new int[10];
		double[] dist = new double[10];
		assertEquals(3, tree.nearest(1, 1, 10, idx, dist));
		assertEquals(1, dist[0], 0);
		assertEquals(Math.sqrt(2), dist[1], 0);
		assertEquals(Math.sqrt(5), dist[2], 0);
		assertArrayEquals(new int[] { 2, 0, 1 }, Arrays.copyOf(idx, 3));
	}

	// -- Helpers --

	private static void assertPrefilter(double[] samples, double... expected) {
		double[] c = samples.clone();
		Background2D.prefilter(c, c.length);
		assertArrayEquals(expected, c, 1e-13);
	}

	private static void assertNeighbours(Background2D.NeighbourTree tree, int y, int x, int... expected) {
		int[] idx = new int[10];
		double[] dist = new double[10];
		assertEquals(10, tree.nearest(y, x, 10, idx, dist));
		Arrays.sort(idx);
		assertArrayEquals(expected, idx, "neighbours of (" + y + ", " + x + ")");
		assertFalse(dist[9] < dist[8]);
	}

	/** An image of ny x nx boxes of by x bx pixels, box (r, c) at level levels[r * nx + c]. */
	private static float[] boxImage(float[] levels, int ny, int nx, int by, int bx) {
		int w = nx * bx;
		float[] image = new float[ny * by * w];
		for (int y = 0; y < ny * by; y++) {
			for (int x = 0; x < w; x++) image[y * w + x] = levels[(y / by) * nx + x / bx];
		}
		return image;
	}

	private static float[] filled(int n, float v) {
		float[] a = new float[n];
		Arrays.fill(a, v);
		return a;
	}

	private static boolean[] filled(int n, boolean v) {
		boolean[] a = new boolean[n];
		Arrays.fill(a, v);
		return a;
	}
}
