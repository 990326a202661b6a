package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.TestData;

/**
 * A 2048 x 2048 x 10-group ramp opens, changes and writes in a JVM whose heap limit is 2.5 times
 * the ramp's data size (SCI + GROUPDQ + PIXELDQ): it would fail with OutOfMemoryError otherwise.
 */
class MemoryTest {

	static final int N = 2048;
	static final int GROUPS = 10;
	static final long DATA_BYTES = (long) N * N * GROUPS * 4 + (long) N * N * GROUPS + (long) N * N * 4;

	@Test
	void fullFrameRampFitsInTwoAndAHalfTimesItsSize(@TempDir Path tmp) throws Exception {
		long xmx = DATA_BYTES * 5 / 2;
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Process p = new ProcessBuilder(java, "-Xmx" + xmx, "-cp", cp, Child.class.getName(), tmp.toString())
				.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child timed out");
		assertEquals(0, p.exitValue(), out);
		assertTrue(out.contains("peak heap"), out);
		System.out.println("MemoryTest: data " + DATA_BYTES / 1048576 + " MiB, heap limit " + xmx / 1048576 + " MiB, " + out.trim());
	}

	/** The work done in the limited JVM. */
	public static final class Child {
		public static void main(String[] args) {
			Path dir = Paths.get(args[0]);
			Path in = dir.resolve("big_ramp.fits");
			TestData.writeRamp(in, N, N, GROUPS, 1, 7);
			System.gc();
			resetPeaks();
			try (JwstProduct p = JwstProduct.open(in)) {
				ImageArray sci = p.read("SCI");
				ImageArray groupdq = p.read("GROUPDQ");
				ImageArray pixeldq = p.read("PIXELDQ");
				for (Object plane : sci.planes()) {
					float[] f = (float[]) plane;
					for (int i = 0; i < f.length; i++) f[i] += 1;
				}
				p.update().replaceData("SCI", sci).replaceData("GROUPDQ", groupdq).replaceData("PIXELDQ", pixeldq)
						.setPrimary("S_CLNFNS", "COMPLETE", "Clean Flicker Noise").writeTo(dir.resolve("big_out.fits"));
			}
			long peak = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
			}
			// the pools peak at different times, and garbage counts until collected: an upper bound that depends on GC timing
			System.out.println("peak heap (sum of the pools' peaks) " + peak / 1048576 + " MiB ("
					+ String.format("%.2f", peak / (double) DATA_BYTES) + "x data)");
			new File(in.toString()).delete();
		}

		private static void resetPeaks() {
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
		}
	}
}
