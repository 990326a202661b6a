package org.webbsteps.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.HeaderCard;
import nom.tam.fits.HeaderCardException;

/**
 * The cards of one FITS header, kept as the original 80-character strings so that a header we
 * write back differs from the input only in the cards we set. Values are parsed on demand.
 */
public final class FitsHeader {

	/** Bytes per card. */
	public static final int CARD = 80;
	/** Bytes per FITS block. */
	public static final int BLOCK = 2880;

	private final List<String> cards; // without END
	private boolean modified;

	public FitsHeader(List<String> cards) {
		this.cards = new ArrayList<>(cards);
	}

	/** Parses a header from its raw bytes (the END card and what follows it are dropped). */
	static FitsHeader parse(byte[] raw) {
		List<String> cards = new ArrayList<>();
		for (int at = 0; at + CARD <= raw.length; at += CARD) {
			String card = new String(raw, at, CARD, StandardCharsets.US_ASCII);
			if (keyOf(card).equals("END")) break;
			cards.add(card);
		}
		return new FitsHeader(cards);
	}

	/** A new primary header without data (SIMPLE, BITPIX 8, NAXIS 0, EXTEND). */
	public static FitsHeader newPrimary() {
		FitsHeader h = new FitsHeader(new ArrayList<>());
		h.set("SIMPLE", true, "conforms to FITS standard");
		h.set("BITPIX", 8, "array data type");
		h.set("NAXIS", 0, "number of array dimensions");
		h.set("EXTEND", true, "");
		return h;
	}

	/** A new IMAGE extension header for data of this type and FITS dims (NAXIS1 first). */
	public static FitsHeader newImageExtension(String extname, PixelType type, long[] dims) {
		FitsHeader h = new FitsHeader(new ArrayList<>());
		h.set("XTENSION", "IMAGE", "Image extension");
		h.set("BITPIX", type.bitpix(), "array data type");
		h.set("NAXIS", dims.length, "number of array dimensions");
		for (int i = 0; i < dims.length; i++) h.set("NAXIS" + (i + 1), dims[i], "");
		h.set("PCOUNT", 0, "number of parameters");
		h.set("GCOUNT", 1, "number of groups");
		if (type.bzero() != 0) {
			h.set("BSCALE", 1, "");
			h.set("BZERO", (long) type.bzero(), "offset for unsigned integers");
		}
		h.set("EXTNAME", extname, "extension name");
		h.modified = false;
		return h;
	}

	/** The cards as 80-character strings, without END. */
	public List<String> cards() {
		return Collections.unmodifiableList(cards);
	}

	/** Whether {@link #set} changed anything since this header was read. */
	public boolean isModified() {
		return modified;
	}

	public boolean has(String key) {
		return indexOf(key) >= 0;
	}

	/** A string value (with CONTINUE long strings joined), or null if the keyword is absent. */
	public String getString(String key) {
		int i = indexOf(key);
		if (i < 0) return null;
		String value = rawValue(cards.get(i));
		if (value == null) return null;
		if (!value.startsWith("'")) return value;
		StringBuilder text = new StringBuilder(unquote(value));
		while (text.length() > 0 && text.charAt(text.length() - 1) == '&' && i + 1 < cards.size()
				&& keyOf(cards.get(i + 1)).equals("CONTINUE")) {
			text.setLength(text.length() - 1);
			i++;
			String more = cards.get(i).substring(8).trim();
			text.append(more.startsWith("'") ? unquote(stripComment(more)) : "");
		}
		return text.toString();
	}

