package org.webbsteps.io;

import java.nio.ByteBuffer;

/**
 * The FITS CHECKSUM/DATASUM convention (FITS standard 4.0, appendix J): 32-bit ones' complement
 * sums of the big-endian words of the header and data, the header checksum encoded as 16 ASCII
 * characters. Used to refresh those cards on HDUs whose data or header we change.
 */
public final class FitsChecksum {

	private long sum;

	/** Adds whole 32-bit big-endian words from the buffer's remaining bytes (a multiple of 4). */
	public void add(ByteBuffer bytes) {
		ByteBuffer b = bytes.duplicate();
		long s = sum;
		int n = 0;
		while (b.remaining() >= 4) {
			s += b.getInt() & 0xFFFFFFFFL;
			if (++n == 1 << 20) {
				s = fold(s);
				n = 0;
			}
		}
		sum = fold(s);
	}

	/** Adds the raw bytes of an array (length a multiple of 4). */
	public void add(byte[] bytes) {
		add(ByteBuffer.wrap(bytes));
	}

	/** The ones' complement sum so far, as an unsigned 32-bit value. */
	public long value() {
		return sum;
	}

	/** Ones' complement addition of two unsigned 32-bit sums. */
	public static long add(long a, long b) {
		return fold(a + b);
	}

	/** The 16-character ASCII encoding of a checksum value (the complement is taken here). */
	public static String encode(long checksum) {
		long value = ~checksum & 0xFFFFFFFFL;
		char[] asc = new char[16];
		int[] exclude = { 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60 };
		for (int i = 0; i < 4; i++) {
			int b = (int) ((value >>> (24 - 8 * i)) & 0xFF);
			int[] ch = new int[4];
			java.util.Arrays.fill(ch, b / 4 + 0x30);
			ch[0] += b % 4;
			boolean changed = true;
			while (changed) {
				changed = false;
				for (int ex : exclude) {
					for (int j = 0; j < 4; j += 2) {
						if (ch[j] == ex || ch[j + 1] == ex) {
							ch[j]++;
							ch[j + 1]--;
							changed = true;
						}
					}
				}
			}
			for (int j = 0; j < 4; j++) asc[4 * j + i] = (char) ch[j];
		}
		char[] out = new char[16];
		for (int i = 0; i < 16; i++) out[i] = asc[(i + 15) % 16];
		return new String(out);
	}

	/**
	 * Refreshes CHECKSUM and DATASUM in a header for the given data sum, if the header carries
	 * either card; otherwise leaves the header alone.
	 */
	public static void refresh(FitsHeader header, long dataSum) {
		if (!header.has("CHECKSUM") && !header.has("DATASUM")) return;
		String sumComment = header.has("DATASUM") ? header.getComment("DATASUM") : "data unit checksum";
		String hduComment = header.has("CHECKSUM") ? header.getComment("CHECKSUM") : "HDU checksum";
		header.set("DATASUM", Long.toString(dataSum), sumComment);
		header.set("CHECKSUM", "0000000000000000", hduComment);
		FitsChecksum h = new FitsChecksum();
		h.add(header.toBytes());
		header.set("CHECKSUM", encode(add(h.value(), dataSum)), hduComment);
	}

	private static long fold(long s) {
		while ((s >>> 32) != 0) s = (s & 0xFFFFFFFFL) + (s >>> 32);
		return s;
	}
}
