package org.webbsteps;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering of style.md §8.2: only the user-facing packages touch ImageJ and AWT; only they
 * and the services touch SciJava; algorithm packages import neither nor the FITS library.
 */
class ArchitectureTest {

	private static final Path MAIN = Paths.get("src/main/java/org/webbsteps");
	/** Packages that may use ImageJ 1.x and AWT. */
	private static final List<String> UI = Arrays.asList("commands", "ij1", "cli");
	/** Packages that may use SciJava. */
	private static final List<String> SCIJAVA = Arrays.asList("commands", "ij1", "cli", "service");
	/** Packages that may use nom-tam-fits. */
	private static final List<String> FITS = Arrays.asList("io");

	@Test
	void importsFollowTheLayers() throws IOException {
		List<String> problems = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
				String pkg = MAIN.relativize(f).getName(0).toString();
				if (pkg.endsWith(".java")) pkg = "";
				for (String line : Files.readAllLines(f)) {
					if (!line.startsWith("import ")) continue;
					if ((line.startsWith("import ij.") || line.startsWith("import java.awt")) && !UI.contains(pkg)) problems.add(f + ": " + line);
					if (line.startsWith("import org.scijava") && !SCIJAVA.contains(pkg)) problems.add(f + ": " + line);
					if (line.startsWith("import nom.tam") && !FITS.contains(pkg)) problems.add(f + ": " + line);
				}
			}
		}
		assertTrue(problems.isEmpty(), String.join("\n", problems));
	}
}