	/** A numeric value, or null if absent or not a number. */
	public Double getDouble(String key) {
		String value = getString(key);
		if (value == null) return null;
		try {
			return Double.valueOf(value.trim().replace('D', 'E').replace('d', 'e'));
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	/** An integer value, or null if absent or not an integer. */
	public Long getLong(String key) {
		Double d = getDouble(key);
		if (d == null || d != Math.rint(d)) return null;
		return d.longValue();
	}

	/** A logical value (T/F), or null if absent or not logical. */
	public Boolean getBoolean(String key) {
		String value = getString(key);
		if ("T".equals(value)) return Boolean.TRUE;
		if ("F".equals(value)) return Boolean.FALSE;
		return null;
	}

	/** Sets a string keyword: the card is replaced in place, or added before END. */
	public void set(String key, String value, String comment) {
		try {
			put(key, new HeaderCard(key, value, comment).toString());
		}
		catch (HeaderCardException e) {
			throw new IllegalArgumentException("cannot write FITS card " + key + " = " + value, e);
		}
	}

	/** Sets an integer keyword. */
	public void set(String key, long value, String comment) {
		try {
			put(key, new HeaderCard(key, value, comment).toString());
		}
		catch (HeaderCardException e) {
			throw new IllegalArgumentException("cannot write FITS card " + key + " = " + value, e);
		}
	}

	/** Sets a real-valued keyword. */
	public void set(String key, double value, String comment) {
		try {
			put(key, new HeaderCard(key, value, comment).toString());
		}
		catch (HeaderCardException e) {
			throw new IllegalArgumentException("cannot write FITS card " + key + " = " + value, e);
		}
	}

	/** Sets a logical keyword. */
	public void set(String key, boolean value, String comment) {
		try {
			put(key, new HeaderCard(key, value, comment).toString());
		}
		catch (HeaderCardException e) {
			throw new IllegalArgumentException("cannot write FITS card " + key + " = " + value, e);
		}
	}

	/** The comment of a keyword's card ("" if none or absent). */
	public String getComment(String key) {
		int i = indexOf(key);
		if (i < 0) return "";
		String card = cards.get(i);
		String field = card.substring(10).trim();
		String value = stripComment(field);
		int at = field.indexOf('/', value == null ? 0 : value.length());
		return at < 0 ? "" : field.substring(at + 1).trim();
	}

	/** Removes a keyword if present. */
	public void remove(String key) {
		int i = indexOf(key);
		if (i >= 0) {
			cards.remove(i);
			modified = true;
		}
	}

	/** The header as FITS bytes: cards, END, blank padding to a whole number of blocks. */
	public byte[] toBytes() {
		int used = (cards.size() + 1) * CARD;
		int size = (used + BLOCK - 1) / BLOCK * BLOCK;
		byte[] out = new byte[size];
		java.util.Arrays.fill(out, (byte) ' ');
		int at = 0;
		for (String card : cards) {
			byte[] b = card.getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(b, 0, out, at, Math.min(CARD, b.length));
			at += CARD;
		}
		out[at] = 'E';
		out[at + 1] = 'N';
		out[at + 2] = 'D';
		return out;
	}

	// -- Helper methods --

	private void put(String key, String formatted) {
		List<String> newCards = new ArrayList<>();
		for (int at = 0; at < formatted.length(); at += CARD) {
			String c = formatted.substring(at, Math.min(formatted.length(), at + CARD));
			newCards.add(String.format(Locale.ROOT, "%-80s", c));
		}
		int i = indexOf(key);
		if (i >= 0) {
			int end = i + 1;
			while (end < cards.size() && keyOf(cards.get(end)).equals("CONTINUE")) end++;
			cards.subList(i, end).clear();
			cards.addAll(i, newCards);
		}
		else {
			int insertAt = cards.size();
			while (insertAt > 0 && cards.get(insertAt - 1).trim().isEmpty()) insertAt--;
			cards.addAll(insertAt, newCards);
		}
		modified = true;
	}

	private int indexOf(String key) {
		String k = key.toUpperCase(Locale.ROOT);
		for (int i = 0; i < cards.size(); i++) {
			if (keyOf(cards.get(i)).equals(k) && hasValue(cards.get(i))) return i;
		}
		return -1;
	}

	static String keyOf(String card) {
		return card.substring(0, Math.min(8, card.length())).trim();
	}

	private static boolean hasValue(String card) {
		return card.length() >= 10 && card.charAt(8) == '=' && card.charAt(9) == ' ';
	}

	/** The value field of a card: a quoted string with its quotes, or the token before any comment. */
	private static String rawValue(String card) {
		String field = card.substring(10).trim();
		if (field.isEmpty()) return null;
		return stripComment(field);
	}

	private static String stripComment(String field) {
		if (field.startsWith("'")) {
			int i = 1;
			while (i < field.length()) {
				if (field.charAt(i) == '\'') {
					if (i + 1 < field.length() && field.charAt(i + 1) == '\'') i += 2;
					else return field.substring(0, i + 1);
				}
				else i++;
			}
			return field; // unterminated: take what there is
		}
		int slash = field.indexOf('/');
		String token = (slash >= 0 ? field.substring(0, slash) : field).trim();
		return token.isEmpty() ? null : token;
	}

	private static String unquote(String quoted) {
		String inner = quoted.length() >= 2 && quoted.endsWith("'") ? quoted.substring(1, quoted.length() - 1)
				: quoted.substring(1);
		inner = inner.replace("''", "'");
		int end = inner.length();
		while (end > 0 && inner.charAt(end - 1) == ' ') end--;
		return inner.substring(0, end);
	}
}
