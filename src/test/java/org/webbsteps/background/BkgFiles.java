package org.webbsteps.background;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.webbsteps.cli.WebbSteps;
import org.webbsteps.io.FitsFile;
import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.FitsWriter;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;

/**
 * Small rate/rateints products with SCI, ERR and DQ for the background tests (the reference's
 * tests build the same in memory), and running {@code bkg_subtract} through the command line.
 */
final class BkgFiles {

	private final Map<String, Object> meta = new LinkedHashMap<>();

	private BkgFiles(String instrument, String detector, String expType) {
		meta.put("TELESCOP", "JWST");
		meta.put("INSTRUME", instrument);
		meta.put("DETECTOR", detector);
		meta.put("EXP_TYPE", expType);
		meta.put("SUBSTRT1", 1L);
		meta.put("SUBSTRT2", 1L);
	}

	/** MIRI F2100W imaging, subarray at (1, 1) sized from the array (the reference's MIRI cases). */
	static BkgFiles miri() {
		return new BkgFiles("MIRI", "MIRIMAGE", "MIR_IMAGE").with("FILTER", "F2100W");
	}

	/** NIRSpec IFU with the reference tests' grating-wheel tilts. */
	static BkgFiles nirspecIfu() {
		return new BkgFiles("NIRSPEC", "NRS1", "NRS_IFU").with("GWA_XTIL", 0.0001).with("GWA_YTIL", 0.0001).with("GRATING", "PRISM");
	}

	/** NIRISS SOSS. */
	static BkgFiles soss() {
		return new BkgFiles("NIRISS", "NIS", "NIS_SOSS").with("FILTER", "CLEAR").with("PUPIL", "GR700XD");
	}

	/** Sets (or with null removes) a primary keyword. */
	BkgFiles with(String key, Object value) {
		if (value == null) meta.remove(key);
		else meta.put(key, value);
		return this;
	}

	/** A product filled with one value: shape (ny, nx) or (nints, ny, nx) with nints > 0. */
	Path write(Path file, int nints, int ny, int nx, float value) {
		float[] v = new float[Math.max(1, nints) * ny * nx];
		Arrays.fill(v, value);
		return write(file, nints, ny, nx, v, null, null);
	}

	/**
	 * A product with the given SCI (all planes concatenated), ERR (null: 0) and DQ (null: 0);
	 * SUBSIZE1/2 are set from the shape unless given.
	 */
	Path write(Path file, int nints, int ny, int nx, float[] sci, float[] err, int[] dq) {
		long[] dims = nints > 0 ? new long[] { nx, ny, nints } : new long[] { nx, ny };
		Map<String, Object> m = new LinkedHashMap<>(meta);
		m.put("DATAMODL", nints > 0 ? "CubeModel" : "ImageModel");
		m.putIfAbsent("SUBSIZE1", (long) nx);
		m.putIfAbsent("SUBSIZE2", (long) ny);
		if (nints > 0) m.put("NINTS", (long) nints);
		FitsHeader primary = FitsHeader.newPrimary();
		for (Map.Entry<String, Object> e : m.entrySet()) {
			Object v = e.getValue();
			if (v instanceof String) primary.set(e.getKey(), (String) v, "");
			else if (v instanceof Long) primary.set(e.getKey(), (long) (Long) v, "");
			else primary.set(e.getKey(), ((Number) v).doubleValue(), "");
		}
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(image("SCI", PixelType.FLOAT32, dims, sci));
		parts.add(image("ERR", PixelType.FLOAT32, dims, err));
		parts.add(image("DQ", PixelType.UINT32, dims, dq));
		FitsWriter.write(file, parts);
		return file;
	}

	/** An image extension from concatenated planes (null: zeros). */
	static FitsWriter.Part image(String name, PixelType type, long[] dims, Object values) {
		ImageArray a = ImageArray.zeros(type, dims);
		if (values != null) {
			int size = a.width() * a.height();
			for (int p = 0; p < a.planeCount(); p++) System.arraycopy(values, p * size, a.plane(p), 0, size);
		}
		return FitsWriter.image(FitsHeader.newImageExtension(name, type, dims), a);
	}

	/** Exit code and everything printed by one command-line run. */
	static final class Run {
		final int code;
		final String log;

		Run(int code, String log) {
			this.code = code;
			this.log = log;
		}
	}

	/** {@code webb-steps bkg_subtract <input> args...}. */
	static Run run(Path input, String... args) {
		List<String> argv = new ArrayList<>(Arrays.asList("bkg_subtract", input.toString()));
		argv.addAll(Arrays.asList(args));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = WebbSteps.run(argv.toArray(new String[0]), new PrintStream(out), new PrintStream(err));
		return new Run(code, out + "\n" + err);
	}

	/** A primary keyword of a file. */
	static String keyword(Path file, String key) {
		try (FitsFile f = FitsFile.open(file)) {
			return f.primary().header().getString(key);
		}
	}
}
