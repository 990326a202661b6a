package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.TestData;

/** uint32 DQ, uint8 GROUPDQ and uint16 raw counts keep every bit through read and write. */
class UnsignedDataTest {

	@Test
	void extremeDqValuesSurviveWriteAndRead(@TempDir Path tmp) throws Exception {
		Path ramp = tmp.resolve("x_ramp.fits");
		TestData.writeRamp(ramp, 8, 6, 3, 2, 1);
		try (JwstProduct p = JwstProduct.open(ramp)) {
			assertEquals(ProductKind.RAMP, p.kind());
			int[] dq = (int[]) p.read("PIXELDQ").plane(0);
			assertEquals(0x80000000, dq[2]); // REFERENCE_PIXEL alone
			assertEquals(0xFFFFFFFFL, dq[3] & 0xFFFFFFFFL);
			assertEquals(2147483649L, dq[4] & 0xFFFFFFFFL);
			assertEquals(0x7FFFFFFF, dq[5]);
			byte[] g = (byte[]) p.read("GROUPDQ").plane(0);
			assertEquals(255, g[4] & 0xFF);
			assertEquals(128, g[3] & 0xFF);
			// the file stores physical - 2^31 as signed int (BZERO convention)
			Hdu h = p.require("PIXELDQ");
			byte[] raw = Files.readAllBytes(ramp);
			ByteBuffer b = ByteBuffer.wrap(raw, (int) h.dataOffset(), 32);
			assertEquals(0 - 0x80000000, b.getInt()); // 0 -> -2^31
			assertEquals(1 ^ 0x80000000, b.getInt());
			assertEquals(0, b.getInt()); // 2^31 -> 0
			assertEquals(0x7FFFFFFF, b.getInt()); // 2^32-1 -> 2^31-1
		}
	}

	@Test
	void uncalCountsAreExact() throws Exception {
		Path uncal = TestData.DIR.resolve("fgs_acq1_guider2_prog1019_uncal_jwstrepo.fits");
		byte[] raw = Files.readAllBytes(uncal);
		try (JwstProduct p = JwstProduct.open(uncal)) {
			assertEquals(ProductKind.UNCAL, p.kind());
			assertEquals(6, p.nints());
			assertEquals(2, p.ngroups());
			Hdu sci = p.sci();
			ImageArray a = p.read(sci);
			ByteBuffer b = ByteBuffer.wrap(raw, (int) sci.dataOffset(), (int) sci.dataBytes());
			for (int plane = 0; plane < a.planeCount(); plane++) {
				short[] s = (short[]) a.plane(plane);
				for (short v : s) assertEquals((b.getShort() + 32768) & 0xFFFF, v & 0xFFFF);
			}
			// one integration at a time gives the same planes
			ImageArray int3 = p.readIntegration("SCI", 3);
			assertEquals(2, int3.planeCount());
			assertArrayEquals((short[]) a.plane(6), (short[]) int3.plane(0));
			assertArrayEquals((short[]) a.plane(7), (short[]) int3.plane(1));
		}
	}

	@Test
	void writtenUnsignedDataMatchesWhatWasRead(@TempDir Path tmp) throws Exception {
		Path ramp = tmp.resolve("y_ramp.fits");
		Path out = tmp.resolve("y_out.fits");
		TestData.writeRamp(ramp, 5, 4, 2, 1, 2);
		try (JwstProduct p = JwstProduct.open(ramp)) {
			ImageArray dq = p.read("PIXELDQ");
			int[] plane = ((int[]) dq.plane(0)).clone();
			plane[6] = 0xC0000001; // REFERENCE_PIXEL + OTHER_BAD_PIXEL + DO_NOT_USE
			p.update().replaceData("PIXELDQ", dq.withPlanes(new Object[] { plane })).writeTo(out);
		}
		try (JwstProduct p = JwstProduct.open(out)) {
			assertEquals(0xC0000001, ((int[]) p.read("PIXELDQ").plane(0))[6]);
		}
	}
}
