package org.webbsteps.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.webbsteps.step.JwstException;

/**
 * A JWST level-2 association (JSON): {@code products[]}, each with {@code members[]} carrying
 * {@code expname} and {@code exptype} ({@code science}, {@code background}, {@code selfcal}, ...).
 * Member file names are resolved against the association's folder.
 */
public final class Association {

	/** One member: its file and its exposure type (lower case). */
	public static final class Member {
		public final Path file;
		public final String exptype;

		Member(Path file, String exptype) {
			this.file = file;
			this.exptype = exptype;
		}
	}

	private final Path path;
	private final List<List<Member>> products;

	private Association(Path path, List<List<Member>> products) {
		this.path = path;
		this.products = products;
	}

	/** Whether a file looks like an association (a .json name). */
	public static boolean isAssociation(Path file) {
		return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
	}

	/** Reads an association; errors name the file. */
	public static Association read(Path file) {
		String text;
		try {
			text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw JwstException.inFile(file, "cannot be read (" + e.getMessage() + ")", e);
		}
		Object root;
		try {
			root = new Json(text).value();
		}
		catch (IllegalArgumentException e) {
			throw JwstException.inFile(file, "is not a valid association (JSON: " + e.getMessage() + ")");
		}
		if (!(root instanceof Map) || !(((Map<?, ?>) root).get("products") instanceof List)) {
			throw JwstException.inFile(file, "is not an association: it has no products list");
		}
		Path dir = file.toAbsolutePath().getParent();
		List<List<Member>> products = new ArrayList<>();
		for (Object p : (List<?>) ((Map<?, ?>) root).get("products")) {
			if (!(p instanceof Map) || !(((Map<?, ?>) p).get("members") instanceof List)) {
				throw JwstException.inFile(file, "has a product without a members list");
			}
			List<Member> members = new ArrayList<>();
			for (Object m : (List<?>) ((Map<?, ?>) p).get("members")) {
				if (!(m instanceof Map)) throw JwstException.inFile(file, "has a member that is not an object");
				Object name = ((Map<?, ?>) m).get("expname");
				Object type = ((Map<?, ?>) m).get("exptype");
				if (!(name instanceof String) || !(type instanceof String)) {
					throw JwstException.inFile(file, "has a member without expname/exptype");
				}
				members.add(new Member(dir.resolve((String) name), ((String) type).toLowerCase(Locale.ROOT)));
			}
			products.add(Collections.unmodifiableList(members));
		}
		if (products.isEmpty()) throw JwstException.inFile(file, "has no products");
		return new Association(file, Collections.unmodifiableList(products));
	}

	public Path path() {
		return path;
	}

	/** The products, each a list of members. */
	public List<List<Member>> products() {
		return products;
	}

	/** Members of the first product with this exptype (lower case), in file order. */
	public List<Path> members(String exptype) {
		List<Path> out = new ArrayList<>();
		for (Member m : products.get(0)) if (m.exptype.equals(exptype)) out.add(m.file);
		return out;
	}

	/** The science member of the first product; an error naming the association if there is none. */
	public Path science() {
		List<Path> s = members("science");
		if (s.isEmpty()) throw JwstException.inFile(path, "has no science member");
		return s.get(0);
	}

	/** Checks that every member file exists; an error names the first missing one. */
	public void requireMembersExist() {
		for (List<Member> p : products) {
			for (Member m : p) {
				if (!Files.isRegularFile(m.file)) throw JwstException.inFile(path, "names the member " + m.file.getFileName() + ", which does not exist");
			}
		}
	}

	/** A minimal JSON reader: objects (as LinkedHashMap), arrays (as List), strings, numbers, true/false/null. */
	private static final class Json {
		private final String s;
		private int i;

		Json(String s) {
			this.s = s;
		}

		Object value() {
			Object v = parse();
			skip();
			if (i != s.length()) throw new IllegalArgumentException("unexpected text at offset " + i);
			return v;
		}

		private Object parse() {
			skip();
			if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
			char c = s.charAt(i);
			if (c == '{') return object();
			if (c == '[') return array();
			if (c == '"') return string();
			if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
			if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
			if (s.startsWith("null", i)) { i += 4; return null; }
			int start = i;
			while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
			if (start == i) throw new IllegalArgumentException("unexpected '" + c + "' at offset " + i);
			return Double.valueOf(s.substring(start, i));
		}

		private Map<String, Object> object() {
			Map<String, Object> m = new LinkedHashMap<>();
			i++;
			skip();
			if (peek() == '}') { i++; return m; }
			while (true) {
				skip();
				String key = string();
				skip();
				expect(':');
				m.put(key, parse());
				skip();
				if (peek() == ',') { i++; continue; }
				expect('}');
				return m;
			}
		}

		private List<Object> array() {
			List<Object> a = new ArrayList<>();
			i++;
			skip();
			if (peek() == ']') { i++; return a; }
			while (true) {
				a.add(parse());
				skip();
				if (peek() == ',') { i++; continue; }
				expect(']');
				return a;
			}
		}

		private String string() {
			expect('"');
			StringBuilder b = new StringBuilder();
			while (true) {
				if (i >= s.length()) throw new IllegalArgumentException("unterminated string");
				char c = s.charAt(i++);
				if (c == '"') return b.toString();
				if (c != '\\') { b.append(c); continue; }
				char e = s.charAt(i++);
				switch (e) {
					case 'n': b.append('\n'); break;
					case 't': b.append('\t'); break;
					case 'r': b.append('\r'); break;
					case 'b': b.append('\b'); break;
					case 'f': b.append('\f'); break;
					case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
					default: b.append(e);
				}
			}
		}

		private char peek() {
			if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
			return s.charAt(i);
		}

		private void expect(char c) {
			if (peek() != c) throw new IllegalArgumentException("expected '" + c + "' at offset " + i);
			i++;
		}

		private void skip() {
			while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
		}
	}
}
