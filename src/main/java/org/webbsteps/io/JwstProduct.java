package org.webbsteps.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.webbsteps.step.JwstException;

/**
 * A JWST product file (uncal, ramp, rate, rateints, cal, calints, multi-slit cal) opened for
 * reading. Extensions are found by EXTNAME (and EXTVER), never by position. Opening checks that
 * the file is FITS, complete, has a SCI image, and that the arrays beside SCI (ERR, DQ, PIXELDQ,
 * GROUPDQ, VAR_*) have matching shapes; every failure is one {@link JwstException} naming the file.
 * Data are read on demand, whole or one integration at a time.
 */
public final class JwstProduct implements AutoCloseable {

	/** Extensions that must have exactly the SCI shape. */
	private static final List<String> SAME_SHAPE = Arrays.asList("ERR", "DQ", "VAR_POISSON", "VAR_RNOISE",
			"VAR_FLAT", "GROUPDQ");

	private final FitsFile file;
	private final Hdu sci;
	private final ProductKind kind;

	private JwstProduct(FitsFile file) {
		this.file = file;
		this.sci = findSci(file);
		this.kind = kindOf(file, sci);
		checkShapes();
	}

	/** Opens and checks a product. */
	public static JwstProduct open(Path path) {
		FitsFile f = FitsFile.open(path);
		try {
			return new JwstProduct(f);
		}
		catch (RuntimeException e) {
			f.close();
			throw e;
		}
	}

	public Path path() {
		return file.path();
	}

	/** The underlying FITS file (for copying HDUs). */
	public FitsFile file() {
		return file;
	}

	public ProductKind kind() {
		return kind;
	}

	public FitsHeader primaryHeader() {
		return file.primary().header();
	}

	/** The (first) SCI HDU. */
	public Hdu sci() {
		return sci;
	}

	/** The HDU with this EXTNAME and EXTVER 1, or null. */
	public Hdu find(String extname) {
		return file.find(extname, 1);
	}

	/** The HDU with this EXTNAME and EXTVER, or null. */
	public Hdu find(String extname, int extver) {
		return file.find(extname, extver);
	}

	/** The HDU with this EXTNAME (EXTVER 1); a clear error if it is missing. */
	public Hdu require(String extname) {
		Hdu h = find(extname);
		if (h == null) throw JwstException.inFile(path(), "has no " + extname + " extension (a " + kind + " product is expected to have one)");
		return h;
	}

	/** All data of an extension (EXTVER 1). */
	public ImageArray read(String extname) {
		return file.readImage(require(extname));
	}

	/** All data of an HDU. */
	public ImageArray read(Hdu hdu) {
		return file.readImage(hdu);
	}

	/**
	 * The planes of one integration of a 4-D extension (SCI, GROUPDQ), dims [nx, ny, ngroups]; for
	 * a 3-D extension, the one plane of that integration.
	 */
	public ImageArray readIntegration(String extname, int integration) {
		Hdu h = require(extname);
		long[] d = h.dims();
		if (d.length < 3) throw new IllegalArgumentException(extname + " has no integration axis");
		int perInt = d.length == 4 ? (int) d[2] : 1;
		int nints = (int) d[d.length - 1];
		if (integration < 0 || integration >= nints) {
			throw new IllegalArgumentException("integration " + integration + " outside 0.." + (nints - 1));
		}
		return file.readPlanes(h, integration * perInt, perInt);
	}

	/** Integrations, from the SCI shape (1 for 2-D data). */
	public int nints() {
		long[] d = sci.dims();
		return d.length >= 3 ? (int) d[d.length - 1] : 1;
	}

	/** Groups per integration, from the SCI shape (1 unless the product is a ramp). */
	public int ngroups() {
		long[] d = sci.dims();
		return d.length == 4 ? (int) d[2] : 1;
	}

	/** Starts an output based on this product (see {@link ProductUpdate}). */
	public ProductUpdate update() {
		return new ProductUpdate(this);
	}

	/**
	 * Writes a new product that shares this one's primary header (DATAMODL and FILENAME updated)
	 * and holds one SCI array, as the pipeline's diagnostic products ({@code mask},
	 * {@code flicker_bkg}, {@code flicker_noise}) do. Atomic; never the input path.
	 */
	public void writeDerived(Path target, String datamodel, ImageArray sci) {
		writeDerived(target, datamodel, Collections.singletonMap("SCI", sci));
	}

