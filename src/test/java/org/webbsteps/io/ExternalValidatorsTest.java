package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.TestData;

/**
 * Our outputs pass fitsverify with no error that the input did not already have, and open in
 * astropy with the expected extensions and unsigned DQ. Skipped where the tools are not installed
 * (CI installs them: see .ci/run).
 */
class ExternalValidatorsTest {

	@TempDir
	Path tmp;

	private static boolean have(String... command) {
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException | InterruptedException e) {
			return false;
		}
	}

	private static String run(String... command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor(120, TimeUnit.SECONDS);
		return text;
	}

	private static int fitsverifyErrors(Path file) throws Exception {
		String text = run("fitsverify", "-q", file.toString());
		Matcher m = Pattern.compile("(\\d+) errors?").matcher(text);
		if (text.contains("verification OK")) return 0;
		if (!m.find()) throw new AssertionError("unexpected fitsverify output: " + text);
		return Integer.parseInt(m.group(1));
	}

	/** Writes each bundled product with SCI replaced and S_CLNFNS set. */
	private Path rewrite(Path input) {
		Path out = tmp.resolve(OutputNames.stripExtension(input.getFileName().toString()) + "_out.fits");
		try (JwstProduct p = JwstProduct.open(input)) {
			p.update().replaceData(p.sci(), p.read(p.sci())).setPrimary("S_CLNFNS", "COMPLETE", "Clean Flicker Noise").writeTo(out);
		}
		return out;
	}

	@Test
	void outputsAddNoFitsverifyErrors() throws Exception {
		assumeTrue(have("fitsverify", "-h") || Files.isExecutable(Path.of("/usr/bin/fitsverify")), "fitsverify is not installed");
		for (Path in : TestData.bundledProducts()) {
			if (in.toString().endsWith(".gz")) continue;
			try (FitsFile probe = FitsFile.open(in)) {
				if (probe.find("SCI", 1) == null) continue; // reference files without SCI are not products
			}
			Path out = rewrite(in);
			assertEquals(fitsverifyErrors(in), fitsverifyErrors(out), "fitsverify errors of " + out + " vs its input");
		}
		Path ramp = tmp.resolve("synthetic_ramp.fits");
		org.webbsteps.TestData.writeRamp(ramp, 16, 8, 3, 2, 3);
		assertEquals(0, fitsverifyErrors(ramp));
		assertEquals(0, fitsverifyErrors(rewrite(ramp)));
	}

	/** The step outputs and the extra products written from scratch (mask, background, noise). */
	@Test
	void stepProductsPassFitsverify() throws Exception {
		assumeTrue(have("fitsverify", "-h") || Files.isExecutable(Path.of("/usr/bin/fitsverify")), "fitsverify is not installed");
		Path ramp = TestData.DIR.resolve("golden/p01_nircam_sub160_ramp_median/input_ramp.fits.gz");
		int code = org.webbsteps.cli.WebbSteps.run(new String[] { "clean_flicker_noise", ramp.toString(), "--output_dir=" + tmp,
				"--save_mask=True", "--save_background=True", "--save_noise=True" }, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
				new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
		assertEquals(0, code);
		for (String suffix : new String[] { "clean_flicker_noise", "mask", "flicker_bkg", "flicker_noise" }) {
			assertEquals(0, fitsverifyErrors(tmp.resolve("input_" + suffix + ".fits")), suffix);
		}
		Path selfcal = TestData.DIR.resolve("golden/p16_badpix_nirspec_ifu_force_single/input_sci.fits.gz");
		assertEquals(0, org.webbsteps.cli.WebbSteps.run(new String[] { "badpix_selfcal", selfcal.toString(), "--output_dir=" + tmp,
				"--force_single=True", "--kernel_size=9" }, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
				new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
		assertEquals(0, fitsverifyErrors(tmp.resolve("input_sci_badpix_selfcal.fits")), "badpix_selfcal");
		Path dir = TestData.DIR.resolve("golden/p17_bkg_miri_rate_3bkg");
		assertEquals(0, org.webbsteps.cli.WebbSteps.run(new String[] { "bkg_subtract", dir.resolve("input_sci.fits.gz").toString(), "--output_dir=" + tmp,
				"--bkg_list=" + dir.resolve("input_bkg1.fits.gz") + "," + dir.resolve("input_bkg2.fits.gz") + "," + dir.resolve("input_bkg3.fits.gz"),
				"--save_combined_background=True" }, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
				new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
		for (String name : new String[] { "input_sci_bsub.fits", "input_sci_combinedbackground.fits" }) {
			assertTrue(Files.exists(tmp.resolve(name)), name);
			assertEquals(0, fitsverifyErrors(tmp.resolve(name)), name);
		}
	}

	@Test
	void outputsOpenInAstropy() throws Exception {
		assumeTrue(have("/usr/bin/python3", "-c", "import astropy"), "astropy is not installed");
		Path ramp = tmp.resolve("synthetic_ramp.fits");
		org.webbsteps.TestData.writeRamp(ramp, 16, 8, 3, 2, 3);
		Path out = rewrite(ramp);
		String script = String.join("\n", List.of(
				"import sys",
				"from astropy.io import fits",
				"with fits.open(sys.argv[1]) as h:",
				"    h.verify('exception')",
				"    print([x.name for x in h])",
				"    print(h['SCI'].data.shape, h['SCI'].data.dtype.name)",
				"    print(h['PIXELDQ'].data.dtype.name, int(h['PIXELDQ'].data[0, 3]), int(h['PIXELDQ'].data[0, 2]))",
				"    print(h['GROUPDQ'].data.dtype.name, int(h['GROUPDQ'].data[0, 0, 0, 4]))",
				"    print(h[0].header['S_CLNFNS'])"));
		String text = run("/usr/bin/python3", "-c", script, out.toString());
		assertEquals(String.join("\n", List.of(
				"['PRIMARY', 'SCI', 'PIXELDQ', 'GROUPDQ']",
				"(2, 3, 8, 16) float32",
				"uint32 4294967295 2147483648",
				"uint8 255",
				"COMPLETE")), text.trim());
	}
}
