package org.webbsteps.img;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;

/**
 * ImgLib2 images over the primitive planes of an {@link ImageArray}, without copying: dim 0 = x
 * (NAXIS1), dim 1 = y, dim 2 = group (or integration for 3-D data), dim 3 = integration. Writes
 * through the image change the array and vice versa.
 */
public final class JwstImgs {

	private JwstImgs() {
	}

	/** A float32 array (SCI, ERR, VAR_*) as a FloatType image. */
	public static PlanarImg<FloatType, FloatArray> floats(ImageArray a) {
		require(a, PixelType.FLOAT32);
		List<FloatArray> planes = new ArrayList<>(a.planeCount());
		for (Object p : a.planes()) planes.add(new FloatArray((float[]) p));
		PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, a.dims(), new Fraction());
		img.setLinkedType(new FloatType(img));
		return img;
	}

	/** A uint32 array (DQ, PIXELDQ) as an UnsignedIntType image: every bit exact. */
	public static PlanarImg<UnsignedIntType, IntArray> uint32(ImageArray a) {
		require(a, PixelType.UINT32);
		List<IntArray> planes = new ArrayList<>(a.planeCount());
		for (Object p : a.planes()) planes.add(new IntArray((int[]) p));
		PlanarImg<UnsignedIntType, IntArray> img = new PlanarImg<>(planes, a.dims(), new Fraction());
		img.setLinkedType(new UnsignedIntType(img));
		return img;
	}

	/** A uint8 array (GROUPDQ) as an UnsignedByteType image. */
	public static PlanarImg<UnsignedByteType, ByteArray> uint8(ImageArray a) {
		require(a, PixelType.UINT8);
		List<ByteArray> planes = new ArrayList<>(a.planeCount());
		for (Object p : a.planes()) planes.add(new ByteArray((byte[]) p));
		PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, a.dims(), new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/** A uint16 array (uncal SCI) as an UnsignedShortType image. */
	public static PlanarImg<UnsignedShortType, ShortArray> uint16(ImageArray a) {
		require(a, PixelType.UINT16);
		List<ShortArray> planes = new ArrayList<>(a.planeCount());
		for (Object p : a.planes()) planes.add(new ShortArray((short[]) p));
		PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, a.dims(), new Fraction());
		img.setLinkedType(new UnsignedShortType(img));
		return img;
	}

	private static void require(ImageArray a, PixelType type) {
		if (a.type() != type || a.isScaled()) {
			throw new IllegalArgumentException("expected unscaled " + type + " data, got " + a.type());
		}
	}
}
