package org.webbsteps.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.FitsWriter;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;
import org.webbsteps.selfcal.BadPixelSelfCal;
import org.webbsteps.selfcal.MedianFilter;
import org.webbsteps.selfcal.MinImage;
import org.webbsteps.selfcal.MrsPedestal;
import org.webbsteps.selfcal.SelfcalParams;
import org.webbsteps.step.StepLog;

/**
 * Speed and memory of badpix_selfcal on generated 1024 × 1032 MIRI MRS-like images. Not part of
 * the normal build; run with
 * {@code mvn -B test -Dgroups=bench -Dexcluded.groups=none -Dtest=SelfcalBenchmark}.
 * Prints, for the 15 × 1 window (DISPAXIS = 2) and the 15 × 15 window (no DISPAXIS): the core
 * ({@code badpix_selfcal.badpix_selfcal} on one minimum image: median filter, percentiles, flags),
 * the in-memory step on four exposures (pedestals, minimum, core, flags applied), each the best of
 * several runs with the peak heap they used; and the whole command line (read four files, write
 * the flagged science and background) in a JVM limited to a 300 MB heap.
 */
@Tag("bench")
class SelfcalBenchmark {

	private static final Path DIR = Paths.get("target", "bench");
	private static final int WIDTH = 1032;
	private static final int HEIGHT = 1024;
	private static final int THREADS = Runtime.getRuntime().availableProcessors();

	@Test
	void dispersionWindow() throws Exception {
		measure("15 x 1 window (DISPAXIS=2)", 2);
	}

	@Test
	void squareWindow() throws Exception {
		measure("15 x 15 window (no DISPAXIS)", null);
	}

	@Test
	void commandLineInA300MbHeap() throws Exception {
		Files.createDirectories(DIR);
		String[] names = { "sci", "selfcal1", "selfcal2", "bkg1" };
		for (Integer disp : new Integer[] { 2, null }) {
			String tag = disp == null ? "nodisp" : "disp2";
			List<Path> files = new ArrayList<>();
			for (int i = 0; i < names.length; i++) {
				Path p = DIR.resolve("bench_mrs_" + tag + "_" + names[i] + "_cal.fits");
				if (!Files.exists(p)) write(p, mrsLike(100 + i, 1.5f + 0.25f * i, i == 0), disp);
				files.add(p);
			}
			Path outDir = Files.createDirectories(DIR.resolve("selfcal_out"));
			String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
			String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			double best = Double.MAX_VALUE;
			String log = "";
			for (int rep = 0; rep < 3; rep++) {
				long t0 = System.nanoTime();
				Process p = new ProcessBuilder(javaBin, "-Xmx300m", "-cp", cp, WebbSteps.class.getName(), "badpix_selfcal", files.get(0).toString(),
						"--selfcal_list=" + files.get(1) + "," + files.get(2), "--bkg_list=" + files.get(3), "--save_flagged_bkg=True",
						"--output_dir=" + outDir).redirectErrorStream(true).start();
				log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				int code = p.waitFor();
				if (code != 0) throw new AssertionError(log);
				best = Math.min(best, (System.nanoTime() - t0) / 1e9);
			}
			String stepLine = log.lines().filter(l -> l.contains("Step badpix_selfcal done")).findFirst().orElse("");
			System.out.printf(Locale.ROOT, "BENCH badpix_selfcal command line, %s, 4 files of %d MiB, -Xmx300m: %.2f s including JVM start (best of 3); %s%n",
					disp == null ? "15 x 15 window" : "15 x 1 window", Files.size(files.get(0)) >> 20, best,
					stepLine.substring(Math.max(0, stepLine.indexOf("status"))));
		}
	}

	private static void measure(String what, Integer dispAxis) {
		float[][] exposures = new float[4][];
		for (int i = 0; i < 4; i++) exposures[i] = mrsLike(100 + i, 1.5f + 0.25f * i, i == 0);
		SelfcalParams params = SelfcalParams.defaults();
		int[] kernel = params.kernelShape(dispAxis);
		double bestFilter = Double.MAX_VALUE, bestCore = Double.MAX_VALUE, bestStep = Double.MAX_VALUE;
		long heapCore = 0, heapStep = 0;
		int flagged = 0;
		for (int rep = 0; rep < 12; rep++) {
			float[] image = exposures[0];
			long t0 = System.nanoTime();
			MedianFilter.filter(image, WIDTH, HEIGHT, kernel[0], kernel[1], params.edgePadding, THREADS, StepLog.NONE);
			bestFilter = Math.min(bestFilter, (System.nanoTime() - t0) / 1e9);

			long base = resetPeaks();
			t0 = System.nanoTime();
			BadPixelSelfCal.flag(image, WIDTH, HEIGHT, params, dispAxis, THREADS, StepLog.NONE);
			bestCore = Math.min(bestCore, (System.nanoTime() - t0) / 1e9);
			heapCore = Math.max(heapCore, peak() - base);

			float[][] copies = new float[4][];
			for (int i = 0; i < 4; i++) copies[i] = exposures[i].clone(); // what reading the files gives
			base = resetPeaks();
			t0 = System.nanoTime();
			MinImage min = new MinImage(WIDTH * HEIGHT);
			for (float[] e : copies) {
				MrsPedestal.subtract(e, WIDTH, HEIGHT, "MIRIFUSHORT");
				min.add(e);
			}
			BadPixelSelfCal.Result r = BadPixelSelfCal.flag(min.image(), WIDTH, HEIGHT, params, dispAxis, THREADS, StepLog.NONE);
			float[] sci = exposures[0].clone();
			BadPixelSelfCal.applyToData(sci, r.flagged);
			BadPixelSelfCal.applyToDq(new int[sci.length], r.flagged);
			bestStep = Math.min(bestStep, (System.nanoTime() - t0) / 1e9);
			heapStep = Math.max(heapStep, peak() - base);
			flagged = r.flagged.length;
		}
		System.out.printf(Locale.ROOT, "BENCH badpix_selfcal %dx%d, %s, %d threads: median filter %.4f s; core (filter + percentiles + flags) %.4f s, "
				+ "peak heap +%d MiB; step in memory on 4 exposures %.4f s, peak heap +%d MiB, %d pixels flagged (best of 12)%n",
				HEIGHT, WIDTH, what, THREADS, bestFilter, bestCore, heapCore >> 20, bestStep, heapStep >> 20, flagged);
	}

