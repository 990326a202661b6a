package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

class OutputNamesTest {

	private static String name(String input, String suffix, String outputFile) {
		return OutputNames.outputPath(Paths.get("/data", input), suffix, null, outputFile).getFileName().toString();
	}

	@Test
	void replacesTheKnownPipelineSuffix() {
		assertEquals("jw01_nrs1_clean_flicker_noise.fits", name("jw01_nrs1_rate.fits", "clean_flicker_noise", null));
		assertEquals("test_mask.fits", name("test_jump.fits", "mask", null));
		assertEquals("jw01_nis_flicker_bkg.fits", name("jw01_nis_uncal.fits", "flicker_bkg", null));
		assertEquals("jw01_nrs1_bsub.fits", name("jw01_nrs1_rate.fits.gz", "bsub", null));
		assertEquals("x_copy.fits", name("x_clean_flicker_noise.fits", "copy", null));
	}

	@Test
	void keepsUnknownEndings() {
		assertEquals("mydata_copy.fits", name("mydata.fits", "copy", null));
		assertEquals("my_special_copy.fits", name("my_special.fits", "copy", null));
	}

	@Test
	void outputFileAndFolderAsStrun() {
		assertEquals("stage1_rate.fits", name("a_uncal.fits", "rate", "stage1"));
		assertEquals("stage1_rate.fits", name("a_uncal.fits", "rate", "stage1.fits"));
		Path p = OutputNames.outputPath(Paths.get("/data/a_rate.fits"), "copy", Paths.get("/out"), null);
		assertEquals(Paths.get("/out/a_copy.fits"), p);
		assertEquals(Paths.get("/data/a_copy.fits"), OutputNames.outputPath(Paths.get("/data/a_rate.fits"), "copy", null, null));
	}
}
