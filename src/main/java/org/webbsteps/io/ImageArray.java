package org.webbsteps.io;

import java.util.Arrays;

/**
 * The data of one FITS image HDU as 2-D planes of primitives: plane {@code p} holds
 * {@code width * height} elements in row-major order (x fastest), and planes are numbered with
 * NAXIS3 fastest, then NAXIS4 — for a ramp, plane = group + ngroups * integration. This is the
 * plane order of an ImageJ hyperstack (Z = group, T = integration) and of an ImgLib2 PlanarImg, so
 * both wrap these arrays without copying.
 * <p>
 * Planes are {@code float[]}, {@code double[]}, {@code byte[]}, {@code short[]}, {@code int[]} or
 * {@code long[]} according to {@link #type()}; unsigned types keep the unsigned bit pattern.
 */
public final class ImageArray {

	private final PixelType type;
	private final long[] dims; // FITS order: dims[0] = NAXIS1 = x
	private final Object[] planes;
	private final double bscale;
	private final double bzero;

	/**
	 * @param dims FITS axis lengths, NAXIS1 first; at least one axis
	 * @param planes one primitive array per plane, matching the type
	 * @param bscale scale of integer data beyond the unsigned convention (1 otherwise)
	 * @param bzero offset of integer data beyond the unsigned convention (0 otherwise)
	 */
	public ImageArray(PixelType type, long[] dims, Object[] planes, double bscale, double bzero) {
		this.type = type;
		this.dims = dims.clone();
		this.planes = planes;
		this.bscale = bscale;
		this.bzero = bzero;
		if (planes.length != planeCount(dims)) {
			throw new IllegalArgumentException("expected " + planeCount(dims) + " planes for dims "
					+ Arrays.toString(dims) + ", got " + planes.length);
		}
		for (Object p : planes) {
			if (java.lang.reflect.Array.getLength(p) != planeSize(dims)) {
				throw new IllegalArgumentException("plane length differs from " + planeSize(dims));
			}
		}
	}

	public ImageArray(PixelType type, long[] dims, Object[] planes) {
		this(type, dims, planes, 1, 0);
	}

	/** Float32 data over the given planes (not copied). */
	public static ImageArray ofFloats(long[] dims, float[][] planes) {
		return new ImageArray(PixelType.FLOAT32, dims, planes);
	}

	/** A zero-filled array of the given type and FITS dims. */
	public static ImageArray zeros(PixelType type, long... dims) {
		int n = planeCount(dims);
		int size = planeSize(dims);
		Object[] planes = new Object[n];
		for (int i = 0; i < n; i++) planes[i] = newPlane(type, size);
		return new ImageArray(type, dims, planes);
	}

	public PixelType type() {
		return type;
	}

	/** FITS axis lengths, NAXIS1 (x) first. */
	public long[] dims() {
		return dims.clone();
	}

	/** The number of axes (NAXIS). */
	public int ndim() {
		return dims.length;
	}

	/** NAXIS1, the x size. */
	public int width() {
		return (int) dims[0];
	}

	/** NAXIS2, the y size (1 for a 1-D array). */
	public int height() {
		return dims.length > 1 ? (int) dims[1] : 1;
	}

	/** The number of planes (product of NAXIS3 and beyond). */
	public int planeCount() {
		return planes.length;
	}

	/** Plane {@code i} (not copied). */
	public Object plane(int i) {
		return planes[i];
	}

	/** All planes (not copied). */
	public Object[] planes() {
		return planes;
	}

	/** Whether integer data carries its own BSCALE/BZERO scaling. */
	public boolean isScaled() {
		return bscale != 1 || bzero != 0;
	}

	/** Planes as float32: the arrays themselves for float32 data, converted copies otherwise. */
	public float[][] floatPlanes() {
		float[][] out = new float[planes.length][];
		for (int i = 0; i < planes.length; i++) out[i] = floatPlane(i);
		return out;
	}

	/** Plane {@code i} as float32 physical values (BSCALE/BZERO and the unsigned convention applied). */
	public float[] floatPlane(int i) {
		Object p = planes[i];
		if (type == PixelType.FLOAT32 && !isScaled()) return (float[]) p;
		int n = java.lang.reflect.Array.getLength(p);
		float[] out = new float[n];
		for (int k = 0; k < n; k++) out[k] = (float) (value(p, k) * bscale + bzero);
		return out;
	}

	/** The physical value of element {@code k} of a plane of this type (without BSCALE/BZERO). */
	private double value(Object p, int k) {
		switch (type) {
			case UINT8: return ((byte[]) p)[k] & 0xFF;
			case INT16: return ((short[]) p)[k];
			case UINT16: return ((short[]) p)[k] & 0xFFFF;
			case INT32: return ((int[]) p)[k];
			case UINT32: return ((int[]) p)[k] & 0xFFFFFFFFL;
			case INT64: return ((long[]) p)[k];
			case FLOAT32: return ((float[]) p)[k];
			default: return ((double[]) p)[k];
		}
	}

	/** Same type, dims and scaling, with different planes. */
	public ImageArray withPlanes(Object[] newPlanes) {
		return new ImageArray(type, dims, newPlanes, bscale, bzero);
	}

	double bscale() {
		return bscale;
	}

	double bzero() {
		return bzero;
	}

	// -- Static helpers --

	/** Elements per plane: NAXIS1 * NAXIS2 (NAXIS1 for 1-D data). */
	public static int planeSize(long[] dims) {
		long size = dims.length > 1 ? dims[0] * dims[1] : dims[0];
		if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("a plane of " + size + " elements is too large");
		return (int) size;
	}

	/** Planes: the product of NAXIS3 and beyond (1 for 1-D and 2-D data). */
	public static int planeCount(long[] dims) {
		long n = 1;
		for (int i = 2; i < dims.length; i++) n *= dims[i];
		if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("too many planes: " + n);
		return (int) n;
	}

	/** A new zero-filled primitive plane of the given type. */
	public static Object newPlane(PixelType type, int size) {
		switch (type) {
			case UINT8: return new byte[size];
			case INT16: case UINT16: return new short[size];
			case INT32: case UINT32: return new int[size];
			case INT64: return new long[size];
			case FLOAT32: return new float[size];
			default: return new double[size];
		}
	}
}