	// -- Synthetic MRS-like exposures --

	/**
	 * A MIRI MRS-like frame (rows × columns = 1024 × 1032, DISPAXIS = 2): two channels of vertical
	 * slices with a smooth continuum varying along y and sharp sky lines, a dark inter-channel gap
	 * at columns 503-515, a pedestal, noise quantised to 1/16, persistent hot and cold pixels
	 * (the same in every exposure), transients, and a science source trace in the science only.
	 */
	static float[] mrsLike(long seed, float pedestal, boolean science) {
		Random persistent = new Random(7);
		Random r = new Random(seed);
		float[] a = new float[WIDTH * HEIGHT];
		for (int y = 0; y < HEIGHT; y++) {
			double continuum = 20 + 10 * Math.sin(y / 90.0) + 30 * Math.exp(-Math.pow((y - 515) / 1.5, 2)) + 25 * Math.exp(-Math.pow((y - 200) / 2.0, 2));
			for (int x = 0; x < WIDTH; x++) {
				boolean gap = x >= 503 && x < 516;
				boolean slice = !gap && (x % 30) < 26 && x > 8 && x < WIDTH - 8;
				double v = pedestal + (slice ? continuum * (x < 503 ? 1 : 0.6) : 0);
				if (science && slice && Math.abs(x - 250) < 3) v += 40;
				v += r.nextGaussian() * 0.5;
				a[y * WIDTH + x] = Math.round(v * 16) / 16f;
			}
		}
		for (int i = 0; i < 400; i++) a[persistent.nextInt(a.length)] += 60;
		for (int i = 0; i < 150; i++) a[persistent.nextInt(a.length)] -= 30;
		for (int i = 0; i < 400; i++) a[r.nextInt(a.length)] += 200;
		for (int i = 0; i < 80; i++) a[r.nextInt(a.length)] = Float.NaN;
		return a;
	}

	/** A cal-like product: SCI (DISPAXIS in its header), ERR, DQ, VAR_POISSON, VAR_RNOISE. */
	private static void write(Path file, float[] sci, Integer dispAxis) {
		long[] dims = { WIDTH, HEIGHT };
		float[] ones = new float[sci.length];
		java.util.Arrays.fill(ones, 0.25f);
		FitsHeader primary = FitsHeader.newPrimary();
		primary.set("TELESCOP", "JWST", "");
		primary.set("INSTRUME", "MIRI", "");
		primary.set("DETECTOR", "MIRIFUSHORT", "");
		primary.set("EXP_TYPE", "MIR_MRS", "");
		primary.set("DATAMODL", "IFUImageModel", "");
		FitsHeader sciHeader = FitsHeader.newImageExtension("SCI", PixelType.FLOAT32, dims);
		if (dispAxis != null) sciHeader.set("DISPAXIS", (long) dispAxis, "dispersion direction");
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(FitsWriter.image(sciHeader, ImageArray.ofFloats(dims, new float[][] { sci })));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("ERR", PixelType.FLOAT32, dims), ImageArray.ofFloats(dims, new float[][] { ones })));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("DQ", PixelType.UINT32, dims), ImageArray.zeros(PixelType.UINT32, dims)));
		for (String v : new String[] { "VAR_POISSON", "VAR_RNOISE" }) {
			parts.add(FitsWriter.image(FitsHeader.newImageExtension(v, PixelType.FLOAT32, dims), ImageArray.ofFloats(dims, new float[][] { ones })));
		}
		FitsWriter.write(file, parts);
	}

	// -- Heap measurement --

	/** Collects garbage, resets the heap pools' peak counters; returns the heap in use. */
	private static long resetPeaks() {
		System.gc();
		long used = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() != MemoryType.HEAP) continue;
			p.resetPeakUsage();
			used += p.getUsage().getUsed();
		}
		return used;
	}

	/** The sum of the heap pools' peaks since the reset (an upper bound of the peak heap). */
	private static long peak() {
		long peak = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
		}
		return peak;
	}
}
