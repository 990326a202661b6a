package org.webbsteps.commands;

import java.io.File;
import java.nio.file.Path;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.webbsteps.ij1.Hyperstacks;
import org.webbsteps.io.Hdu;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.meta.ExposureInfo;
import org.webbsteps.service.FitsMetadataService;
import org.webbsteps.step.JwstException;

/**
 * Opens a JWST product as ImageJ hyperstacks: SCI, and optionally DQ and ERR as separate images.
 * The primary and extension headers go into the image info, the exposure facts into the log, and
 * the source file and extension into image properties so the image can be saved back
 * ({@link SaveJwstFitsCommand}).
 */
@Plugin(type = Command.class, label = "Open JWST FITS", headless = true)
public class OpenJwstFitsCommand extends ContextCommand {

	/** Image property: absolute path of the product an image came from. */
	public static final String PROP_FILE = "jwst.file";
	/** Image property: EXTNAME of the image's extension. */
	public static final String PROP_EXTNAME = "jwst.extname";
	/** Image property: EXTVER of the image's extension. */
	public static final String PROP_EXTVER = "jwst.extver";
	/** Image property: 0-based first integration shown (when a subset was opened). */
	public static final String PROP_FIRST_INT = "jwst.first_integration";

	@Parameter(label = "input", description = "JWST product file", persist = false)
	private File input;

	@Parameter(label = "open_dq", description = "also open the DQ (or PIXELDQ) array", persist = false)
	private boolean open_dq = false;

	@Parameter(label = "open_err", description = "also open the ERR array", persist = false)
	private boolean open_err = false;

	@Parameter(label = "integrations", description = "'all', one integration 'N' or a range 'N-M' (1-based)", persist = false)
	private String integrations = "all";

	@Parameter(label = "slit", description = "EXTVER of a multi-slit product (1 = first slit)", min = "1", persist = false)
	private int slit = 1;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus dq_image;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus err_image;

	@Parameter(type = ItemIO.OUTPUT, label = "report")
	private String report;

	@Parameter(required = false)
	private LogService log;

	@Parameter(required = false)
	private FitsMetadataService metadata;

	@Override
	public void run() {
		try {
			if (input == null) throw new JwstException("no input file given (parameter input)");
			open(input.toPath());
		}
		catch (JwstException e) {
			cancel(e.getMessage());
		}
	}

	public ImagePlus getImage() {
		return image;
	}

	private void open(Path path) {
		try (JwstProduct product = JwstProduct.open(path)) {
			ExposureInfo info = metadata != null ? metadata.exposureInfo(product) : ExposureInfo.of(product);
			int[] range = integrationRange(integrations, product.nints(), path);
			String stem = path.getFileName().toString();
			Hdu sci = require(product, "SCI");
			image = open(product, sci, range, stem);
			if (open_dq) {
				Hdu dq = product.find("DQ", slit) != null ? product.find("DQ", slit) : product.find("PIXELDQ");
				if (dq == null) throw JwstException.inFile(path, "has no DQ or PIXELDQ extension");
				dq_image = open(product, dq, dq.dims().length == 2 ? new int[] { 0, 1 } : range, stem);
			}
			if (open_err) err_image = open(product, require(product, "ERR"), range, stem);
			report = "Opened " + path + "\n" + info.describe();
			if (log != null) log.debug(report);
		}
	}

	private Hdu require(JwstProduct product, String name) {
		Hdu h = product.find(name, slit);
		if (h == null) throw JwstException.inFile(product.path(), "has no " + name + " extension" + (slit != 1 ? " for slit " + slit : ""));
		return h;
	}

	private static ImagePlus open(JwstProduct product, Hdu hdu, int[] range, String stem) {
		long[] d = hdu.dims();
		ImageArray data;
		int nints = d.length >= 3 ? (int) d[d.length - 1] : 1;
		boolean subset = d.length >= 3 && (range[0] != 0 || range[1] != nints);
		if (subset) {
			int perInt = d.length == 4 ? (int) d[2] : 1;
			ImageArray part = product.file().readPlanes(hdu, range[0] * perInt, (range[1] - range[0]) * perInt);
			long[] dims = d.clone();
			dims[d.length - 1] = range[1] - range[0];
			data = new ImageArray(part.type(), dims, part.planes());
		}
		else data = product.file().readImage(hdu);
		String ext = hdu.name() + (hdu.version() != 1 ? "," + hdu.version() : "");
		ImagePlus imp = Hyperstacks.toImagePlus(stem + " [" + ext + "]", data);
		imp.setProperty("Info", headerText(product, hdu));
		imp.setProperty(PROP_FILE, product.path().toAbsolutePath().toString());
		imp.setProperty(PROP_EXTNAME, hdu.name());
		imp.setProperty(PROP_EXTVER, Integer.toString(hdu.version()));
		imp.setProperty(PROP_FIRST_INT, Integer.toString(subset ? range[0] : 0));
		return imp;
	}

	/** 0-based [first, end) integrations from "all", "N" or "N-M" (1-based, inclusive). */
	static int[] integrationRange(String spec, int nints, Path file) {
		String s = spec == null ? "all" : spec.trim().toLowerCase();
		if (s.isEmpty() || s.equals("all")) return new int[] { 0, nints };
		try {
			String[] parts = s.split("-");
			int a = Integer.parseInt(parts[0].trim());
			int b = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : a;
			if (parts.length > 2 || a < 1 || b < a || b > nints) throw new NumberFormatException();
			return new int[] { a - 1, b };
		}
		catch (NumberFormatException e) {
			throw JwstException.badParameter("integrations", spec, "must be 'all', N or N-M within 1.." + nints + " for " + file.getFileName());
		}
	}

	private static String headerText(JwstProduct product, Hdu hdu) {
		StringBuilder sb = new StringBuilder();
		for (String card : product.primaryHeader().cards()) sb.append(card.replaceAll("\\s+$", "")).append('\n');
		sb.append("END\n\n");
		for (String card : hdu.header().cards()) sb.append(card.replaceAll("\\s+$", "")).append('\n');
		return sb.append("END\n").toString();
	}

}
