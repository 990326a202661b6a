package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webbsteps.TestData;

/** Every product we have survives a copy and a data replacement with nothing lost. */
class RoundTripTest {

	@TempDir
	Path tmp;

	static List<Path> products() throws IOException {
		List<Path> all = new ArrayList<>(TestData.bundledProducts());
		all.add(TestData.DIR.resolve("golden/p01_nircam_sub160_ramp_median/input_ramp.fits.gz"));
		all.add(TestData.DIR.resolve("golden/p01_nircam_sub160_ramp_median/ref_output.fits.gz"));
		if (Files.isDirectory(TestData.SHARED)) {
			try (Stream<Path> s = Files.list(TestData.SHARED)) {
				List<String> have = all.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
				s.filter(p -> p.toString().endsWith(".fits") || p.toString().endsWith(".fits.gz"))
						.filter(p -> !have.contains(p.getFileName().toString())).sorted().forEach(all::add);
			}
		}
		return all;
	}

	@ParameterizedTest
	@MethodSource("products")
	void unchangedCopyIsByteIdentical(Path input) throws IOException {
		Path out = tmp.resolve("copy.fits");
		try (FitsFile f = FitsFile.open(input)) {
			List<FitsWriter.Part> parts = new ArrayList<>();
			for (Hdu h : f.hdus()) parts.add(FitsWriter.copy(f, h));
			FitsWriter.write(out, parts);
		}
		assertArrayEquals(plainBytes(input), Files.readAllBytes(out));
	}

	@ParameterizedTest
	@MethodSource("products")
	void replacedScienceKeepsEverythingElse(Path input) throws IOException {
		try (FitsFile probe = FitsFile.open(input)) {
			if (probe.find("SCI", 1) == null) return; // reference files without SCI: covered by the copy test
		}
		Path out = tmp.resolve("out_cal.fits");
		try (JwstProduct p = JwstProduct.open(input)) {
			ImageArray sci = p.read(p.sci());
			Object[] planes = new Object[sci.planeCount()];
			for (int i = 0; i < planes.length; i++) planes[i] = copyOf(sci.plane(i));
			p.update().replaceData(p.sci(), sci.withPlanes(planes)).setPrimary("S_CLNFNS", "COMPLETE", "test").writeTo(out);
		}
		try (FitsFile in = FitsFile.open(input); FitsFile back = FitsFile.open(out)) {
			assertEquals(in.hdus().size(), back.hdus().size());
			byte[] a = plainBytes(input);
			byte[] b = Files.readAllBytes(out);
			for (int i = 0; i < in.hdus().size(); i++) {
				Hdu h1 = in.hdus().get(i);
				Hdu h2 = back.hdus().get(i);
				assertEquals(h1.name(), h2.name());
				if (i == 0) {
					List<String> expected = withoutUpdatedCards(h1.header().cards());
					List<String> got = withoutUpdatedCards(h2.header().cards());
					assertTrue(expected.equals(got), "primary cards other than S_CLNFNS and checksums must be unchanged");
					assertEquals("COMPLETE", h2.header().getString("S_CLNFNS"));
				}
				else {
					assertEquals(h1.header().cards(), h2.header().cards(), "header of " + h1);
					assertArrayEquals(slice(a, h1.headerOffset(), h1.endOffset()), slice(b, h2.headerOffset(), h2.endOffset()),
							"bytes of " + h1);
				}
			}
		}
	}

	private static List<String> withoutUpdatedCards(List<String> cards) {
		List<String> out = new ArrayList<>(cards);
		out.removeIf(c -> c.startsWith("S_CLNFNS") || c.startsWith("CHECKSUM") || c.startsWith("DATASUM"));
		return out;
	}

	static byte[] plainBytes(Path p) throws IOException {
		try (InputStream in = Files.newInputStream(p)) {
			byte[] all = in.readAllBytes();
			if (all.length > 2 && (all[0] & 0xFF) == 0x1f && (all[1] & 0xFF) == 0x8b) {
				try (InputStream gz = new GZIPInputStream(Files.newInputStream(p))) {
					return gz.readAllBytes();
				}
			}
			return all;
		}
	}

	private static byte[] slice(byte[] b, long from, long to) {
		return java.util.Arrays.copyOfRange(b, (int) from, (int) Math.min(to, b.length));
	}

	private static Object copyOf(Object plane) {
		int n = java.lang.reflect.Array.getLength(plane);
		Object c = java.lang.reflect.Array.newInstance(plane.getClass().getComponentType(), n);
		System.arraycopy(plane, 0, c, 0, n);
		return c;
	}
}
