package org.webbsteps.selfcal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.Golden;
import org.webbsteps.SyntheticProducts;
import org.webbsteps.TestData;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.io.FitsFile;
import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.FitsWriter;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;
import org.webbsteps.steps.BadpixSelfcalStep;

/**
 * The step's behaviours that the reference's own tests check (spec §2.8), its input sorting, its
 * file names, and its answers to bad input, on small synthetic IFU products through the command
 * line.
 */
class BadpixSelfcalStepTest {

	@TempDir
	Path dir;

	private String out;
	private String err;

	private int run(String... args) {
		List<String> argv = new ArrayList<>(Arrays.asList("badpix_selfcal"));
		argv.addAll(Arrays.asList(args));
		if (argv.stream().noneMatch(a -> a.startsWith("--output_dir"))) argv.add("--output_dir=" + dir);
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int code = WebbSteps.run(argv.toArray(new String[0]), new PrintStream(o), new PrintStream(e));
		out = o.toString();
		err = e.toString();
		return code;
	}

	/**
	 * An IFU-like cal product (NIRSpec NRS1 unless told otherwise): SCI with a smooth spectrum-like
	 * signal, noise and a few hot and cold pixels, ERR, DQ (zero), VAR_RNOISE; no VAR_POISSON or
	 * VAR_FLAT. DISPAXIS (when given) is in the SCI header.
	 */
	static Path ifu(Path file, String detector, int ny, int nx, long seed, Integer dispAxis) {
		Random r = new Random(seed);
		long[] dims = { nx, ny };
		float[] sci = new float[nx * ny];
		for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) sci[y * nx + x] = (float) (50 + 20 * Math.sin(x / 7.0) + r.nextGaussian());
		for (int i = 0; i < 12; i++) sci[r.nextInt(sci.length)] += i % 3 == 0 ? -60 : 80;
		float[] errs = new float[sci.length];
		Arrays.fill(errs, 1f);
		FitsHeader primary = FitsHeader.newPrimary();
		primary.set("TELESCOP", "JWST", "");
		primary.set("INSTRUME", detector.startsWith("MIRI") ? "MIRI" : "NIRSPEC", "");
		primary.set("DETECTOR", detector, "");
		primary.set("EXP_TYPE", detector.startsWith("MIRI") ? "MIR_MRS" : "NRS_IFU", "");
		primary.set("DATAMODL", "IFUImageModel", "");
		FitsHeader sciHeader = FitsHeader.newImageExtension("SCI", PixelType.FLOAT32, dims);
		if (dispAxis != null) sciHeader.set("DISPAXIS", (long) dispAxis, "dispersion direction");
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(FitsWriter.image(sciHeader, ImageArray.ofFloats(dims, new float[][] { sci })));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("ERR", PixelType.FLOAT32, dims), ImageArray.ofFloats(dims, new float[][] { errs })));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("DQ", PixelType.UINT32, dims), ImageArray.zeros(PixelType.UINT32, dims)));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("VAR_RNOISE", PixelType.FLOAT32, dims), ImageArray.ofFloats(dims, new float[][] { errs.clone() })));
		FitsWriter.write(file, parts);
		return file;
	}

	private Path ifu(String name, long seed) {
		return ifu(dir.resolve(name), "NRS1", 40, 64, seed, 1);
	}

	private Path asn(String name, String... members) throws Exception {
		StringBuilder sb = new StringBuilder("{\"asn_type\": \"spec2\", \"products\": [{\"name\": \"p\", \"members\": [");
		for (int i = 0; i < members.length; i += 2) {
			if (i > 0) sb.append(',');
			sb.append("{\"expname\": \"").append(members[i]).append("\", \"exptype\": \"").append(members[i + 1]).append("\"}");
		}
		Path p = dir.resolve(name);
		Files.writeString(p, sb.append("]}]}").toString());
		return p;
	}

	private static byte[] digest(Path p) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
	}

	private static String status(Path file) {
		return BadpixSelfcalGoldenTest.primary(file, "S_BPXSLF");
	}

	private static boolean has(Path file, String ext) {
		try (FitsFile f = FitsFile.open(file)) {
			return f.find(ext, 1) != null;
		}
	}

	// -- The reference's tests --

	@Test
	void scienceAloneIsSkippedUnlessForced() throws Exception {
		Path sci = ifu("sci_cal.fits", 1);
		byte[] before = digest(sci);
		assertEquals(0, run(sci.toString()), err);
		Path output = dir.resolve("sci_badpix_selfcal.fits");
		assertEquals("SKIPPED", status(output));
		assertTrue(out.contains("No selfcal or background exposures provided") && out.contains("force_single=True"), out);
		assertTrue(out.contains("ended with status SKIPPED"), out);
		assertArrayEquals(Golden.floats(sci, "SCI"), Golden.floats(output, "SCI"), 0f);
		assertArrayEquals(BadpixSelfcalGoldenTest.ints(sci, "DQ"), BadpixSelfcalGoldenTest.ints(output, "DQ"));
		assertNull(status(sci));
		assertArrayEquals(before, digest(sci), "the input is not modified");
	}

	@Test
	void forceSingleFlagsTheScienceOnly() throws Exception {
		Path sci = ifu("sci_cal.fits", 2);
		byte[] before = digest(sci);
		assertEquals(0, run(sci.toString(), "--force_single=True", "--kernel_size=5", "--flagfrac_upper=0.01"), err);
		Path output = dir.resolve("sci_badpix_selfcal.fits");
		assertEquals("COMPLETE", status(output));
		int[] dq = BadpixSelfcalGoldenTest.ints(output, "DQ");
		float[] data = Golden.floats(output, "SCI");
		float[] errs = Golden.floats(output, "ERR");
		float[] rnoise = Golden.floats(output, "VAR_RNOISE");
		int flagged = 0;
		for (int i = 0; i < dq.length; i++) {
			if (dq[i] == 0) {
				assertFalse(Float.isNaN(data[i]) || Float.isNaN(errs[i]) || Float.isNaN(rnoise[i]), "pixel " + i);
				continue;
			}
			flagged++;
			assertEquals(1 + (1 << 30), dq[i]);
			assertTrue(Float.isNaN(data[i]) && Float.isNaN(errs[i]) && Float.isNaN(rnoise[i]), "pixel " + i);
		}
		assertTrue(flagged >= 12, "flagged " + flagged);
		assertTrue(out.contains("Number of new bad pixels flagged: " + flagged), out);
		assertFalse(has(output, "VAR_POISSON") || has(output, "VAR_FLAT"), "absent variances are not created");
		assertArrayEquals(before, digest(sci), "the input is not modified");
	}

	@Test
	void inputsAreSortedAsThePipelineDoes() throws Exception {
		for (String n : new String[] { "sci", "bkg1", "bkg2", "sc1", "sc2", "x1", "x2", "x3" }) ifu(n + "_cal.fits", n.hashCode());
		Path asn = asn("spec2_asn.json", "sci_cal.fits", "science", "bkg1_cal.fits", "background", "bkg2_cal.fits", "background",
				"sc1_cal.fits", "selfcal", "sc2_cal.fits", "selfcal");
		List<Path> none = Collections.emptyList();
		List<Path> three = Arrays.asList(dir.resolve("x1_cal.fits"), dir.resolve("x2_cal.fits"), dir.resolve("x3_cal.fits"));
		assertCounts(BadpixSelfcalStep.Inputs.resolve(asn, none, none), 2, 4);
		assertCounts(BadpixSelfcalStep.Inputs.resolve(asn, none, three), 5, 7);
		assertCounts(BadpixSelfcalStep.Inputs.resolve(asn, three, none), 2, 7);
		assertCounts(BadpixSelfcalStep.Inputs.resolve(dir.resolve("sci_cal.fits"), none, none), 0, 0);
		assertCounts(BadpixSelfcalStep.Inputs.resolve(dir.resolve("sci_cal.fits"), three, three.subList(0, 1)), 1, 4);
		BadpixSelfcalStep.Inputs i = BadpixSelfcalStep.Inputs.resolve(asn, none, three);
		assertEquals(dir.resolve("sci_cal.fits"), i.science);
		assertEquals(three.get(0), i.backgrounds.get(0), "bkg_list first, then the association's backgrounds");
		assertEquals(dir.resolve("bkg1_cal.fits"), i.backgrounds.get(3));
	}

	private static void assertCounts(BadpixSelfcalStep.Inputs inputs, int backgrounds, int selfcal) {
		assertEquals(backgrounds, inputs.backgrounds.size(), "backgrounds");
		assertEquals(selfcal, inputs.selfcal.size(), "exposures besides the science in the minimum");
	}

	/** The reference's naming test: output_file=test, save_flagged_bkg, an association with two backgrounds. */
	@Test
	void associationRunNamesOutputsAsThePipeline() throws Exception {
		for (String n : new String[] { "sci", "bkg1", "bkg2", "sc1" }) ifu(n + "_cal.fits", n.hashCode());
		Path asn = asn("spec2_asn.json", "sci_cal.fits", "science", "bkg1_cal.fits", "background", "bkg2_cal.fits", "background",
				"sc1_cal.fits", "selfcal");
		Path outDir = Files.createDirectories(dir.resolve("out"));
		assertEquals(0, run(asn.toString(), "--output_file=test", "--save_flagged_bkg=True", "--output_dir=" + outDir), err);
		assertEquals("COMPLETE", status(outDir.resolve("test_badpix_selfcal.fits")));
		assertTrue(Files.exists(outDir.resolve("test_badpix_selfcal_bkg_0.fits")));
		assertTrue(Files.exists(outDir.resolve("test_badpix_selfcal_bkg_1.fits")));
		try (java.util.stream.Stream<Path> s = Files.list(outDir)) {
			assertEquals(3, s.count(), "selfcal members are not returned");
		}
		int[] sciDq = BadpixSelfcalGoldenTest.ints(outDir.resolve("test_badpix_selfcal.fits"), "DQ");
		assertArrayEquals(sciDq, BadpixSelfcalGoldenTest.ints(outDir.resolve("test_badpix_selfcal_bkg_1.fits"), "DQ"), "same flags on the backgrounds");
		float[] bkgIn = Golden.floats(dir.resolve("bkg2_cal.fits"), "SCI");
		float[] bkgOut = Golden.floats(outDir.resolve("test_badpix_selfcal_bkg_1.fits"), "SCI");
		for (int i = 0; i < sciDq.length; i++) assertEquals(sciDq[i] != 0, Float.isNaN(bkgOut[i]) && !Float.isNaN(bkgIn[i]), "pixel " + i);
		// without output_file the products are named after the science member
		assertEquals(0, run(asn.toString(), "--save_flagged_bkg=True", "--output_dir=" + outDir), err);
		assertTrue(Files.exists(outDir.resolve("sci_badpix_selfcal.fits")) && Files.exists(outDir.resolve("sci_badpix_selfcal_bkg_1.fits")));
	}

	@Test
	void withoutDispaxisTheWindowIsSquare() {
		Path sci = ifu(dir.resolve("sci_cal.fits"), "NRS1", 30, 30, 3, null);
		Path bkg = ifu(dir.resolve("bkg_cal.fits"), "NRS1", 30, 30, 4, null);
		assertEquals(0, run(sci.toString(), "--bkg_list=" + bkg, "--kernel_size=5"), err);
		assertTrue(out.contains("DISPAXIS") && out.contains("Median filter 5 x 5"), out);
		assertFalse(Files.exists(dir.resolve("sci_badpix_selfcal_bkg_0.fits")), "backgrounds are written only with save_flagged_bkg");
		assertEquals(0, run(sci.toString(), "--bkg_list=" + bkg, "--kernel_size=5", "--edge_padding=none"), err);
		assertTrue(out.contains("Median filter 5 x 5 (rows x columns), windows cut at the image edges"), out);
		assertEquals(1, run(sci.toString(), "--bkg_list=" + bkg, "--edge_padding=nan"), out);
		assertTrue(err.contains("edge_padding=nan: must be one of zeros, none"), err);
	}

	@Test
	void helpListsTheParameters() {
		assertEquals(0, run("--help", "badpix_selfcal"));
		for (String p : new String[] { "selfcal_list", "bkg_list", "flagfrac_lower", "flagfrac_upper", "kernel_size", "force_single", "save_flagged_bkg" }) {
			assertTrue(out.contains("--" + p + "="), out);
		}
		assertTrue(out.contains("(default 15)"), out);
	}

	// -- Bad input: one error line, nothing written --

	private void assertError(String expected, String... args) {
		assertEquals(1, run(args), out + err);
		assertTrue(err.contains(expected), err);
		assertEquals(1, err.trim().split("\n").length, err);
		assertFalse(Files.exists(dir.resolve("sci_badpix_selfcal.fits")), "nothing written");
	}

	@Test
	void evenKernelIsRefused() {
		Path sci = ifu("sci_cal.fits", 5);
		assertError("parameter kernel_size=14: must be odd", sci.toString(), "--kernel_size=14", "--force_single=True");
		assertError("parameter flagfrac_lower=0.6", sci.toString(), "--flagfrac_lower=0.6", "--force_single=True");
	}

	@Test
	void mismatchedExposuresAreRefused() {
		Path sci = ifu("sci_cal.fits", 6);
		Path small = ifu(dir.resolve("small_cal.fits"), "NRS1", 40, 63, 7, 1);
		Path nrs2 = ifu(dir.resolve("nrs2_cal.fits"), "NRS2", 40, 64, 8, 1);
		assertError("differs from the science exposure (40, 64)", sci.toString(), "--selfcal_list=" + small);
		assertError("is a NRS2 exposure and the science is NRS1", sci.toString(), "--bkg_list=" + nrs2);
		assertError("no such file", sci.toString(), "--bkg_list=" + dir.resolve("missing_cal.fits"));
	}

	@Test
	void badAssociationsAreRefused() throws Exception {
		ifu("sci_cal.fits", 9);
		ifu("sci2_cal.fits", 10);
		Path two = asn("two_asn.json", "sci_cal.fits", "science", "sci2_cal.fits", "science");
		assertError("2 science exposures", two.toString());
		Path missing = asn("missing_asn.json", "sci_cal.fits", "science", "gone_cal.fits", "background");
		assertError("names the member gone_cal.fits, which does not exist", missing.toString());
		Path noScience = asn("nosci_asn.json", "sci_cal.fits", "background");
		assertError("has no science member", noScience.toString());
	}

	@Test
	void otherProductTypesAreRefused() {
		assertError("is a SlitModel (25, 341); badpix_selfcal works on 2-D exposures",
				TestData.DIR.resolve("nrs_msa_ceers1345_nod1_nrs2_phot_slitcutout.fits").toString(), "--force_single=True");
		Path cube = SyntheticProducts.miri().rateints(dir.resolve("x_rateints.fits"), 2, 8, 8);
		assertError("is a CubeModel (2, 8, 8)", cube.toString(), "--force_single=True");
	}
}
