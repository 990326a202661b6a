package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.webbsteps.io.FitsFile;
import org.webbsteps.io.Hdu;
import org.webbsteps.io.ImageArray;

/**
 * Parity with the reference {@code background_level(..., 'model')} of golden case p20 (NIRSpec NRS1,
 * 256 x 512, photutils Background2D). The reference BACKGROUND was computed on the input image with
 * the mask after background_level's in-place lower-half clip; that mask is the MASK HDU of the same
 * file (1 = usable), so the model of (image, MASK) must equal BACKGROUND within
 * |diff| <= 1e-4 + 1e-5 |ref| on every pixel.
 */
class Background2DGoldenTest {

	private static final Path CASE = Paths.get("test-data/golden/p20_background_level");
	private static final double ATOL = 1e-4;
	private static final double RTOL = 1e-5;

	@Test
	void defaultBoxMatchesReference() {
		ImageArray image = read(CASE.resolve("input_image.fits.gz"), "SCI");
		int by = Background2D.defaultBoxSize(image.height());
		int bx = Background2D.defaultBoxSize(image.width());
		assertEquals(32, by);
		assertEquals(32, bx);
		compare(image, CASE.resolve("ref_model_default.fits.gz"), by, bx);
	}

	@Test
	void nonDividingBoxMatchesReference() {
		compare(read(CASE.resolve("input_image.fits.gz"), "SCI"), CASE.resolve("ref_model_box_24x40.fits.gz"), 24, 40);
	}

	private static void compare(ImageArray image, Path ref, int by, int bx) {
		float[] mask = read(ref, "MASK").floatPlane(0);
		float[] expected = read(ref, "BACKGROUND").floatPlane(0);
		assertEquals(mask.length, expected.length);
		boolean[] usable = new boolean[mask.length];
		for (int i = 0; i < mask.length; i++) usable[i] = mask[i] != 0;
		float[] actual = Background2D.model(image.floatPlane(0), usable, image.width(), image.height(), by, bx);
		assertEquals(expected.length, actual.length);
		double maxDiff = 0;
		int over = 0;
		int identical = 0;
		for (int i = 0; i < expected.length; i++) {
			if (Float.floatToIntBits(actual[i]) == Float.floatToIntBits(expected[i])) identical++;
			double d = Math.abs((double) actual[i] - expected[i]);
			maxDiff = Math.max(maxDiff, d);
			if (!(d <= ATOL + RTOL * Math.abs(expected[i]))) over++;
		}
		System.out.printf("p20 %s, box %d x %d: max |diff| = %.3g, %d of %d pixels bit-identical, %d over tolerance%n",
				ref.getFileName(), by, bx, maxDiff, identical, expected.length, over);
		assertEquals(0, over, "pixels over |diff| <= 1e-4 + 1e-5 |ref|; max |diff| " + maxDiff);
	}

	private static ImageArray read(Path file, String extname) {
		try (FitsFile f = FitsFile.open(file)) {
			Hdu h = f.find(extname, 1);
			assertNotNull(h, file + " has no " + extname);
			return f.readImage(h);
		}
	}
}
