package org.webbsteps.selfcal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.cli.BatchMacro;

/**
 * The example macro {@code macros/badpix_selfcal_with_backgrounds.ijm} on the real ImageJ macro
 * interpreter (headless batch): list parameters given as macro options reach the step, and the
 * result equals the command line's.
 */
class BadpixSelfcalMacroTest {

	@TempDir
	Path dir;

	@Test
	void macroWithBackgroundListMatchesTheCommandLine() throws Exception {
		Path sci = BadpixSelfcalStepTest.ifu(dir.resolve("sci_cal.fits"), "NRS1", 40, 64, 21, 1);
		Path b1 = BadpixSelfcalStepTest.ifu(dir.resolve("b1_cal.fits"), "NRS1", 40, 64, 22, 1);
		Path b2 = BadpixSelfcalStepTest.ifu(dir.resolve("b2_cal.fits"), "NRS1", 40, 64, 23, 1);
		Path viaMacro = Files.createDirectory(dir.resolve("macro"));
		Path viaCli = Files.createDirectory(dir.resolve("cli"));
		String macro = new String(Files.readAllBytes(Paths.get("macros", "badpix_selfcal_with_backgrounds.ijm")), StandardCharsets.UTF_8);
		assertEquals(0, BatchMacro.run(macro, sci + " " + b1 + "," + b2 + " " + viaMacro, org.webbsteps.TestData.pluginClasspath()));
		assertEquals(0, org.webbsteps.cli.WebbSteps.run(new String[] { "badpix_selfcal", sci.toString(), "--bkg_list=" + b1 + "," + b2,
				"--save_flagged_bkg=True", "--output_dir=" + viaCli }, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), System.err));
		for (String name : new String[] { "sci_badpix_selfcal.fits", "sci_badpix_selfcal_bkg_0.fits", "sci_badpix_selfcal_bkg_1.fits" }) {
			assertArrayEquals(BadpixSelfcalGoldenTest.ints(viaCli.resolve(name), "DQ"), BadpixSelfcalGoldenTest.ints(viaMacro.resolve(name), "DQ"), name);
		}
		assertEquals("COMPLETE", BadpixSelfcalGoldenTest.primary(viaMacro.resolve("sci_badpix_selfcal.fits"), "S_BPXSLF"));
	}

}
