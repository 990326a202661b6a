package org.webbsteps.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.FitsWriter;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;

/**
 * Seeded synthetic JWST-like ramps for benchmarks and tests: white read noise, correlated noise
 * along the readout (a sum of three AR(1) processes in pixel-time order, 12 overhead ticks per
 * line, approximating 1/f), and a scene (Gaussian sources and horizontal spectral traces) that
 * accumulates over the groups.
 */
public final class SyntheticRamp {

	private SyntheticRamp() {
	}

	/**
	 * Writes a ramp product.
	 *
	 * @param slowAxis JWST SLOWAXIS: 1 (NIRSpec-like, readout lines are columns) or 2 (NIRCam-like, lines are rows)
	 */
	public static void write(Path path, int nx, int ny, int ngroups, int nints, int slowAxis, String instrument, String detector,
			String expType, String subarray, long seed) {
		Random r = new Random(seed);
		long[] dims = { nx, ny, ngroups, nints };
		ImageArray sci = ImageArray.zeros(PixelType.FLOAT32, dims);
		float[] scene = scene(nx, ny, r);
		int lineLength = slowAxis == 1 ? ny : nx; // pixels read along the fast direction
		int lines = slowAxis == 1 ? nx : ny;
		for (int i = 0; i < nints; i++) {
			for (int g = 0; g < ngroups; g++) {
				float[] plane = (float[]) sci.plane(g + ngroups * i);
				double a1 = 0, a2 = 0, a3 = 0;
				for (int line = 0; line < lines; line++) {
					for (int k = 0; k < lineLength + 12; k++) {
						a1 = 0.999 * a1 + 0.045 * r.nextGaussian();
						a2 = 0.99 * a2 + 0.14 * r.nextGaussian();
						a3 = 0.9 * a3 + 0.44 * r.nextGaussian();
						if (k >= lineLength) continue;
						int x = slowAxis == 1 ? line : k;
						int y = slowAxis == 1 ? k : line;
						int idx = y * nx + x;
						plane[idx] = (float) (1000 + scene[idx] * (g + 1) + 5 * r.nextGaussian() + 3 * (a1 + a2 + a3));
					}
				}
			}
		}
		FitsHeader primary = FitsHeader.newPrimary();
		primary.set("TELESCOP", "JWST", "");
		primary.set("INSTRUME", instrument, "");
		primary.set("DETECTOR", detector, "");
		primary.set("EXP_TYPE", expType, "");
		primary.set("SUBARRAY", subarray, "");
		primary.set("SUBSTRT1", 1, "");
		primary.set("SUBSTRT2", 1, "");
		primary.set("SUBSIZE1", nx, "");
		primary.set("SUBSIZE2", ny, "");
		primary.set("FASTAXIS", slowAxis == 1 ? 2 : -1, "");
		primary.set("SLOWAXIS", slowAxis, "");
		primary.set("NINTS", nints, "");
		primary.set("NGROUPS", ngroups, "");
		primary.set("TGROUP", 10.737, "");
		primary.set("DATAMODL", "RampModel", "");
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("SCI", PixelType.FLOAT32, dims), sci));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("PIXELDQ", PixelType.UINT32, new long[] { nx, ny }), ImageArray.zeros(PixelType.UINT32, nx, ny)));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("GROUPDQ", PixelType.UINT8, dims), ImageArray.zeros(PixelType.UINT8, dims)));
		FitsWriter.write(path, parts);
	}

	/** Signal per group (DN): point sources and a few traces. */
	private static float[] scene(int nx, int ny, Random r) {
		float[] s = new float[nx * ny];
		int sources = Math.max(4, nx * ny / 20000);
		for (int k = 0; k < sources; k++) {
			double cx = r.nextDouble() * nx, cy = r.nextDouble() * ny;
			double flux = 50 * Math.pow(r.nextDouble(), -1.5);
			double sig = 1 + 2 * r.nextDouble();
			int rad = (int) Math.ceil(4 * sig);
			for (int y = Math.max(0, (int) cy - rad); y < Math.min(ny, (int) cy + rad + 1); y++) {
				for (int x = Math.max(0, (int) cx - rad); x < Math.min(nx, (int) cx + rad + 1); x++) {
					double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
					s[y * nx + x] += (float) (flux * Math.exp(-0.5 * d2 / (sig * sig)) / (2 * Math.PI * sig * sig));
				}
			}
		}
		for (int t = 0; t < 3; t++) {
			int y0 = r.nextInt(ny);
			for (int y = Math.max(0, y0 - 3); y < Math.min(ny, y0 + 4); y++) for (int x = 0; x < nx; x++) s[y * nx + x] += 20;
		}
		return s;
	}
}
