package org.webbsteps.background;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.Golden;
import org.webbsteps.cli.BatchMacro;

/** "Background Subtraction" from an ImageJ macro, headless: the bkg_list key takes a comma-separated list. */
class BackgroundMacroTest {

	@TempDir
	Path dir;


	@Test
	void macroRunsTheStep() throws Exception {
		Path sci = BkgFiles.miri().write(dir.resolve("sci_rate.fits"), 0, 10, 10, 10f);
		Path b1 = BkgFiles.miri().write(dir.resolve("b1_rate.fits"), 0, 10, 10, 1f);
		Path b2 = BkgFiles.miri().write(dir.resolve("b2_rate.fits"), 0, 10, 10, 3f);
		String macro = "run(\"Background Subtraction\", \"input=[" + sci + "] bkg_list=[" + b1 + "," + b2 + "] output_dir=[" + dir
				+ "] save_combined_background\");\n";
		assertEquals(0, BatchMacro.run(macro, "", org.webbsteps.TestData.pluginClasspath()));
		assertEquals("COMPLETE", BkgFiles.keyword(dir.resolve("sci_bsub.fits"), "S_BKDSUB"));
		for (float v : Golden.floats(dir.resolve("sci_bsub.fits"), "SCI")) assertEquals(8f, v);
		for (float v : Golden.floats(dir.resolve("sci_combinedbackground.fits"), "SCI")) assertEquals(2f, v);
	}
}
