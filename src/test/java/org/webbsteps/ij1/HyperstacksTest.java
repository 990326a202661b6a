package org.webbsteps.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;
import org.webbsteps.step.JwstException;

class HyperstacksTest {

	@Test
	void rampBecomesHyperstackSharingPixels() {
		ImageArray a = ImageArray.zeros(PixelType.FLOAT32, 6, 4, 3, 2);
		ImagePlus imp = Hyperstacks.toImagePlus("ramp", a);
		assertEquals(1, imp.getNChannels());
		assertEquals(3, imp.getNSlices()); // groups
		assertEquals(2, imp.getNFrames()); // integrations
		imp.setPosition(1, 2, 2); // group 2, integration 2 -> plane 1 + 3*1
		assertSame(a.plane(4), imp.getProcessor().getPixels());
		imp.getProcessor().putPixelValue(5, 3, 7.5);
		assertEquals(7.5f, ((float[]) a.plane(4))[3 * 6 + 5]);
		float[][] back = Hyperstacks.floatPlanes(imp);
		for (int i = 0; i < back.length; i++) assertSame(a.plane(i), back[i]);
		ImageArray again = Hyperstacks.toImageArray(imp, a.dims());
		assertSame(a.plane(5), again.plane(5));
	}

	@Test
	void otherTypesAreShownAsFloatCopies() {
		ImageArray dq = ImageArray.zeros(PixelType.UINT32, 2, 2);
		((int[]) dq.plane(0))[0] = 0x80000000;
		ImagePlus imp = Hyperstacks.toImagePlus("dq", dq);
		assertEquals(2147483648.0, imp.getProcessor().getPixelValue(0, 0), 0);
	}

	@Test
	void wrongShapeIsRefused() {
		ImagePlus imp = Hyperstacks.toImagePlus("x", ImageArray.zeros(PixelType.FLOAT32, 3, 3));
		assertThrows(JwstException.class, () -> Hyperstacks.toImageArray(imp, new long[] { 3, 4 }));
		ImagePlus bytes = new ImagePlus("b", new ij.process.ByteProcessor(2, 2));
		assertThrows(JwstException.class, () -> Hyperstacks.floatPlanes(bytes));
	}
}
