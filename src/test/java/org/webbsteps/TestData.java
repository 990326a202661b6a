package org.webbsteps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.FitsWriter;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;

/** Where the test files are, and small synthetic JWST products written with our own writer. */
public final class TestData {

	/** The project's bundled test data. */
	public static final Path DIR = Paths.get("test-data");
	/** The team's shared data (absent on a bare clone; tests using it skip themselves). */
	public static final Path SHARED = Paths.get("..", "shared", "test-data");

	private TestData() {
	}

	/** The bundled real products (FITS and .fits.gz at the top of test-data/). */
	public static List<Path> bundledProducts() throws IOException {
		try (Stream<Path> s = Files.list(DIR)) {
			return s.filter(p -> p.toString().endsWith(".fits") || p.toString().endsWith(".fits.gz")).sorted()
					.collect(Collectors.toList());
		}
	}

	/** The bad-input corpus. */
	public static List<Path> badFiles() throws IOException {
		try (Stream<Path> s = Files.list(DIR.resolve("bad"))) {
			return s.filter(p -> !p.toString().endsWith(".py")).sorted().collect(Collectors.toList());
		}
	}

	/** The plugin's class path without ImageJ itself and the test tools, as the batch launcher expects. */
	public static List<java.io.File> pluginClasspath() {
		List<java.io.File> plugins = new ArrayList<>();
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		for (String entry : cp.split(java.io.File.pathSeparator)) {
			String name = new java.io.File(entry).getName();
			if (entry.isEmpty() || name.startsWith("ij-1") || name.startsWith("ij1-patcher") || name.startsWith("javassist")
					|| name.startsWith("classgraph") || name.startsWith("junit") || name.startsWith("opentest4j")
					|| name.startsWith("apiguardian") || name.equals("test-classes")) continue;
			plugins.add(new java.io.File(entry));
		}
		return plugins;
	}

	/**
	 * Writes a ramp product: primary (NIRCam-like facts), SCI float32 (nints, ngroups, ny, nx)
	 * with seeded values, PIXELDQ uint32 and GROUPDQ uint8 with the given extreme values in the
	 * first pixels.
	 */
	public static void writeRamp(Path path, int nx, int ny, int ngroups, int nints, long seed) {
		Random r = new Random(seed);
		long[] dims = { nx, ny, ngroups, nints };
		ImageArray sci = ImageArray.zeros(PixelType.FLOAT32, dims);
		for (Object p : sci.planes()) {
			float[] f = (float[]) p;
			for (int i = 0; i < f.length; i++) f[i] = (float) (r.nextGaussian() * 10 + 1000);
		}
		ImageArray pixeldq = ImageArray.zeros(PixelType.UINT32, nx, ny);
		int[] dq = (int[]) pixeldq.plane(0);
		int[] extremes = { 0, 1, 0x80000000, 0xFFFFFFFF, 0x80000001, 0x7FFFFFFF, 1 << 29 };
		System.arraycopy(extremes, 0, dq, 0, Math.min(extremes.length, dq.length));
		ImageArray groupdq = ImageArray.zeros(PixelType.UINT8, dims);
		byte[] g = (byte[]) groupdq.plane(0);
		byte[] gx = { 0, 1, 4, (byte) 128, (byte) 255, 2 };
		System.arraycopy(gx, 0, g, 0, Math.min(gx.length, g.length));
		FitsHeader primary = FitsHeader.newPrimary();
		primary.set("TELESCOP", "JWST", "");
		primary.set("INSTRUME", "NIRCAM", "");
		primary.set("DETECTOR", "NRCA1", "");
		primary.set("EXP_TYPE", "NRC_IMAGE", "");
		primary.set("SUBARRAY", "SUB160", "");
		primary.set("FASTAXIS", -1, "");
		primary.set("SLOWAXIS", 2, "");
		primary.set("NINTS", nints, "");
		primary.set("NGROUPS", ngroups, "");
		primary.set("DATAMODL", "RampModel", "");
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("SCI", PixelType.FLOAT32, dims), sci));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("PIXELDQ", PixelType.UINT32, new long[] { nx, ny }), pixeldq));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("GROUPDQ", PixelType.UINT8, dims), groupdq));
		FitsWriter.write(path, parts);
	}
}
