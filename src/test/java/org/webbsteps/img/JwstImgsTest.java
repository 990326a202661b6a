package org.webbsteps.img;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.imglib2.RandomAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;

class JwstImgsTest {

	@Test
	void rampViewSharesPlanesInFitsAxisOrder() {
		ImageArray a = ImageArray.zeros(PixelType.FLOAT32, 4, 3, 5, 2); // nx, ny, ngroups, nints
		PlanarImg<FloatType, ?> img = JwstImgs.floats(a);
		assertArrayEquals(new long[] { 4, 3, 5, 2 }, img.dimensionsAsLongArray());
		RandomAccess<FloatType> ra = img.randomAccess();
		ra.setPosition(new long[] { 1, 2, 3, 1 }); // x=1, y=2, group=3, integration=1
		ra.get().set(42f);
		float[] plane = (float[]) a.plane(3 + 5 * 1);
		assertEquals(42f, plane[2 * 4 + 1]);
		assertSame(plane, img.getPlane(8).getCurrentStorageArray());
	}

	@Test
	void dqViewIsUnsignedAndExact() {
		ImageArray dq = ImageArray.zeros(PixelType.UINT32, 2, 1);
		((int[]) dq.plane(0))[1] = 0xFFFFFFFF;
		PlanarImg<UnsignedIntType, ?> img = JwstImgs.uint32(dq);
		RandomAccess<UnsignedIntType> ra = img.randomAccess();
		ra.setPosition(new long[] { 1, 0 });
		assertEquals(4294967295L, ra.get().get());
		ra.get().set(2147483649L);
		assertEquals(0x80000001, ((int[]) dq.plane(0))[1]);
	}
}
