package org.webbsteps.background;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webbsteps.Golden;
import org.webbsteps.background.BkgFiles.Run;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.meta.ExposureInfo;
import org.webbsteps.meta.Fact;

/**
 * The step against the JWST pipeline's outputs for the golden background cases, run through the
 * command line with the cases' strun arguments (tolerances of the cases: SCI 1e-4 + 1e-6·|ref|,
 * ERR 1e-5, DQ exact). p19 shows the subarray placement: the reference pastes a background at the
 * science array's first row and column; this plugin places it at its detector position.
 */
class BackgroundGoldenTest {

	@TempDir
	Path out;

	private Run run(Path caseDir, String args) {
		List<String> argv = new ArrayList<>();
		for (String a : args.trim().split("\\s+")) {
			if (a.startsWith("--bkg_list=")) {
				List<String> files = new ArrayList<>();
				for (String f : a.substring(11).split(",")) files.add(caseDir.resolve(f + ".gz").toString());
				a = "--bkg_list=" + String.join(",", files);
			}
			argv.add(a);
		}
		argv.add("--output_dir=" + out);
		Run r = BkgFiles.run(caseDir.resolve("input_sci.fits.gz"), argv.toArray(new String[0]));
		assertEquals(0, r.code, r.log);
		return r;
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', value = {
			"p17_bkg_miri_rate_3bkg; bsub; --sigma=3.0 --maxiters=None --save_combined_background=True --bkg_list=input_bkg1.fits,input_bkg2.fits,input_bkg3.fits",
			"p18_bkg_niriss_rateints; bsubints; --sigma=2.0 --maxiters=None --save_combined_background=True --bkg_list=input_bkg1.fits,input_bkg2.fits" })
	void matchesTheReference(String caseName, String suffix, String args) {
		Path dir = Golden.bundled(caseName);
		run(dir, args);
		Path output = out.resolve("input_sci_" + suffix + ".fits");
		assertEquals("COMPLETE", BkgFiles.keyword(output, "S_BKDSUB"));
		Path ref = dir.resolve("ref_output.fits.gz");
		double worst = Golden.assertAllClose(caseName + " SCI", Golden.floats(ref, "SCI"), Golden.floats(output, "SCI"), 1e-4, 1e-6);
		assertArrayEquals(Golden.floats(ref, "DQ"), Golden.floats(output, "DQ"), caseName + " DQ");
		assertArrayEquals(Golden.floats(ref, "ERR"), Golden.floats(output, "ERR"), caseName + " ERR (unchanged)");
		Path comb = out.resolve("input_sci_combinedbackground.fits");
		Path refComb = dir.resolve("ref_combinedbackground.fits.gz");
		worst = Math.max(worst, Golden.assertAllClose(caseName + " combined SCI", Golden.floats(refComb, "SCI"), Golden.floats(comb, "SCI"), 1e-4, 1e-6));
		double worstErr = Golden.assertAllClose(caseName + " combined ERR", Golden.floats(refComb, "ERR"), Golden.floats(comb, "ERR"), 1e-5, 1e-6);
		assertArrayEquals(Golden.floats(refComb, "DQ"), Golden.floats(comb, "DQ"), caseName + " combined DQ");
		System.out.println(caseName + ": max |SCI - reference| = " + worst + ", max |ERR - reference| = " + worstErr);
	}

	// -- p19: subarray geometry --

	private static final String P19 = "p19_bkg_subarray_overlap";
	/** bkg3 (200 x 200 at SUBSTRT 101/61): where the reference pastes it, and where it lies on the detector. */
	private static final int[] REF_BKG3 = { 0, 0, 200, 200 }, TRUE_BKG3 = { 100, 60, 200, 200 };

	private static boolean inside(int[] box, int x, int y) {
		return x >= box[0] && x < box[0] + box[2] && y >= box[1] && y < box[1] + box[3];
	}

	/**
	 * Fed the reference's placement (every block at the science array's corner), the averaging and
	 * subtraction reproduce the reference's p19 outputs everywhere: the placement is the only
	 * difference.
	 */
	@Test
	void p19WithTheReferencePlacementMatchesEverywhere() {
		Path dir = Golden.shared(P19);
		List<ExposureArrays> arrays = new ArrayList<>();
		List<Placement> placements = new ArrayList<>();
		float[][] sci;
		int[][] dq;
		Footprint sciFootprint;
		try (JwstProduct s = JwstProduct.open(dir.resolve("input_sci.fits.gz"))) {
			sciFootprint = footprint(s);
			sci = s.read("SCI").floatPlanes();
			dq = new int[][] { (int[]) s.read("DQ").plane(0) };
		}
		for (int i = 1; i <= 4; i++) {
			try (JwstProduct b = JwstProduct.open(dir.resolve("input_bkg" + i + ".fits.gz"))) {
				Placement p = Placement.of(sciFootprint, footprint(b));
				placements.add(p == null ? null : new Placement(p.srcX, p.srcY, 0, 0, p.width, p.height));
				ImageArray bs = b.read("SCI");
				arrays.add(new ExposureArrays(bs.width(), bs.height(), bs.floatPlanes(), b.read("ERR").floatPlanes(), new int[][] { (int[]) b.read("DQ").plane(0) }));
			}
		}
		CombinedBackground c = new BackgroundAverager(3.0, Integer.MAX_VALUE, 2, null).average(arrays, placements, 320, 320, false);
		Path refComb = dir.resolve("ref_combinedbackground.fits.gz");
		// bit-identical (the case tolerances would allow 1e-4 in SCI, 1e-5 in ERR)
		Golden.assertAllClose("p19 combined SCI", Golden.floats(refComb, "SCI"), c.sci, 0, 0);
		Golden.assertAllClose("p19 combined ERR", Golden.floats(refComb, "ERR"), c.err, 0, 0);
		assertArrayEquals(Golden.floats(refComb, "DQ"), toFloats(c.dq));
		c.subtractFrom(sci, dq);
		Path ref = dir.resolve("ref_output.fits.gz");
		Golden.assertAllClose("p19 SCI", Golden.floats(ref, "SCI"), sci[0], 0, 0);
		assertArrayEquals(Golden.floats(ref, "DQ"), toFloats(dq[0]));
	}

	/**
	 * The step (bkg3 at its detector position) agrees with the reference wherever neither
	 * placement of bkg3 reaches; where they do, the reference holds bkg3's misplaced values.
	 */
	@Test
	void p19StepAgreesWithTheReferenceWherePlacementsCoincide() {
		Path dir = Golden.shared(P19);
		run(dir, "--sigma=3.0 --maxiters=None --save_combined_background=True --bkg_list=input_bkg1.fits,input_bkg2.fits,input_bkg3.fits,input_bkg4.fits");
		Path output = out.resolve("input_sci_bsub.fits");
		assertEquals("COMPLETE", BkgFiles.keyword(output, "S_BKDSUB"));
		for (String[] f : new String[][] { { "ref_output.fits.gz", "input_sci_bsub.fits", "SCI" }, { "ref_output.fits.gz", "input_sci_bsub.fits", "DQ" },
				{ "ref_combinedbackground.fits.gz", "input_sci_combinedbackground.fits", "SCI" },
				{ "ref_combinedbackground.fits.gz", "input_sci_combinedbackground.fits", "ERR" },
				{ "ref_combinedbackground.fits.gz", "input_sci_combinedbackground.fits", "DQ" } }) {
			float[] ref = Golden.floats(dir.resolve(f[0]), f[2]);
			float[] got = Golden.floats(out.resolve(f[1]), f[2]);
			List<Float> r = new ArrayList<>(), g = new ArrayList<>();
			int differing = 0;
			for (int i = 0; i < ref.length; i++) {
				int x = i % 320, y = i / 320;
				if (inside(REF_BKG3, x, y) || inside(TRUE_BKG3, x, y)) {
					if (Float.compare(ref[i], got[i]) != 0) differing++;
					continue;
				}
				r.add(ref[i]);
				g.add(got[i]);
			}
			assertEquals(36400, r.size());
			Golden.assertAllClose("p19 " + f[1] + " " + f[2] + " outside bkg3", unbox(r), unbox(g), 0, 0); // bit-identical
			if (!f[2].equals("DQ")) assertTrue(differing > 60000, f[1] + " " + f[2] + ": only " + differing + " pixels differ under bkg3");
		}
	}

	/**
	 * A background subarray inside the science frame, with values tied to detector position: it is
	 * subtracted where it lies on the detector (the reference would subtract it from the science
	 * array's first 20 x 20 pixels).
	 */
	@Test
	void subarrayBackgroundIsSubtractedAtItsDetectorPosition() {
		int n = 64, bw = 20;
		float[] sci = new float[n * n];
		for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) sci[y * n + x] = detector(x + 100, y + 200) + 5;
		float[] bkg = new float[bw * bw];
		for (int y = 0; y < bw; y++) for (int x = 0; x < bw; x++) bkg[y * bw + x] = detector(x + 130, y + 210);
		BkgFiles nrc = BkgFiles.miri().with("INSTRUME", "NIRCAM").with("DETECTOR", "NRCA1").with("EXP_TYPE", "NRC_IMAGE");
		Path s = nrc.with("SUBSTRT1", 101L).with("SUBSTRT2", 201L).write(out.resolve("sci_rate.fits"), 0, n, n, sci, null, null);
		Path b = nrc.with("SUBSTRT1", 131L).with("SUBSTRT2", 211L).write(out.resolve("bkg_rate.fits"), 0, bw, bw, bkg, null, null);
		Run r = BkgFiles.run(s, "--bkg_list=" + b, "--output_dir=" + out);
		assertEquals(0, r.code, r.log);
		float[] got = Golden.floats(out.resolve("sci_bsub.fits"), "SCI");
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++) {
				boolean under = x >= 30 && x < 50 && y >= 10 && y < 30;
				assertEquals(under ? 5f : sci[y * n + x], got[y * n + x], "x " + x + ", y " + y);
			}
		}
	}

	/** A detector-fixed pattern (exact in float32). */
	private static float detector(int x, int y) {
		return x + 0.25f * y;
	}

	private static Footprint footprint(JwstProduct p) {
		ExposureInfo i = ExposureInfo.of(p);
		return Footprint.ofSubarray(i.integer(Fact.SUBSTRT1), i.integer(Fact.SUBSTRT2), i.integer(Fact.SUBSIZE1), i.integer(Fact.SUBSIZE2));
	}

	private static float[] toFloats(int[] dq) {
		float[] f = new float[dq.length];
		for (int i = 0; i < dq.length; i++) f[i] = (float) (dq[i] & 0xFFFFFFFFL);
		return f;
	}

	private static float[] unbox(List<Float> values) {
		float[] f = new float[values.size()];
		for (int i = 0; i < f.length; i++) f[i] = values.get(i);
		return f;
	}
}
