package org.webbsteps.dq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.integer.UnsignedIntType;

import org.junit.jupiter.api.Test;
import org.webbsteps.service.DqService;
import org.scijava.Context;

class DqFlagsTest {

	@Test
	void flagValuesAreTheJwstOnes() {
		assertEquals(0, PixelFlag.GOOD.value());
		assertEquals(1, PixelFlag.DO_NOT_USE.value());
		assertEquals(4, PixelFlag.JUMP_DET.value());
		assertEquals(512, PixelFlag.NON_SCIENCE.value());
		assertEquals(536870912L, PixelFlag.MSA_FAILED_OPEN.value());
		assertEquals(1073741824L, PixelFlag.OTHER_BAD_PIXEL.value());
		assertEquals(2147483648L, PixelFlag.REFERENCE_PIXEL.value());
		for (GroupFlag g : GroupFlag.values()) assertEquals(PixelFlag.valueOf(g.name()).value(), g.value());
		assertEquals(33, PixelFlag.values().length);
	}

	@Test
	void parsesFlagLists() {
		assertEquals(5, DqFlags.parse("DO_NOT_USE+JUMP_DET"));
		assertEquals(5, DqFlags.parse("do_not_use, jump_det"));
		assertEquals(0x80000001, DqFlags.parse("REFERENCE_PIXEL+DO_NOT_USE"));
		assertEquals(0x80000000, DqFlags.parse("2147483648"));
		assertEquals(0, DqFlags.parse(""));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DqFlags.parse("DO_NOT_USE+BOGUS"));
		assertEquals("unknown DQ flag 'BOGUS'", e.getMessage());
		assertEquals("DO_NOT_USE+REFERENCE_PIXEL", DqFlags.names(0x80000001));
		assertEquals("GOOD", DqFlags.names(0));
	}

	@Test
	void masksSelectPixelsWithAnyBit() {
		int[] dq = { 0, 1, 4, 5, 0x80000000, 512 };
		assertArrayEquals(new boolean[] { false, true, true, true, false, false }, DqFlags.anySet(dq, 5));
		assertArrayEquals(new boolean[] { false, false, false, false, true, false }, DqFlags.anySet(dq, 0x80000000));
		byte[] g = { 0, 1, (byte) 128, 4 };
		assertArrayEquals(new boolean[] { false, true, true, false }, DqFlags.anySet(g, 129));
		int[] target = new int[3];
		DqFlags.set(target, new boolean[] { true, false, true }, DqFlags.parse("DO_NOT_USE+OTHER_BAD_PIXEL"));
		assertArrayEquals(new int[] { 0x40000001, 0, 0x40000001 }, target);
	}

	@Test
	void serviceMasksImgLib2Images() {
		try (Context ctx = new Context(DqService.class)) {
			DqService dq = ctx.getService(DqService.class);
			RandomAccessibleInterval<UnsignedIntType> img = ArrayImgs.unsignedInts(new int[] { 0, 1, 0x80000000, 6 }, 2, 2);
			RandomAccessibleInterval<BitType> m = dq.mask(img, dq.parse("REFERENCE_PIXEL+JUMP_DET"));
			boolean[] got = new boolean[4];
			int i = 0;
			for (BitType b : net.imglib2.view.Views.flatIterable(m)) got[i++] = b.get();
			assertArrayEquals(new boolean[] { false, false, true, true }, got);
		}
	}
}
