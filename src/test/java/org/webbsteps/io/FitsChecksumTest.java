package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.TestData;

class FitsChecksumTest {

	private static final Path SUPERBIAS = TestData.DIR.resolve("crds_nirspec_superbias_0075_nrs1_sub512_ground.fits");

	/** The FITS verification rule: header plus data of an HDU with CHECKSUM sum to all ones. */
	private static void assertHdusVerify(Path file) throws Exception {
		byte[] all = Files.readAllBytes(file);
		try (FitsFile f = FitsFile.open(file)) {
			for (Hdu h : f.hdus()) {
				if (!h.header().has("CHECKSUM")) continue;
				FitsChecksum sum = new FitsChecksum();
				sum.add(ByteBuffer.wrap(all, (int) h.headerOffset(), (int) (h.headerBytes() + h.paddedDataBytes())));
				assertEquals(0xFFFFFFFFL, sum.value(), "checksum of " + h);
				assertEquals(Long.toString(f.dataChecksum(h)), h.header().getString("DATASUM"), "datasum of " + h);
			}
		}
	}

	@Test
	void referenceFileChecksumsVerify() throws Exception {
		assertHdusVerify(SUPERBIAS);
	}

	@Test
	void refreshedChecksumsVerifyAfterEdits(@TempDir Path tmp) throws Exception {
		Path out = tmp.resolve("edited.fits");
		try (JwstProduct p = JwstProduct.open(SUPERBIAS)) {
			ImageArray sci = p.read(p.sci());
			float[] plane = ((float[]) sci.plane(0)).clone();
			plane[5] += 1;
			p.update().replaceData(p.sci(), sci.withPlanes(new Object[] { plane })).setPrimary("S_CLNFNS", "COMPLETE", "").writeTo(out);
		}
		assertHdusVerify(out);
	}

	@Test
	void unchangedDataKeepsTheSameCards(@TempDir Path tmp) throws Exception {
		Path out = tmp.resolve("same.fits");
		try (JwstProduct p = JwstProduct.open(SUPERBIAS)) {
			p.update().replaceData(p.sci(), p.read(p.sci())).writeTo(out);
		}
		assertEquals(Files.size(SUPERBIAS), Files.size(out));
		org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(SUPERBIAS), Files.readAllBytes(out));
	}
}