	/**
	 * As {@link #writeDerived(Path, String, ImageArray)} with several image extensions, written in
	 * the map's order under their names (e.g. SCI, ERR, DQ of a combined background).
	 */
	public void writeDerived(Path target, String datamodel, Map<String, ImageArray> extensions) {
		Path in = path().toAbsolutePath().normalize();
		if (in.equals(target.toAbsolutePath().normalize())) {
			throw JwstException.inFile(target, "is the input file; outputs never overwrite their input");
		}
		FitsHeader primary = new FitsHeader(primaryHeader().cards());
		primary.set("DATAMODL", datamodel, "Type of data model");
		primary.set("FILENAME", target.getFileName().toString(), "Name of the file");
		primary.remove("CHECKSUM");
		primary.remove("DATASUM");
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		for (Map.Entry<String, ImageArray> e : extensions.entrySet()) {
			ImageArray a = e.getValue();
			parts.add(FitsWriter.image(FitsHeader.newImageExtension(e.getKey(), a.type(), a.dims()), a));
		}
		FitsWriter.write(target, parts);
	}

	@Override
	public void close() {
		file.close();
	}

	// -- Helper methods --

	private static Hdu findSci(FitsFile file) {
		Hdu sci = file.find("SCI", 1);
		if (sci == null) {
			List<Hdu> all = file.findAll("SCI");
			if (!all.isEmpty()) sci = all.get(0);
		}
		if (sci == null) {
			String what = file.hdus().size() == 1 ? "has only a primary HDU" : "has no SCI extension";
			throw JwstException.inFile(file.path(), what + "; it is not a JWST product (HDUs: " + names(file) + ")");
		}
		if (!sci.isImage()) throw JwstException.inFile(file.path(), "its SCI extension is not an image with data: " + sci.describe());
		if (sci.pixelType() == null) throw JwstException.inFile(file.path(), "SCI has unsupported BITPIX " + sci.bitpix());
		int n = sci.dims().length;
		if (n < 2 || n > 4) throw JwstException.inFile(file.path(), "SCI has " + n + " axes; JWST products have 2 (rate), 3 (rateints) or 4 (ramp)");
		return sci;
	}

	private static ProductKind kindOf(FitsFile file, Hdu sci) {
		if (file.findAll("SCI").size() > 1) return ProductKind.MULTISLIT;
		String model = file.primary().header().getString("DATAMODL");
		if (model != null && model.contains("MultiSlit")) return ProductKind.MULTISLIT;
		switch (sci.dims().length) {
			case 4: return sci.pixelType() == PixelType.UINT16 ? ProductKind.UNCAL : ProductKind.RAMP;
			case 3: return ProductKind.CUBE;
			default: return ProductKind.IMAGE;
		}
	}

	private void checkShapes() {
		List<Hdu> scis = file.findAll("SCI");
		for (Hdu s : scis) {
			long[] d = s.dims();
			for (String name : SAME_SHAPE) {
				Hdu h = file.find(name, s.version());
				if (h == null) continue;
				// reference files (dark, superbias) keep one 2-D DQ plane beside a 3-D SCI
				boolean plane = name.equals("DQ") && h.dims().length == 2 && d.length > 2 && h.dims()[0] == d[0] && h.dims()[1] == d[1];
				if (h != null && h.isImage() && !Arrays.equals(h.dims(), d) && !plane) {
					throw JwstException.inFile(path(), shapeProblem(h, s, d));
				}
			}
		}
		Hdu pixeldq = find("PIXELDQ");
		if (pixeldq != null && pixeldq.isImage()) {
			long[] d = sci.dims();
			long[] want = { d[0], d[1] };
			if (!Arrays.equals(pixeldq.dims(), want)) throw JwstException.inFile(path(), shapeProblem(pixeldq, sci, want));
		}
		if (kind == ProductKind.RAMP || kind == ProductKind.UNCAL) {
			Hdu groupdq = find("GROUPDQ");
			if (groupdq != null && groupdq.isImage() && groupdq.pixelType() != PixelType.UINT8) {
				throw JwstException.inFile(path(), "GROUPDQ is " + groupdq.pixelType() + ", expected uint8");
			}
		}
	}

	private static String shapeProblem(Hdu h, Hdu sci, long[] want) {
		return "shape of " + h.name() + " " + numpyShape(h.dims()) + " does not match " + sci.name()
				+ " (expected " + numpyShape(want) + ")";
	}

	/** Axis lengths in numpy order, e.g. {@code (2, 10, 2048, 2048)}. */
	public static String numpyShape(long[] fitsDims) {
		StringBuilder sb = new StringBuilder("(");
		for (int i = fitsDims.length - 1; i >= 0; i--) {
			sb.append(fitsDims[i]);
			if (i > 0) sb.append(", ");
		}
		return sb.append(fitsDims.length == 1 ? ",)" : ")").toString();
	}

	private static String names(FitsFile file) {
		List<String> n = new ArrayList<>();
		for (Hdu h : file.hdus()) n.add(h.name().isEmpty() ? "#" + h.index() : h.name());
		return String.join(", ", n);
	}
}
