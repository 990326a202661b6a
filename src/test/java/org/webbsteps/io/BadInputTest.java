package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webbsteps.TestData;
import org.webbsteps.cli.WebbSteps;
import org.webbsteps.step.JwstException;

/** Each file of the bad-input corpus gives one clear error naming the file and the problem. */
class BadInputTest {

	/** What the message must say for each corpus file. */
	private static final Map<String, String> EXPECTED = new TreeMap<>();
	static {
		EXPECTED.put("bitpix_24.fits", "unsupported BITPIX 24");
		EXPECTED.put("damaged.fits.gz", "damaged gzip");
		EXPECTED.put("empty.fits", "not a FITS file");
		EXPECTED.put("groupdq_int16.fits", "GROUPDQ is int16, expected uint8");
		EXPECTED.put("missing_naxis1.fits", "no valid NAXIS1");
		EXPECTED.put("no_sci.fits", "has no SCI extension");
		EXPECTED.put("not_fits.fits", "not a FITS file");
		EXPECTED.put("primary_only.fits", "has only a primary HDU");
		EXPECTED.put("sci_1d.fits", "SCI has 1 axes");
		EXPECTED.put("sci_is_table.fits", "SCI extension is not an image");
		EXPECTED.put("shape_mismatch.fits", "shape of ERR (10, 9) does not match SCI");
		EXPECTED.put("truncated_data.fits", "is truncated");
		EXPECTED.put("truncated_header.fits", "is truncated");
	}

	@TempDir
	Path out;

	static List<Path> badFiles() throws Exception {
		return TestData.badFiles();
	}

	@Test
	void everyCorpusFileHasAnExpectation() throws Exception {
		List<String> names = TestData.badFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
		assertEquals(EXPECTED.keySet(), new java.util.TreeSet<>(names));
	}

	@ParameterizedTest
	@MethodSource("badFiles")
	void openingFailsWithOneClearMessage(Path bad) {
		JwstException e = assertThrows(JwstException.class, () -> JwstProduct.open(bad).close());
		assertTrue(e.getMessage().startsWith(bad.toString() + ": "), e.getMessage());
		assertTrue(e.getMessage().contains(EXPECTED.get(bad.getFileName().toString())), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	@ParameterizedTest
	@MethodSource("badFiles")
	void commandLineReportsOneLineAndWritesNothing(Path bad) throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = WebbSteps.run(new String[] { "copy", bad.toString(), "--output_dir=" + out }, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err));
		assertEquals(1, code);
		String text = err.toString().trim();
		assertEquals(1, text.lines().count(), text);
		assertTrue(text.startsWith("webb-steps: error: " + bad), text);
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(0, s.count(), "no output (or temporary file) is left behind");
		}
	}

	@Test
	void missingAndUnreadablePathsAreNamed() {
		Path nowhere = out.resolve("missing_rate.fits");
		JwstException e = assertThrows(JwstException.class, () -> JwstProduct.open(nowhere));
		assertEquals(nowhere + ": no such file", e.getMessage());
		JwstException dir = assertThrows(JwstException.class, () -> JwstProduct.open(out));
		assertTrue(dir.getMessage().contains("is a directory"));
	}

	@Test
	void unwritableOutputFolderIsNamedAndLeavesNothing() throws Exception {
		Path in = TestData.DIR.resolve("nrs_msa_p2565_nod2_nrs2_cal.fits");
		Path missingDir = out.resolve("no/such/dir");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = WebbSteps.run(new String[] { "copy", in.toString(), "--output_dir=" + missingDir }, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err));
		assertEquals(1, code);
		assertTrue(err.toString().contains("output_dir"), err.toString());
	}
}
