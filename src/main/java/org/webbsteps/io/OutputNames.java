package org.webbsteps.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * JWST output file names: {@code <root>_<suffix>.fits}, where the root is the input name with its
 * known pipeline suffix removed ({@code jw..._nrs1_rate.fits} → {@code jw..._nrs1_<suffix>.fits}),
 * as the pipeline's {@code make_output_path} does. The known suffixes are listed in the resource
 * {@code known-suffixes.txt}.
 */
public final class OutputNames {

	private static final Set<String> KNOWN = load();

	private OutputNames() {
	}

	/**
	 * The output path for a product.
	 *
	 * @param input the input file (its name gives the root)
	 * @param suffix the step's output suffix, e.g. {@code clean_flicker_noise}
	 * @param outputDir folder for the output, or null for the input's folder
	 * @param outputFile a user-chosen name (strun's {@code output_file}), or null; its known suffix
	 *            and extension are dropped and the step suffix is added, as the pipeline does
	 */
	public static Path outputPath(Path input, String suffix, Path outputDir, String outputFile) {
		String base = outputFile != null && !outputFile.isEmpty() ? Path.of(outputFile).getFileName().toString()
				: input.getFileName().toString();
		String name = root(stripExtension(base)) + "_" + suffix + ".fits";
		Path dir = outputDir != null ? outputDir
				: outputFile != null && Path.of(outputFile).getParent() != null ? Path.of(outputFile).getParent()
				: input.toAbsolutePath().getParent();
		return dir.resolve(name);
	}

	/** A file name without {@code .fits}, {@code .fit}, {@code .fts} and a trailing {@code .gz}. */
	public static String stripExtension(String name) {
		String n = name;
		if (n.toLowerCase().endsWith(".gz")) n = n.substring(0, n.length() - 3);
		for (String ext : new String[] { ".fits", ".fit", ".fts" }) {
			if (n.toLowerCase().endsWith(ext)) return n.substring(0, n.length() - ext.length());
		}
		return n;
	}

	/** The name without its last {@code _suffix} (or {@code -suffix}) if that suffix is a known one. */
	public static String root(String stem) {
		// known suffixes may themselves contain '_' (flat_field, clean_flicker_noise): try each separator
		for (int i = 0; i < stem.length(); i++) {
			char c = stem.charAt(i);
			if ((c == '_' || c == '-') && i > 0 && KNOWN.contains(stem.substring(i + 1).toLowerCase())) {
				return stem.substring(0, i);
			}
		}
		return stem;
	}

	/** The known pipeline suffixes. */
	public static Set<String> knownSuffixes() {
		return KNOWN;
	}

	private static Set<String> load() {
		Set<String> s = new HashSet<>();
		try (InputStream in = OutputNames.class.getResourceAsStream("known-suffixes.txt")) {
			if (in == null) throw new IllegalStateException("known-suffixes.txt is missing from the jar");
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line; (line = r.readLine()) != null;) {
				line = line.trim();
				if (!line.isEmpty() && !line.startsWith("#")) s.add(line.toLowerCase());
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot read known-suffixes.txt", e);
		}
		return Collections.unmodifiableSet(s);
	}
}
