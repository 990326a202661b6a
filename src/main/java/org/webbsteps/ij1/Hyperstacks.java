package org.webbsteps.ij1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;
import org.webbsteps.step.JwstException;

/**
 * ImageJ hyperstacks over {@link ImageArray} planes: X = NAXIS1, Y = NAXIS2, Z = group (or
 * integration of 3-D data), T = integration of 4-D data. Float32 planes are shared, not copied, in
 * both directions. Other types are shown as 32-bit copies (exact for values below 2^24; DQ values
 * with high bits set are therefore for viewing only). Rows appear in file order: FITS row 1 (y = 0)
 * at the top, i.e. upside down compared with DS9; ImageJ pixel (x, y) is numpy {@code [y, x]}.
 */
public final class Hyperstacks {

	private Hyperstacks() {
	}

	/** A hyperstack showing the array. */
	public static ImagePlus toImagePlus(String title, ImageArray array) {
		int w = array.width();
		int h = array.height();
		ImageStack stack = new ImageStack(w, h);
		for (int p = 0; p < array.planeCount(); p++) {
			float[] pixels = array.floatPlane(p);
			stack.addSlice(sliceLabel(array, p), new FloatProcessor(w, h, pixels));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		long[] d = array.dims();
		int z = d.length >= 3 ? (int) d[2] : 1;
		int t = d.length >= 4 ? (int) d[3] : 1;
		imp.setDimensions(1, z, t);
		if (z * t > 1) imp.setOpenAsHyperStack(true);
		imp.resetDisplayRange();
		return imp;
	}

	/**
	 * The float32 planes of a hyperstack, shared with it (no copy), in {@link ImageArray} order.
	 *
	 * @throws JwstException if the image is not 32-bit or is a virtual stack
	 */
	public static float[][] floatPlanes(ImagePlus imp) {
		if (imp.getType() != ImagePlus.GRAY32) {
			throw new JwstException("image '" + imp.getTitle() + "' is not 32-bit; JWST science arrays are float32");
		}
		ImageStack stack = imp.getStack();
		if (stack.isVirtual()) throw new JwstException("image '" + imp.getTitle() + "' is a virtual stack; load it into memory first");
		float[][] planes = new float[stack.getSize()][];
		for (int i = 0; i < planes.length; i++) planes[i] = (float[]) stack.getPixels(i + 1);
		return planes;
	}

	/** The hyperstack's planes as float32 data with the given FITS dims (shared, not copied). */
	public static ImageArray toImageArray(ImagePlus imp, long[] fitsDims) {
		float[][] planes = floatPlanes(imp);
		if (imp.getWidth() != fitsDims[0] || (fitsDims.length > 1 && imp.getHeight() != fitsDims[1])
				|| planes.length != ImageArray.planeCount(fitsDims)) {
			throw new JwstException("image '" + imp.getTitle() + "' is " + imp.getWidth() + "x" + imp.getHeight() + "x"
					+ planes.length + " planes; its product extension needs " + java.util.Arrays.toString(fitsDims));
		}
		return new ImageArray(PixelType.FLOAT32, fitsDims, planes);
	}

	private static String sliceLabel(ImageArray a, int plane) {
		long[] d = a.dims();
		if (d.length == 4) return "int " + (plane / d[2] + 1) + ", group " + (plane % d[2] + 1);
		if (d.length == 3) return "plane " + (plane + 1);
		return null;
	}
}
