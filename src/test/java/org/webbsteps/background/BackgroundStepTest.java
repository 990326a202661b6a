package org.webbsteps.background;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.webbsteps.Golden;
import org.webbsteps.background.BkgFiles.Run;

/**
 * The image-from-image behaviours the reference's own tests check (spec §3.8), the input forms
 * (bkg_list, associations) and bad input, through the command line.
 */
class BackgroundStepTest {

	@TempDir
	Path dir;

	private Run run(Path input, String... args) {
		String[] all = Arrays.copyOf(args, args.length + 1);
		all[args.length] = "--output_dir=" + dir.resolve("out");
		try {
			Files.createDirectories(dir.resolve("out"));
		}
		catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
		return BkgFiles.run(input, all);
	}

	private Path out(String name) {
		return dir.resolve("out").resolve(name);
	}

	private static void assertAll(float expected, float[] values) {
		for (int i = 0; i < values.length; i++) assertEquals(expected, values[i], "pixel " + i);
	}

	private static byte[] digest(Path file) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
	}

	// -- NIRSpec grating wheel --

	@Test
	void nirspecWithEqualTiltsSubtracts() throws Exception {
		Path sci = BkgFiles.nirspecIfu().write(dir.resolve("sci_rate.fits"), 0, 10, 10, 100f);
		Path bkg = BkgFiles.nirspecIfu().write(dir.resolve("bkg_rate.fits"), 0, 10, 10, 10f);
		byte[] before = digest(sci);
		Run r = run(sci, "--bkg_list=" + bkg);
		assertEquals(0, r.code, r.log);
		assertEquals("COMPLETE", BkgFiles.keyword(out("sci_bsub.fits"), "S_BKDSUB"));
		assertAll(90f, Golden.floats(out("sci_bsub.fits"), "SCI"));
		assertArrayEquals(before, digest(sci)); // the input is untouched
		assertEquals(null, BkgFiles.keyword(sci, "S_BKDSUB"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "GWA_XTIL", "GWA_YTIL" })
	void nirspecWithATiltDifferenceOf1e5IsSkipped(String key) {
		Path sci = BkgFiles.nirspecIfu().with(key, 0.0001 + 0.00001).write(dir.resolve("sci_rate.fits"), 0, 10, 10, 100f);
		Path bkg = BkgFiles.nirspecIfu().write(dir.resolve("bkg_rate.fits"), 0, 10, 10, 10f);
		Run r = run(sci, "--bkg_list=" + bkg);
		assertEquals(0, r.code, r.log);
		assertEquals("SKIPPED", BkgFiles.keyword(out("sci_bsub.fits"), "S_BKDSUB"));
		assertAll(100f, Golden.floats(out("sci_bsub.fits"), "SCI"));
		assertTrue(r.log.contains("GWA_XTIL and GWA_YTIL source values are not the same as bkg values"), r.log);
	}

	@Test
	void nirspecTiltsWithin1e8Agree() {
		Path sci = BkgFiles.nirspecIfu().with("GWA_XTIL", 0.0001 + 5e-9).write(dir.resolve("sci_rate.fits"), 0, 10, 10, 100f);
		Path bkg = BkgFiles.nirspecIfu().write(dir.resolve("bkg_rate.fits"), 0, 10, 10, 10f);
		assertEquals(0, run(sci, "--bkg_list=" + bkg).code);
		assertEquals("COMPLETE", BkgFiles.keyword(out("sci_bsub.fits"), "S_BKDSUB"));
	}

	// -- MIRI subarrays, rate and rateints (science 10, background 1) --

	@ParameterizedTest(name = "science {0}, background {1}")
	@CsvSource({ "0x10x10, 0x10x10", "0x10x10, 0x20x20", "2x10x10, 2x10x10", "2x10x10, 2x20x20", "2x10x10, 3x10x10", "2x10x10, 3x20x20",
			"3x10x10, 2x10x10", "3x10x10, 2x20x20" })
	void fullOverlapGives9Everywhere(String sciShape, String bkgShape) {
		Path sci = miri("sci", sciShape, 10f);
		Path bkg = miri("bkg", bkgShape, 1f);
		Run r = run(sci, "--bkg_list=" + bkg);
		assertEquals(0, r.code, r.log);
		Path o = out(sciShape.startsWith("0") ? "sci_bsub.fits" : "sci_bsubints.fits");
		assertEquals("COMPLETE", BkgFiles.keyword(o, "S_BKDSUB"));
		assertAll(9f, Golden.floats(o, "SCI"));
		assertArrayEquals(Golden.dims(sci, "SCI"), Golden.dims(o, "SCI"));
	}

	@ParameterizedTest(name = "science {0}, background {1}")
	@CsvSource({ "0x20x20, 0x10x10", "2x20x20, 2x10x10", "3x20x20, 2x10x10", "2x20x20, 3x10x10" })
	void partialOverlapSubtractsOnlyWhereTheBackgroundIs(String sciShape, String bkgShape) {
		Path sci = miri("sci", sciShape, 10f);
		Path bkg = miri("bkg", bkgShape, 1f);
		assertEquals(0, run(sci, "--bkg_list=" + bkg).code);
		float[] o = Golden.floats(out(sciShape.startsWith("0") ? "sci_bsub.fits" : "sci_bsubints.fits"), "SCI");
		for (int i = 0; i < o.length; i++) {
			int x = i % 20, y = (i / 20) % 20;
			assertEquals(x < 10 && y < 10 ? 9f : 10f, o[i], "pixel " + i);
		}
	}

	/** "NxHxW" (N = 0 for 2-D) filled with a value. */
	private Path miri(String name, String shape, float value) {
		String[] s = shape.split("x");
		int n = Integer.parseInt(s[0]);
		return BkgFiles.miri().write(dir.resolve(name + (n > 0 ? "_rateints.fits" : "_rate.fits")), n, Integer.parseInt(s[1]), Integer.parseInt(s[2]), value);
	}

	// -- Input forms --

	@Test
	void associationMembersGiveScienceAndBackground() throws Exception {
		BkgFiles.miri().write(dir.resolve("jw_sci_rate.fits"), 0, 100, 100, 10f);
		BkgFiles.miri().write(dir.resolve("jw_bkg_rate.fits"), 0, 100, 100, 1f);
		Path asn = dir.resolve("jw_spec2_asn.json");
		Files.writeString(asn, "{\"asn_type\": \"image2\", \"products\": [{\"name\": \"jw_sci\", \"members\": ["
				+ "{\"expname\": \"jw_sci_rate.fits\", \"exptype\": \"science\"}, {\"expname\": \"jw_bkg_rate.fits\", \"exptype\": \"BACKGROUND\"}]}]}");
		Run r = run(asn);
		assertEquals(0, r.code, r.log);
		assertEquals("COMPLETE", BkgFiles.keyword(out("jw_sci_bsub.fits"), "S_BKDSUB"));
		assertAll(9f, Golden.floats(out("jw_sci_bsub.fits"), "SCI"));
	}

	@Test
	void bkgListFormsAllSubtractTheSameAverage() {
		Path sci = BkgFiles.miri().write(dir.resolve("sci_rate.fits"), 0, 10, 10, 10f);
		Path bkg = BkgFiles.miri().write(dir.resolve("bkg_rate.fits"), 0, 10, 10, 1f);
		for (String list : new String[] { bkg.toString(), bkg + "," + bkg, bkg + "," }) {
			Run r = run(sci, "--bkg_list=" + list);
			assertEquals(0, r.code, r.log);
			assertEquals("COMPLETE", BkgFiles.keyword(out("sci_bsub.fits"), "S_BKDSUB"), list);
			assertAll(9f, Golden.floats(out("sci_bsub.fits"), "SCI"));
		}
	}

	@Test
	void noBackgroundsIsSkippedWithDataUnchanged() throws Exception {
		Path sci = BkgFiles.miri().write(dir.resolve("sci_rate.fits"), 0, 10, 10, 10f);
		for (String[] args : new String[][] { {}, { "--bkg_list=" }, { "--bkg_list=None" } }) {
			Run r = run(sci, args);
			assertEquals(0, r.code, r.log);
			assertEquals("SKIPPED", BkgFiles.keyword(out("sci_bsub.fits"), "S_BKDSUB"));
			assertAll(10f, Golden.floats(out("sci_bsub.fits"), "SCI"));
			assertTrue(r.log.contains("No background list provided"), r.log);
			assertTrue(r.log.contains("ended with status SKIPPED"), r.log);
		}
		Path asn = dir.resolve("only_science_asn.json");
		Files.writeString(asn, "{\"products\": [{\"members\": [{\"expname\": \"sci_rate.fits\", \"exptype\": \"science\"}]}]}");
		assertEquals(0, run(asn).code);
		assertEquals("SKIPPED", BkgFiles.keyword(out("sci_bsub.fits"), "S_BKDSUB"));
	}

	@Test
	void combinedBackgroundIsSavedNextToTheOutput() {
		Path sci = BkgFiles.miri().write(dir.resolve("test.fits"), 0, 10, 10, 10f);
		float[] err = new float[100];
		Arrays.fill(err, 2f);
		int[] dq = new int[100];
		dq[7] = 1 << 31;
		Path bkg1 = BkgFiles.miri().write(dir.resolve("b1.fits"), 0, 10, 10, filled(100, 1f), err, dq);
		Path bkg2 = BkgFiles.miri().write(dir.resolve("b2.fits"), 0, 10, 10, filled(100, 3f), err, null);
		Run r = run(sci, "--bkg_list=" + bkg1 + "," + bkg2, "--save_combined_background=True");
		assertEquals(0, r.code, r.log);
		assertTrue(Files.exists(out("test_bsub.fits")));
		Path comb = out("test_combinedbackground.fits");
		assertEquals("ImageModel", BkgFiles.keyword(comb, "DATAMODL"));
		assertAll(2f, Golden.floats(comb, "SCI"));
		assertAll((float) (Math.sqrt(8) / 2), Golden.floats(comb, "ERR"));
		float[] cdq = Golden.floats(comb, "DQ");
		assertEquals(2147483648f, cdq[7]);
		assertEquals(0f, cdq[8]);
		assertAll(8f, Golden.floats(out("test_bsub.fits"), "SCI"));
		assertEquals(2147483648f, Golden.floats(out("test_bsub.fits"), "DQ")[7]);
		assertAll(0f, Golden.floats(out("test_bsub.fits"), "ERR")); // the science ERR is not changed
	}

	private static float[] filled(int n, float v) {
		float[] a = new float[n];
		Arrays.fill(a, v);
		return a;
	}

	// -- Modes and bad input --

	@Test
	void wfssIsReportedAsNotSupportedAndSkipped() {
		Path sci = BkgFiles.miri().with("INSTRUME", "NIRCAM").with("DETECTOR", "NRCALONG").with("EXP_TYPE", "NRC_WFSS")
				.write(dir.resolve("wfss_rate.fits"), 0, 10, 10, 10f);
		Run r = run(sci);
		assertEquals(0, r.code, r.log);
		assertEquals("SKIPPED", BkgFiles.keyword(out("wfss_bsub.fits"), "S_BKDSUB"));
		assertTrue(r.log.contains("WFSS background subtraction") && r.log.contains("not supported yet"), r.log);
		assertAll(10f, Golden.floats(out("wfss_bsub.fits"), "SCI"));
	}

	@Test
	void nircamGrismGoesImageFromImageWithoutACatalog() {
		BkgFiles nrc = BkgFiles.miri().with("INSTRUME", "NIRCAM").with("DETECTOR", "NRCALONG").with("EXP_TYPE", "NRC_GRISM");
		Path sci = nrc.write(dir.resolve("grism_rate.fits"), 0, 10, 10, 10f);
		Path bkg = nrc.write(dir.resolve("grism_bkg.fits"), 0, 10, 10, 4f);
		assertEquals(0, run(sci, "--bkg_list=" + bkg).code);
		assertAll(6f, Golden.floats(out("grism_bsub.fits"), "SCI"));
	}

	@Test
	void badInputIsOneClearErrorAndWritesNothing() throws Exception {
		Path sci = BkgFiles.miri().write(dir.resolve("sci_rate.fits"), 0, 10, 10, 10f);
		Path other = BkgFiles.miri().with("DETECTOR", "MIRIFULONG").write(dir.resolve("mrs_rate.fits"), 0, 10, 10, 1f);
		Path cube = BkgFiles.miri().write(dir.resolve("bkg_rateints.fits"), 2, 10, 10, 1f);
		Path noSub = BkgFiles.miri().with("SUBSTRT1", null).write(dir.resolve("nosub_rate.fits"), 0, 10, 10, 1f);
		Path badSize = BkgFiles.miri().with("SUBSIZE1", 12L).write(dir.resolve("badsize_rate.fits"), 0, 10, 10, 1f);
		Path missingAsn = dir.resolve("missing_asn.json");
		Files.writeString(missingAsn, "{\"products\": [{\"members\": [{\"expname\": \"sci_rate.fits\", \"exptype\": \"science\"},"
				+ " {\"expname\": \"gone_rate.fits\", \"exptype\": \"background\"}]}]}");
		Path noScience = dir.resolve("nosci_asn.json");
		Files.writeString(noScience, "{\"products\": [{\"members\": [{\"expname\": \"sci_rate.fits\", \"exptype\": \"background\"}]}]}");
		String[][] cases = {
				{ sci.toString(), "--bkg_list=" + other, "detector MIRIFULONG" },
				{ sci.toString(), "--bkg_list=" + cube, "cannot be mixed" },
				{ cube.toString(), "--bkg_list=" + sci, "cannot be mixed" },
				{ sci.toString(), "--bkg_list=" + noSub, "no SUBSTRT1/SUBSTRT2/SUBSIZE1/SUBSIZE2" },
				{ sci.toString(), "--bkg_list=" + badSize, "do not match the SCI array" },
				{ sci.toString(), "--bkg_list=" + dir.resolve("nowhere.fits"), "bkg_list" },
				{ missingAsn.toString(), "", "gone_rate.fits, which does not exist" },
				{ noScience.toString(), "", "has no science member" },
				{ sci.toString(), "--sigma=-1", "sigma" },
				{ sci.toString(), "--maxiters=many", "maxiters" },
				{ sci.toString(), "--soss_bkg_percentile=25", "soss_bkg_percentile" },
				{ sci.toString(), "--soss_source_percentile=101", "soss_source_percentile" },
				{ sci.toString(), "--override_bkg=" + dir.resolve("nowhere.fits"), "override_bkg" } };
		byte[] before = digest(sci);
		for (String[] c : cases) {
			Run r = c[1].isEmpty() ? run(Path.of(c[0])) : run(Path.of(c[0]), c[1]);
			assertEquals(1, r.code, String.join(" ", c) + "\n" + r.log);
			assertTrue(r.log.contains("webb-steps: error: ") && r.log.contains(c[2]), String.join(" ", c) + "\n" + r.log);
			assertEquals(1, r.log.split("webb-steps: error: ", -1).length - 1, r.log);
		}
		assertFalse(Files.exists(out("sci_bsub.fits")));
		assertArrayEquals(before, digest(sci));
	}

	@Test
	void maxitersAndSigmaAreUsed() {
		// 4 backgrounds: 1, 1, 1, 5 -> at sigma 1.5 the 5 is clipped (mean 1); at sigma 3 it is not (mean 2)
		Path sci = BkgFiles.miri().write(dir.resolve("sci_rate.fits"), 0, 4, 4, 10f);
		StringBuilder list = new StringBuilder();
		for (int i = 0; i < 4; i++) {
			Path b = BkgFiles.miri().write(dir.resolve("b" + i + "_rate.fits"), 0, 4, 4, i == 3 ? 5f : 1f);
			list.append(i > 0 ? "," : "").append(b);
		}
		assertEquals(0, run(sci, "--bkg_list=" + list, "--sigma=1.5", "--maxiters=1").code);
		assertAll(9f, Golden.floats(out("sci_bsub.fits"), "SCI"));
		assertEquals(0, run(sci, "--bkg_list=" + list, "--sigma=3", "--maxiters=None").code);
		assertAll(8f, Golden.floats(out("sci_bsub.fits"), "SCI"));
	}
}
