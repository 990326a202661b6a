package org.webbsteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;
import org.webbsteps.io.FitsFile;
import org.webbsteps.io.Hdu;
import org.webbsteps.io.ImageArray;

/**
 * Reading the golden reference cases (bundled in test-data/golden, or the team's shared set when
 * present) and comparing arrays with the case tolerances.
 */
public final class Golden {

	private Golden() {
	}

	/** A bundled case folder. */
	public static Path bundled(String caseName) {
		return TestData.DIR.resolve("golden").resolve(caseName);
	}

	/** A case from the shared set; the calling test is skipped when the shared set is absent. */
	public static Path shared(String caseName) {
		Path p = Paths.get("..", "shared", "golden", caseName);
		Assumptions.assumeTrue(Files.isDirectory(p), "shared golden case " + caseName + " not present");
		return p;
	}

	/** All planes of an extension as float32, concatenated (row-major per plane). */
	public static float[] floats(Path file, String extname) {
		try (FitsFile f = FitsFile.open(file)) {
			Hdu h = f.find(extname, 1);
			if (h == null) throw new AssertionError(file + " has no " + extname);
			ImageArray a = f.readImage(h);
			int size = a.width() * a.height();
			float[] out = new float[size * a.planeCount()];
			for (int p = 0; p < a.planeCount(); p++) System.arraycopy(a.floatPlane(p), 0, out, p * size, size);
			return out;
		}
	}

	/** Dims (FITS order) of an extension. */
	public static long[] dims(Path file, String extname) {
		try (FitsFile f = FitsFile.open(file)) {
			return f.find(extname, 1).dims();
		}
	}

	/** A mask (non-zero = true) from any numeric extension. */
	public static boolean[] mask(Path file, String extname) {
		float[] v = floats(file, extname);
		boolean[] m = new boolean[v.length];
		for (int i = 0; i < v.length; i++) m[i] = v[i] != 0; // NaN counts as true, as numpy's bool cast
		return m;
	}

	/**
	 * The golden "allclose": NaN positions agree; at most {@code maxFracOver} of the pixels exceed
	 * {@code atol + rtol*|ref|}; none exceeds {@code atolHard} (when positive).
	 *
	 * @return the largest |difference| seen
	 */
	public static double assertAllClose(String what, float[] ref, float[] got, double atol, double rtol, double maxFracOver, double atolHard) {
		assertEquals(ref.length, got.length, what + ": size");
		int over = 0;
		double worst = 0;
		int worstAt = -1;
		for (int i = 0; i < ref.length; i++) {
			boolean nr = Float.isNaN(ref[i]);
			boolean ng = Float.isNaN(got[i]);
			if (nr != ng) throw new AssertionError(what + ": NaN differs at index " + i + " (ref " + ref[i] + ", got " + got[i] + ")");
			if (nr) continue;
			double d = Math.abs((double) got[i] - ref[i]);
			if (d > worst) {
				worst = d;
				worstAt = i;
			}
			if (d > atol + rtol * Math.abs(ref[i])) over++;
			if (atolHard > 0) assertTrue(d <= atolHard, what + ": |diff| " + d + " > " + atolHard + " at " + i);
		}
		assertTrue(over <= maxFracOver * ref.length, what + ": " + over + " pixels over tolerance (max |diff| " + worst + " at " + worstAt + ")");
		return worst;
	}

	/** Exact strict closeness (no pixel over). */
	public static double assertAllClose(String what, float[] ref, float[] got, double atol, double rtol) {
		return assertAllClose(what, ref, got, atol, rtol, 0, 0);
	}

	/** Masks agree except at most {@code maxMismatchFrac} of the pixels. */
	public static void assertMask(String what, boolean[] ref, boolean[] got, double maxMismatchFrac) {
		assertEquals(ref.length, got.length, what + ": size");
		int diff = 0;
		int first = -1;
		for (int i = 0; i < ref.length; i++) {
			if (ref[i] != got[i]) {
				if (first < 0) first = i;
				diff++;
			}
		}
		assertTrue(diff <= maxMismatchFrac * ref.length, what + ": " + diff + " mask pixels differ (first at " + first + ")");
	}
}
