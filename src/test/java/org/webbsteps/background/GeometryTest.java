package org.webbsteps.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Footprints from the subarray keywords and the placement of a background on the science grid. */
class GeometryTest {

	@Test
	void footprintsOverlapUnlessOneEndsBeforeTheOtherStarts() {
		Footprint sci = Footprint.ofSubarray(1, 1, 320, 320);
		assertEquals(0, sci.x0);
		assertEquals(320, sci.x1());
		assertTrue(sci.overlaps(Footprint.ofSubarray(320, 320, 10, 10)));
		assertFalse(sci.overlaps(Footprint.ofSubarray(321, 1, 10, 10)));
		assertFalse(sci.overlaps(Footprint.ofSubarray(1001, 1001, 100, 100)));
		Footprint shared = sci.intersection(Footprint.ofSubarray(101, 61, 300, 300));
		assertEquals(100, shared.x0);
		assertEquals(60, shared.y0);
		assertEquals(220, shared.width);
		assertEquals(260, shared.height);
	}

	@Test
	void fullFrameIsAssumedOnlyForFullFrameShapes() {
		assertEquals(1032, Footprint.assumedFullFrame("MIRI", 1032, 1024).width);
		assertNull(Footprint.assumedFullFrame("MIRI", 2048, 2048));
		assertEquals(2048, Footprint.assumedFullFrame("NIRCAM", 2048, 2048).height);
		assertNull(Footprint.assumedFullFrame("NIRSPEC", 512, 32));
	}

	@Test
	void backgroundsLandAtTheirDetectorPosition() {
		Footprint sci = Footprint.ofSubarray(1, 1, 320, 320);
		// a 200 x 200 background starting at detector column 101, row 61: inside the science frame
		Placement inside = Placement.of(sci, Footprint.ofSubarray(101, 61, 200, 200));
		assertEquals(0, inside.srcX);
		assertEquals(0, inside.srcY);
		assertEquals(100, inside.dstX);
		assertEquals(60, inside.dstY);
		assertEquals(200, inside.width);
		// a larger co-started background: its first 320 x 320 pixels
		Placement larger = Placement.of(sci, Footprint.ofSubarray(1, 1, 640, 640));
		assertEquals(0, larger.dstX);
		assertEquals(320, larger.width);
		// a science subarray inside a full-frame background: the background is cut at the science start
		Placement full = Placement.of(Footprint.ofSubarray(413, 51, 256, 256), Footprint.ofSubarray(1, 1, 1032, 1024));
		assertEquals(412, full.srcX);
		assertEquals(50, full.srcY);
		assertEquals(0, full.dstX);
		assertEquals(256, full.height);
		assertNull(Placement.of(sci, Footprint.ofSubarray(1001, 1001, 100, 100)));
	}
}
