package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class FitsHeaderTest {

	private static String card(String text) {
		return String.format("%-80s", text);
	}

	private static FitsHeader sample() {
		List<String> cards = Arrays.asList(
				card("SIMPLE  =                    T / conforms"),
				card("INSTRUME= 'NIRSPEC '           / instrument"),
				card("TFRAME  =             10.73676 / frame time"),
				card("NGROUPS =                   10"),
				card("QUOTE   = 'it''s    '"),
				card("LONGSTR = 'first part &'"),
				card("CONTINUE  'second part'"),
				card("EXPVAL  =              1.5D+02"),
				card("TSOVISIT=                    F"),
				card("HISTORY this is a history card = not a value"),
				card(""));
		return new FitsHeader(cards);
	}

	@Test
	void parsesValuesOfEveryKind() {
		FitsHeader h = sample();
		assertEquals("NIRSPEC", h.getString("INSTRUME"));
		assertEquals(10.73676, h.getDouble("TFRAME"), 0);
		assertEquals(10L, h.getLong("NGROUPS"));
		assertNull(h.getLong("TFRAME"));
		assertEquals("it's", h.getString("QUOTE"));
		assertEquals("first part second part", h.getString("LONGSTR"));
		assertEquals(150.0, h.getDouble("EXPVAL"), 0);
		assertEquals(Boolean.FALSE, h.getBoolean("TSOVISIT"));
		assertNull(h.getString("HISTORY"));
		assertNull(h.getString("MISSING"));
	}

	@Test
	void setReplacesInPlaceOrAddsBeforeTrailingBlanks() {
		FitsHeader h = sample();
		assertFalse(h.isModified());
		h.set("INSTRUME", "MIRI", "instrument");
		assertEquals("MIRI", h.getString("INSTRUME"));
		assertEquals(1, h.cards().stream().filter(c -> c.startsWith("INSTRUME")).count());
		assertTrue(h.cards().get(1).startsWith("INSTRUME"));
		h.set("S_CLNFNS", "COMPLETE", "clean_flicker_noise status");
		int at = h.cards().size() - 2; // before the blank card
		assertTrue(h.cards().get(at).startsWith("S_CLNFNS= 'COMPLETE'"), h.cards().get(at));
		assertTrue(h.isModified());
		h.set("LONGSTR", "short", "");
		assertEquals("short", h.getString("LONGSTR"));
		assertFalse(h.cards().stream().anyMatch(c -> c.startsWith("CONTINUE")));
	}

	@Test
	void writesWholeBlocksEndingWithEnd() {
		FitsHeader h = sample();
		byte[] b = h.toBytes();
		assertEquals(0, b.length % FitsHeader.BLOCK);
		FitsHeader back = FitsHeader.parse(b);
		assertEquals(h.cards(), back.cards());
		for (int i = 0; i < 36 * 2; i++) h.set("KEY" + i, i, "");
		assertEquals(3 * FitsHeader.BLOCK, h.toBytes().length);
	}

	@Test
	void newImageHeaderDescribesUnsignedData() {
		FitsHeader h = FitsHeader.newImageExtension("DQ", PixelType.UINT32, new long[] { 7, 5 });
		assertEquals(32L, h.getLong("BITPIX"));
		assertEquals(2147483648L, h.getLong("BZERO"));
		assertEquals(7L, h.getLong("NAXIS1"));
		assertEquals("DQ", h.getString("EXTNAME"));
	}
}
