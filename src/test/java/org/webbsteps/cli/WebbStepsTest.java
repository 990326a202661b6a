package org.webbsteps.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.TestData;

class WebbStepsTest {

	@TempDir
	Path tmp;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return WebbSteps.run(args, new PrintStream(out), new PrintStream(err));
	}

	@Test
	void inspectPrintsLayoutAndFacts() {
		assertEquals(0, run("inspect", TestData.DIR.resolve("eureka_miri_lrs_sim_rateints.fits").toString()));
		String text = out.toString();
		assertTrue(text.contains("DQ"), text);
		assertTrue(text.contains("uint32 (4, 416, 72)"), text);
		assertTrue(text.contains("ASDF"), text);
		assertTrue(text.contains("MIR_LRS-SLITLESS"), text);
		assertTrue(text.contains("nints      4"), text);
	}

	@Test
	void copyWritesTheProductUnderTheCopySuffix() throws Exception {
		Path in = TestData.DIR.resolve("nrs_msa_ceers1345_nod1_nrs2_phot_slitcutout.fits");
		assertEquals(0, run("copy", in.toString(), "--output_dir=" + tmp));
		Path copy = tmp.resolve("nrs_msa_ceers1345_nod1_nrs2_phot_slitcutout_copy.fits");
		assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(copy));
		assertTrue(out.toString().contains("copy - INFO - Saved"), out.toString());
	}

	@Test
	void severalInputsAndOutputFile() throws Exception {
		Path a = tmp.resolve("a_rate.fits");
		Path b = tmp.resolve("b_rate.fits");
		Files.copy(TestData.DIR.resolve("nrs_msa_p2565_nod2_nrs2_cal.fits"), a);
		Files.copy(TestData.DIR.resolve("nrs_msa_p2565_nod2_nrs2_cal.fits"), b);
		assertEquals(0, run("copy", a.toString(), b.toString()));
		assertTrue(Files.exists(tmp.resolve("a_copy.fits")));
		assertTrue(Files.exists(tmp.resolve("b_copy.fits")));
		assertEquals(0, run("copy", a.toString(), "--output_file=mine", "--output_dir=" + tmp));
		assertTrue(Files.exists(tmp.resolve("mine_copy.fits")));
	}

	@Test
	void refusesToOverwriteTheInput() throws Exception {
		Path in = tmp.resolve("x_copy.fits");
		Files.copy(TestData.DIR.resolve("nrs_msa_p2565_nod2_nrs2_cal.fits"), in);
		byte[] before = Files.readAllBytes(in);
		assertEquals(1, run("copy", in.toString()));
		assertTrue(err.toString().contains("is the input file"), err.toString());
		assertArrayEquals(before, Files.readAllBytes(in));
	}

	@Test
	void usageErrorsAreOneLine() {
		assertEquals(1, run("no_such_step", "x.fits"));
		assertTrue(err.toString().startsWith("webb-steps: error: unknown step 'no_such_step'; known steps:"), err.toString());
		err.reset();
		assertEquals(1, run("copy", TestData.DIR.resolve("nrs_msa_p2565_nod2_nrs2_cal.fits").toString(), "--bogus=1"));
		assertTrue(err.toString().contains("unknown parameter 'bogus' for step copy"), err.toString());
		assertEquals(1, err.toString().trim().lines().count());
		err.reset();
		assertEquals(2, run("copy"));
		assertEquals(2, run());
		assertEquals(0, run("--help", "copy"));
		assertTrue(out.toString().contains("--output_dir="), out.toString());
	}
}
