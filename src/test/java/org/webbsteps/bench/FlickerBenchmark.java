package org.webbsteps.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.flicker.DraftRate;
import org.webbsteps.flicker.FlickerNoiseCleaner;
import org.webbsteps.flicker.FlickerParams;
import org.webbsteps.flicker.SceneMask;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.step.StepLog;

/**
 * Speed of clean_flicker_noise (median fit, median background) on generated ramps. Not part of
 * the normal build; run with {@code mvn -B test -Dgroups=bench -Dexcluded.groups=none -Dtest=FlickerBenchmark}.
 * Prints the time of the step without file I/O (draft rate, scene mask, cleaning) and end to end
 * (the command line: read, clean, write), best of a few repetitions; and runs the whole step in a
 * JVM whose heap is limited to twice the ramp's data size.
 */
@Tag("bench")
class FlickerBenchmark {

	private static final Path DIR = Paths.get("target", "bench");

	@Test
	void nirspecFullFrameRamp() throws Exception {
		Path ramp = DIR.resolve("bench_nrs1_full_ramp.fits");
		if (!Files.exists(ramp)) {
			Files.createDirectories(DIR);
			SyntheticRamp.write(ramp, 2048, 2048, 10, 1, 1, "NIRSPEC", "NRS1", "NRS_IFU", "FULL", 11);
		}
		measure("NIRSpec-like full frame 2048x2048x10 groups, median", ramp, 5, "median");
		measure("NIRSpec-like full frame 2048x2048x10 groups, fft", ramp, 3, "fft");
	}

	@Test
	void nircamSubarrayRamp() throws Exception {
		Path ramp = DIR.resolve("bench_nrca1_sub256_ramp.fits");
		if (!Files.exists(ramp)) {
			Files.createDirectories(DIR);
			SyntheticRamp.write(ramp, 2048, 256, 20, 1, 2, "NIRCAM", "NRCA1", "NRC_TSGRISM", "SUBGRISM256", 12);
		}
		measure("NIRCam-like subarray 2048x256x20 groups, median", ramp, 5, "median");
	}

	@Test
	void nirspecSubarrayRamp() throws Exception {
		Path ramp = DIR.resolve("bench_nrs1_sub256_ramp.fits");
		if (!Files.exists(ramp)) {
			Files.createDirectories(DIR);
			SyntheticRamp.write(ramp, 2048, 256, 20, 1, 1, "NIRSPEC", "NRS1", "NRS_BRIGHTOBJ", "SUB2048", 13);
		}
		measure("NIRSpec-like subarray 2048x256x20 groups, fft", ramp, 5, "fft");
	}

	/** The whole step (read, clean, write) in a JVM whose heap limit is twice the ramp's data size. */
	@Test
	void nirspecFullFrameRampInTwiceItsSize() throws Exception {
		Path ramp = DIR.resolve("bench_nrs1_full_ramp.fits");
		if (!Files.exists(ramp)) {
			Files.createDirectories(DIR);
			SyntheticRamp.write(ramp, 2048, 2048, 10, 1, 1, "NIRSPEC", "NRS1", "NRS_IFU", "FULL", 11);
		}
		long data = 2048L * 2048 * 10 * 4 + 2048L * 2048 * 10 + 2048L * 2048 * 4;
		Path outDir = Files.createDirectories(DIR.resolve("out2x"));
		String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		long t0 = System.nanoTime();
		Process p = new ProcessBuilder(javaBin, "-Xmx" + 2 * data, "-cp", cp, WebbSteps.class.getName(), "clean_flicker_noise", ramp.toString(),
				"--output_dir=" + outDir).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		int code = p.waitFor();
		System.out.printf(Locale.ROOT, "BENCH full-frame ramp in a %d MiB heap (2x its %d MiB of data): exit %d, %.3f s including JVM start%n",
				2 * data >> 20, data >> 20, code, (System.nanoTime() - t0) / 1e9);
		if (code != 0) throw new AssertionError(out);
	}

	private static void measure(String what, Path ramp, int reps, String fitMethod) throws Exception {
		long dataBytes = Files.size(ramp);
		double bestCore = Double.MAX_VALUE;
		double bestEnd = Double.MAX_VALUE;
		for (int rep = 0; rep < reps; rep++) {
			try (JwstProduct p = JwstProduct.open(ramp)) {
				ImageArray sci = p.read("SCI");
				float[][] planes = sci.floatPlanes();
				Object[] g = p.read("GROUPDQ").planes();
				byte[][] gdq = java.util.Arrays.copyOf(g, g.length, byte[][].class);
				int[] pdq = (int[]) p.read("PIXELDQ").plane(0);
				int w = sci.width(), h = sci.height(), ng = p.ngroups();
				long t0 = System.nanoTime();
				DraftRate draft = new DraftRate(w * h, 10.737);
				draft.addIntegration(java.util.Arrays.copyOfRange(planes, 0, ng), java.util.Arrays.copyOfRange(gdq, 0, ng), pdq);
				boolean[][] mask = SceneMask.create(new float[][] { draft.rate() }, null, w, h, java.util.Collections.emptyList(), 2.0, false, true, StepLog.NONE);
				int axis = Math.abs(p.primaryHeader().getLong("SLOWAXIS").intValue());
				String detector = p.primaryHeader().getString("DETECTOR");
				new FlickerNoiseCleaner(FlickerParams.defaults().withFitMethod(fitMethod), axis, detector, false, null, StepLog.NONE,
						Runtime.getRuntime().availableProcessors()).cleanRamp(planes, gdq, w, h, ng, 1, mask, null);
				bestCore = Math.min(bestCore, (System.nanoTime() - t0) / 1e9);
			}
			Path outDir = Files.createDirectories(DIR.resolve("out"));
			long t1 = System.nanoTime();
			int code = WebbSteps.run(new String[] { "clean_flicker_noise", ramp.toString(), "--output_dir=" + outDir, "--fit_method=" + fitMethod },
					new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), System.err);
			bestEnd = Math.min(bestEnd, (System.nanoTime() - t1) / 1e9);
			if (code != 0) throw new AssertionError("step failed");
		}
		System.out.printf(Locale.ROOT, "BENCH %s (%d MiB file): step without I/O %.3f s, end to end %.3f s (best of %d)%n",
				what, dataBytes >> 20, bestCore, bestEnd, reps);
	}

}
