package org.webbsteps.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webbsteps.background.BackgroundAverager;
import org.webbsteps.background.ExposureArrays;
import org.webbsteps.background.Placement;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.FitsWriter;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;

/**
 * Speed of bkg_subtract's image-from-image path: 3 generated full-frame 2048 x 2048 rate
 * backgrounds (noise, sources, NaN and flagged pixels) averaged with sigma clipping and
 * subtracted from a full-frame rate. Not part of the normal build; run with
 * {@code mvn -B test -Dgroups=bench -Dexcluded.groups=none -Dtest=BackgroundBenchmark}. Prints
 * the best time of the averaging plus subtraction without file I/O (all cores and one thread),
 * the same with 5 backgrounds (where clipping can act), and the whole step from the command line
 * (read, average, subtract, write both products).
 */
@Tag("bench")
class BackgroundBenchmark {

	private static final int N = 2048;
	private static final Path DIR = Paths.get("target", "bench");

	@Test
	void threeFullFrameRateBackgrounds() throws Exception {
		List<ExposureArrays> three = backgrounds(3, 21);
		int cores = Runtime.getRuntime().availableProcessors();
		measure("3 full-frame rate backgrounds, average + subtract, " + cores + " threads", three, cores);
		measure("3 full-frame rate backgrounds, average + subtract, 1 thread", three, 1);
		measure("5 full-frame rate backgrounds, average + subtract, " + cores + " threads", backgrounds(5, 22), cores);
	}

	@Test
	void wholeStepOnFiles() throws Exception {
		Files.createDirectories(DIR);
		Path sci = DIR.resolve("bench_sci_rate.fits");
		List<String> bkg = new ArrayList<>();
		List<ExposureArrays> b = backgrounds(4, 23);
		write(sci, b.get(3));
		for (int i = 0; i < 3; i++) {
			Path p = DIR.resolve("bench_bkg" + i + "_rate.fits");
			write(p, b.get(i));
			bkg.add(p.toString());
		}
		Path out = Files.createDirectories(DIR.resolve("out"));
		double best = Double.MAX_VALUE;
		for (int rep = 0; rep < 4; rep++) {
			long t0 = System.nanoTime();
			int code = WebbSteps.run(new String[] { "bkg_subtract", sci.toString(), "--bkg_list=" + String.join(",", bkg), "--save_combined_background=True",
					"--output_dir=" + out }, new PrintStream(new ByteArrayOutputStream()), System.err);
			if (code != 0) throw new AssertionError("exit " + code);
			best = Math.min(best, (System.nanoTime() - t0) / 1e9);
		}
		System.out.printf(Locale.ROOT, "BENCH bkg_subtract command line, 3 full-frame backgrounds (read, average, subtract, write 2 products): best %.3f s%n", best);
	}

	private static void measure(String what, List<ExposureArrays> backgrounds, int threads) {
		List<Placement> all = new ArrayList<>();
		for (int i = 0; i < backgrounds.size(); i++) all.add(new Placement(0, 0, 0, 0, N, N));
		float[] science = backgrounds.get(0).sci[0];
		float[][] sci = { new float[N * N] };
		int[][] dq = { new int[N * N] };
		double best = Double.MAX_VALUE;
		for (int rep = 0; rep < 20; rep++) {
			System.arraycopy(science, 0, sci[0], 0, science.length); // the science as read from a file
			Arrays.fill(dq[0], 0);
			long t0 = System.nanoTime();
			new BackgroundAverager(3.0, Integer.MAX_VALUE, threads, null).subtract(backgrounds, all, sci, dq, N, N, false, false);
			best = Math.min(best, (System.nanoTime() - t0) / 1e9);
		}
		System.out.printf(Locale.ROOT, "BENCH %s: best %.4f s%n", what, best);
	}

	/** Rate images: 300 DN/s, unit noise, a few bright sources, 0.1% NaN (DO_NOT_USE) and some flags. */
	private static List<ExposureArrays> backgrounds(int n, long seed) {
		Random r = new Random(seed);
		List<ExposureArrays> out = new ArrayList<>();
		for (int b = 0; b < n; b++) {
			float[] sci = new float[N * N];
			float[] err = new float[N * N];
			int[] dq = new int[N * N];
			for (int i = 0; i < sci.length; i++) {
				sci[i] = (float) (300 + r.nextGaussian());
				err[i] = 1f;
			}
			for (int s = 0; s < 200; s++) {
				int x0 = r.nextInt(N - 8), y0 = r.nextInt(N - 8);
				for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) sci[(y0 + y) * N + x0 + x] += 1000;
			}
			for (int k = 0; k < N * N / 1000; k++) {
				int i = r.nextInt(N * N);
				sci[i] = Float.NaN;
				dq[i] = 1;
			}
			for (int k = 0; k < N * N / 500; k++) dq[r.nextInt(N * N)] |= 2048;
			out.add(new ExposureArrays(N, N, new float[][] { sci }, new float[][] { err }, new int[][] { dq }));
		}
		return out;
	}

	private static void write(Path file, ExposureArrays a) {
		FitsHeader primary = FitsHeader.newPrimary();
		for (String[] kv : new String[][] { { "TELESCOP", "JWST" }, { "INSTRUME", "NIRCAM" }, { "DETECTOR", "NRCA1" }, { "EXP_TYPE", "NRC_IMAGE" },
				{ "SUBARRAY", "FULL" }, { "DATAMODL", "ImageModel" } }) {
			primary.set(kv[0], kv[1], "");
		}
		for (String k : Arrays.asList("SUBSTRT1", "SUBSTRT2")) primary.set(k, 1, "");
		for (String k : Arrays.asList("SUBSIZE1", "SUBSIZE2")) primary.set(k, N, "");
		long[] dims = { N, N };
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("SCI", PixelType.FLOAT32, dims), new ImageArray(PixelType.FLOAT32, dims, a.sci)));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("ERR", PixelType.FLOAT32, dims), new ImageArray(PixelType.FLOAT32, dims, a.err)));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("DQ", PixelType.UINT32, dims), new ImageArray(PixelType.UINT32, dims, a.dq)));
		FitsWriter.write(file, parts);
	}
}
