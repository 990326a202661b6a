package org.webbsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.TestData;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.JwstProduct;

/**
 * The example macros in {@code macros/}, run headless on the real ImageJ macro interpreter
 * through the batch launcher, as users run them.
 */
class BatchMacroTest {

	private static List<File> plugins;

	@TempDir
	Path tmp;

	@BeforeAll
	static void pluginClasspath() {
		plugins = TestData.pluginClasspath();
	}

	private static String macro(String name) throws Exception {
		return new String(Files.readAllBytes(Paths.get("macros", name)), StandardCharsets.UTF_8);
	}

	@Test
	void openScaleSaveReopens() throws Exception {
		Path in = TestData.DIR.resolve("eureka_miri_lrs_sim_rateints.fits").toAbsolutePath();
		Path out = tmp.resolve("scaled_rateints.fits");
		assertEquals(0, BatchMacro.run(macro("open_scale_save.ijm"), in + " " + out, plugins));
		try (JwstProduct a = JwstProduct.open(in); JwstProduct b = JwstProduct.open(out)) {
			ImageArray sa = a.read("SCI");
			ImageArray sb = b.read("SCI");
			for (int p = 0; p < sa.planeCount(); p++) {
				float[] x = (float[]) sa.plane(p);
				float[] y = (float[]) sb.plane(p);
				for (int i = 0; i < x.length; i++) {
					if (!Float.isNaN(x[i])) assertEquals(2 * x[i], y[i], 0);
				}
			}
			assertEquals(a.file().hdus().size(), b.file().hdus().size());
			assertTrue(java.util.Arrays.equals((int[]) a.read("DQ").plane(2), (int[]) b.read("DQ").plane(2)));
		}
	}

	@Test
	void folderMacroCopiesEveryProduct() throws Exception {
		Path inDir = Files.createDirectory(tmp.resolve("in"));
		Path outDir = Files.createDirectory(tmp.resolve("out"));
		Files.copy(TestData.DIR.resolve("nrs_msa_p2565_nod2_nrs2_cal.fits"), inDir.resolve("a_cal.fits"));
		Files.copy(TestData.DIR.resolve("nrs_msa_ceers1345_nod1_nrs2_phot_slitcutout.fits"), inDir.resolve("b_cal.fits"));
		assertEquals(0, BatchMacro.run(macro("inspect_and_copy_folder.ijm"), inDir + " " + outDir, plugins));
		assertTrue(Files.exists(outDir.resolve("a_copy.fits")));
		assertTrue(Files.exists(outDir.resolve("b_copy.fits")));
	}

	@Test
	void folderOfRampsIsCleaned() throws Exception {
		Path inDir = Files.createDirectory(tmp.resolve("ramps"));
		Path outDir = Files.createDirectory(tmp.resolve("cleaned"));
		Files.copy(TestData.DIR.resolve("golden/p01_nircam_sub160_ramp_median/input_ramp.fits.gz"), inDir.resolve("a_ramp.fits.gz"));
		org.webbsteps.SyntheticProducts.miri().ramp(inDir.resolve("b_ramp.fits"), 1, 3, 10, 10);
		Files.copy(TestData.DIR.resolve("nrs_msa_p2565_nod2_nrs2_cal.fits"), inDir.resolve("c_cal.fits")); // not a ramp: ignored
		assertEquals(0, BatchMacro.run(macro("clean_flicker_noise_folder.ijm"), inDir + " " + outDir, plugins));
		for (String root : new String[] { "a", "b" }) {
			Path out = outDir.resolve(root + "_clean_flicker_noise.fits");
			try (org.webbsteps.io.FitsFile f = org.webbsteps.io.FitsFile.open(out)) {
				assertEquals("COMPLETE", f.primary().header().getString("S_CLNFNS"));
			}
			assertTrue(Files.exists(outDir.resolve(root + "_mask.fits")));
		}
		assertEquals(4, Files.list(outDir).count());
	}

	@Test
	void failingCommandFailsTheBatch() throws Exception {
		Path inDir = Files.createDirectory(tmp.resolve("bad"));
		Files.copy(TestData.DIR.resolve("bad/not_fits.fits"), inDir.resolve("x.fits"));
		assertEquals(1, BatchMacro.run(macro("inspect_and_copy_folder.ijm"), inDir + " " + tmp, plugins));
	}

	@Test
	void macroErrorFailsTheBatch() throws Exception {
		assertEquals(1, BatchMacro.run("print(\"a\");\nx = notDefined + 1;\n", "", plugins));
		assertEquals(0, BatchMacro.run("print(\"fine\");\n", "", plugins));
		assertEquals(1, BatchMacro.run("run(\"No Such Webb Steps Command\");\n", "", plugins));
	}
}
