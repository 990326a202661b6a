package org.webbsteps.steps;

import java.nio.file.Path;

import org.webbsteps.io.FitsFile;
import org.webbsteps.io.Hdu;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.io.PixelType;
import org.webbsteps.step.JwstException;

/**
 * The background templates of a NIRISS SOSS BKG reference file. Two layouts are read:
 * <ul>
 * <li>the CRDS layout (the pipeline's SossBkgModel): templates in a SCI extension of shape
 * (n_templates, 256, 2048), or one (rows, 2048) template; read as float32, as the datamodel
 * holds them;</li>
 * <li>a single template as the primary HDU's image (rows, 2048), e.g. a community template
 * converted to FITS; read at the precision stored (float32 or float64).</li>
 * </ul>
 */
public final class SossBackgroundReference {

	public final Path file;
	public final int width, height;
	/** The templates, {@code width * height} each, row-major. */
	public final double[][] templates;
	/** Whether the values are float32 (so the fit rounds as numpy does on float32 arrays). */
	public final boolean float32;
	/** "SCI extension" or "primary HDU", for the log. */
	public final String layout;

	private SossBackgroundReference(Path file, int width, int height, double[][] templates, boolean float32, String layout) {
		this.file = file;
		this.width = width;
		this.height = height;
		this.templates = templates;
		this.float32 = float32;
		this.layout = layout;
	}

	/** Reads the templates; a file of another layout is one clear error naming it. */
	public static SossBackgroundReference read(Path file) {
		try (FitsFile f = FitsFile.open(file)) {
			Hdu h = f.find("SCI", 1);
			boolean datamodel = h != null;
			if (h == null && f.primary().isImage()) h = f.primary();
			if (h == null || !h.isImage()) {
				throw JwstException.inFile(file, "is not a SOSS background reference file: expected the templates in a SCI extension"
						+ " (n_templates, 256, 2048) as CRDS BKG files have them, or one template as the primary image (HDUs: " + hdus(f) + ")");
			}
			long[] d = h.dims();
			if (d.length < 2 || d.length > 3) {
				throw JwstException.inFile(file, "its " + h.name() + " image has shape " + JwstProduct.numpyShape(d)
						+ "; SOSS background templates are (rows, 2048) or (n_templates, rows, 2048)");
			}
			PixelType type = h.pixelType();
			if (type != PixelType.FLOAT32 && type != PixelType.FLOAT64) {
				throw JwstException.inFile(file, "its " + h.name() + " image is " + type + "; SOSS background templates are floating point");
			}
			ImageArray a = f.readImage(h);
			boolean float32 = datamodel || type == PixelType.FLOAT32;
			double[][] templates = new double[a.planeCount()][];
			for (int t = 0; t < templates.length; t++) {
				Object p = a.plane(t);
				double[] v = new double[a.width() * a.height()];
				if (p instanceof float[]) {
					float[] fp = (float[]) p;
					for (int i = 0; i < v.length; i++) v[i] = fp[i];
				}
				else {
					double[] dp = (double[]) p;
					for (int i = 0; i < v.length; i++) v[i] = float32 ? (float) dp[i] : dp[i];
				}
				templates[t] = v;
			}
			return new SossBackgroundReference(file, a.width(), a.height(), templates, float32, datamodel ? "SCI extension" : "primary HDU");
		}
	}

	/** The same templates cut to rows [first, first + rows). */
	public double[][] rows(int first, int rows) {
		double[][] out = new double[templates.length][];
		for (int t = 0; t < templates.length; t++) {
			double[] cut = new double[rows * width];
			System.arraycopy(templates[t], first * width, cut, 0, cut.length);
			out[t] = cut;
		}
		return out;
	}

	private static String hdus(FitsFile f) {
		StringBuilder sb = new StringBuilder();
		for (Hdu h : f.hdus()) {
			if (sb.length() > 0) sb.append(", ");
			sb.append(h.describe());
		}
		return sb.toString();
	}
}
