package org.webbsteps.selfcal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.Golden;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.io.FitsFile;

/**
 * The step against the JWST pipeline's outputs for the golden cases p16 (NIRSpec IFU, science
 * only with force_single, 1 × 9 window) and p15 (MIRI MRS MIRIFUSHORT, pedestal, two selfcal and
 * one background exposure, 15 × 1 window, save_flagged_bkg), run through the command line with
 * the cases' strun arguments. Every comparison is exact, as the cases require.
 */
class BadpixSelfcalGoldenTest {

	@TempDir
	Path out;

	private String log;

	private void run(String... args) {
		List<String> argv = new ArrayList<>(Arrays.asList("badpix_selfcal"));
		argv.addAll(Arrays.asList(args));
		argv.add("--output_dir=" + out);
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int code = WebbSteps.run(argv.toArray(new String[0]), new PrintStream(o), new PrintStream(e));
		log = o + "\n" + e;
		assertEquals(0, code, log);
	}

	@Test
	void nirspecIfuForceSingleMatchesTheReference() {
		Path dir = Golden.bundled("p16_badpix_nirspec_ifu_force_single");
		run(dir.resolve("input_sci.fits.gz").toString(), "--flagfrac_lower=0.002", "--flagfrac_upper=0.005", "--kernel_size=9", "--force_single=True");
		Path output = out.resolve("input_sci_badpix_selfcal.fits");
		Path ref = dir.resolve("ref_output.fits.gz");
		assertEquals("COMPLETE", primary(output, "S_BPXSLF"));
		for (String ext : new String[] { "SCI", "ERR", "VAR_POISSON", "VAR_RNOISE" }) assertExact(ref, output, ext);
		assertArrayEquals(ints(ref, "DQ"), ints(output, "DQ"), "DQ");
		boolean[] flags = newlyFlagged(dir.resolve("input_sci.fits.gz"), output);
		assertArrayEquals(Golden.mask(dir.resolve("ref_flags.fits.gz"), "FLAGS"), flags, "FLAGS");
		assertEquals(3583, count(flags));
		assertTrue(log.contains("Number of new bad pixels flagged: 3583"), log);
		assertFalse(Files.exists(out.resolve("input_sci_badpix_selfcal_bkg_0.fits")));
	}

	@Test
	void miriMrsWithSelfcalAndBackgroundMatchesTheReference() {
		Path dir = Golden.shared("p15_badpix_mrs_mirifushort_selfcal_bkg");
		run(dir.resolve("input_sci.fits.gz").toString(),
				"--selfcal_list=" + dir.resolve("input_selfcal1.fits.gz") + "," + dir.resolve("input_selfcal2.fits.gz"),
				"--bkg_list=" + dir.resolve("input_bkg1.fits.gz"), "--flagfrac_lower=0.001", "--flagfrac_upper=0.001", "--kernel_size=15",
				"--save_flagged_bkg=True");
		Path output = out.resolve("input_sci_badpix_selfcal.fits");
		Path ref = dir.resolve("ref_output.fits.gz");
		assertEquals("COMPLETE", primary(output, "S_BPXSLF"));
		for (String ext : new String[] { "SCI", "ERR", "VAR_POISSON", "VAR_RNOISE" }) assertExact(ref, output, ext);
		assertArrayEquals(ints(ref, "DQ"), ints(output, "DQ"), "DQ");
		boolean[] flags = newlyFlagged(dir.resolve("input_sci.fits.gz"), output);
		assertArrayEquals(Golden.mask(dir.resolve("ref_flags.fits.gz"), "FLAGS"), flags, "FLAGS");
		assertEquals(2095, count(flags));
		Path bkg = out.resolve("input_sci_badpix_selfcal_bkg_0.fits");
		Path refBkg = dir.resolve("ref_bkg1_flagged.fits.gz");
		assertExact(refBkg, bkg, "SCI");
		assertArrayEquals(ints(refBkg, "DQ"), ints(bkg, "DQ"), "background DQ");
		assertEquals(null, primary(bkg, "S_BPXSLF"), "the pipeline sets the status on the science only");
	}

	/** The same case given as a level-2 association with science, selfcal and background members gives the same products. */
	@Test
	void miriMrsAssociationGivesTheSameProducts() throws Exception {
		Path dir = Golden.shared("p15_badpix_mrs_mirifushort_selfcal_bkg").toAbsolutePath();
		Path asn = out.resolve("p15_spec2_asn.json");
		Files.writeString(asn, "{\"asn_type\": \"spec2\", \"products\": [{\"name\": \"p15\", \"members\": ["
				+ member(dir, "input_sci.fits.gz", "science") + "," + member(dir, "input_selfcal1.fits.gz", "selfcal") + ","
				+ member(dir, "input_bkg1.fits.gz", "background") + "," + member(dir, "input_selfcal2.fits.gz", "selfcal") + "]}]}");
		run(asn.toString(), "--save_flagged_bkg=True");
		Path output = out.resolve("input_sci_badpix_selfcal.fits");
		assertEquals("COMPLETE", primary(output, "S_BPXSLF"));
		assertExact(dir.resolve("ref_output.fits.gz"), output, "SCI");
		assertArrayEquals(ints(dir.resolve("ref_output.fits.gz"), "DQ"), ints(output, "DQ"), "DQ");
		assertArrayEquals(ints(dir.resolve("ref_bkg1_flagged.fits.gz"), "DQ"), ints(out.resolve("input_sci_badpix_selfcal_bkg_0.fits"), "DQ"));
		assertFalse(Files.exists(out.resolve("input_sci_badpix_selfcal_bkg_1.fits")), "selfcal members are not written");
	}

	private static String member(Path dir, String file, String exptype) {
		return "{\"expname\": \"" + dir.resolve(file) + "\", \"exptype\": \"" + exptype + "\"}";
	}

	// -- Helpers --

	private static void assertExact(Path ref, Path got, String ext) {
		float[] r = Golden.floats(ref, ext);
		float[] g = Golden.floats(got, ext);
		assertEquals(r.length, g.length, ext);
		for (int i = 0; i < r.length; i++) {
			if (Float.floatToIntBits(r[i]) != Float.floatToIntBits(g[i])) throw new AssertionError(ext + " differs at " + i + ": " + r[i] + " vs " + g[i]);
		}
	}

	/** Pixels whose DQ gained the step's bits; exact when no input pixel had both bits already (checked). */
	private static boolean[] newlyFlagged(Path input, Path output) {
		int[] before = ints(input, "DQ");
		int[] after = ints(output, "DQ");
		int bits = BadPixelSelfCal.FLAG_BITS;
		boolean[] f = new boolean[before.length];
		for (int i = 0; i < f.length; i++) {
			assertTrue((before[i] & bits) != bits, "input pixel " + i + " already carries the flag bits");
			f[i] = (after[i] & bits) == bits;
		}
		return f;
	}

	static int[] ints(Path file, String ext) {
		try (FitsFile f = FitsFile.open(file)) {
			return ((int[]) f.readImage(f.find(ext, 1)).plane(0)).clone();
		}
	}

	static String primary(Path file, String key) {
		try (FitsFile f = FitsFile.open(file)) {
			return f.primary().header().getString(key);
		}
	}

	private static int count(boolean[] b) {
		int n = 0;
		for (boolean x : b) if (x) n++;
		return n;
	}
}
