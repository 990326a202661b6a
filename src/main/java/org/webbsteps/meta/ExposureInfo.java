package org.webbsteps.meta;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.io.ProductKind;
import org.webbsteps.step.JwstException;

/**
 * Typed exposure facts of one product, from its primary and SCI headers, plus the array shape.
 * Getters of header facts throw a {@link JwstException} naming the file and the keyword when the
 * fact is missing; use {@link #has(Fact)} to test first where a fact is optional.
 */
public final class ExposureInfo {

	private final Path file;
	private final ProductKind kind;
	private final long[] shape; // FITS order of SCI
	private final Map<Fact, Object> facts;

	public ExposureInfo(Path file, ProductKind kind, long[] sciDims, Map<Fact, Object> facts) {
		this.file = file;
		this.kind = kind;
		this.shape = sciDims.clone();
		this.facts = Collections.unmodifiableMap(new EnumMap<>(facts));
	}

	/** Reads the facts of an open product. */
	public static ExposureInfo of(JwstProduct product) {
		FitsHeader primary = product.primaryHeader();
		FitsHeader sci = product.sci().header();
		Map<Fact, Object> facts = new EnumMap<>(Fact.class);
		for (Fact f : Fact.values()) {
			FitsHeader first = f.inSciHeader() ? sci : primary;
			FitsHeader second = f.inSciHeader() ? primary : sci;
			Object v = value(first, f.keyword());
			if (v == null) v = value(second, f.keyword());
			if (v != null) facts.put(f, v);
		}
		return new ExposureInfo(product.path(), product.kind(), product.sci().dims(), facts);
	}

	public Path file() {
		return file;
	}

	public ProductKind kind() {
		return kind;
	}

	/** Whether the header gives this fact. */
	public boolean has(Fact fact) {
		return facts.containsKey(fact);
	}

	/** The fact as text (numbers as written), or an error naming the missing keyword. */
	public String text(Fact fact) {
		return String.valueOf(require(fact));
	}

	/** The fact as an integer, or an error if missing or not an integer. */
	public int integer(Fact fact) {
		Object v = require(fact);
		if (v instanceof Double && (Double) v == Math.rint((Double) v)) return ((Double) v).intValue();
		throw JwstException.inFile(file, fact.keyword() + " = " + v + " is not an integer (" + fact.meaning() + ")");
	}

	/** The fact as a real number, or an error if missing or not a number. */
	public double real(Fact fact) {
		Object v = require(fact);
		if (v instanceof Double) return (Double) v;
		throw JwstException.inFile(file, fact.keyword() + " = " + v + " is not a number (" + fact.meaning() + ")");
	}

	// -- Common facts --

	public String instrument() {
		return text(Fact.INSTRUMENT).toUpperCase();
	}

	public String detector() {
		return text(Fact.DETECTOR).toUpperCase();
	}

	public String expType() {
		return text(Fact.EXP_TYPE).toUpperCase();
	}

	public String subarray() {
		return text(Fact.SUBARRAY).toUpperCase();
	}

	/** FASTAXIS: ±1 along x (NAXIS1), ±2 along y (NAXIS2); the sign is the read direction. */
	public int fastAxis() {
		return integer(Fact.FASTAXIS);
	}

	/** SLOWAXIS: ±1 along x (NAXIS1), ±2 along y (NAXIS2); the sign is the read direction. */
	public int slowAxis() {
		return integer(Fact.SLOWAXIS);
	}

	/** DISPAXIS: 1 = dispersion along x, 2 = along y. */
	public int dispAxis() {
		return integer(Fact.DISPAXIS);
	}

	/** Image width (NAXIS1 of SCI). */
	public int width() {
		return (int) shape[0];
	}

	/** Image height (NAXIS2 of SCI). */
	public int height() {
		return (int) shape[1];
	}

	/** Integrations in the data (from the array shape, not NINTS; 1 for 2-D data). */
	public int nints() {
		return shape.length >= 3 ? (int) shape[shape.length - 1] : 1;
	}

	/** Groups per integration in the data (from the array shape, not NGROUPS; 1 for rates). */
	public int ngroups() {
		return shape.length == 4 ? (int) shape[2] : 1;
	}

	/** Whether the exposure is a full-frame readout (SUBARRAY = FULL). */
	public boolean isFullFrame() {
		return has(Fact.SUBARRAY) && "FULL".equals(subarray());
	}

	/** One line per known fact, for logs and the {@code inspect} step. */
	public String describe() {
		StringBuilder sb = new StringBuilder();
		sb.append(String.format("%-10s %s (%s)%n", "product", kind, kind.datamodel()));
		sb.append(String.format("%-10s %s%n", "shape", JwstProduct.numpyShape(shape)));
		sb.append(String.format("%-10s %d%n", "nints", nints()));
		sb.append(String.format("%-10s %d%n", "ngroups", ngroups()));
		for (Map.Entry<Fact, Object> e : facts.entrySet()) {
			Object v = e.getValue();
			String text = v instanceof Double && (Double) v == Math.rint((Double) v) && Math.abs((Double) v) < 1e15
					? Long.toString(((Double) v).longValue()) : String.valueOf(v);
			sb.append(String.format("%-10s %s%n", e.getKey().keyword(), text));
		}
		return sb.toString();
	}

	private Object require(Fact fact) {
		Object v = facts.get(fact);
		if (v == null) {
			String where = fact.inSciHeader() ? "SCI or primary header" : "primary header";
			throw JwstException.inFile(file, "the " + where + " has no " + fact.keyword() + " keyword ("
					+ fact.meaning() + "), which this step needs");
		}
		return v;
	}

	/** A header value as Double (numbers), Boolean (logicals) or String (everything else). */
	private static Object value(FitsHeader h, String key) {
		if (!h.has(key)) return null;
		Boolean b = h.getBoolean(key);
		if (b != null) return b;
		String s = h.getString(key);
		if (s == null) return null;
		Double d = h.getDouble(key);
		boolean quoted = isQuoted(h, key);
		return d != null && !quoted ? (Object) d : s.trim();
	}

	private static boolean isQuoted(FitsHeader h, String key) {
		for (String card : h.cards()) {
			if (card.startsWith(String.format("%-8s= ", key))) return card.substring(10).trim().startsWith("'");
		}
		return false;
	}
}
