package org.webbsteps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.webbsteps.io.FitsHeader;
import org.webbsteps.io.FitsWriter;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.PixelType;

/**
 * Small synthetic JWST products for step tests, like the reference's test helpers: MIRI imaging
 * metadata by default (MIR_IMAGE, FULL, SLOWAXIS 2, TFRAME = TGROUP = 1), ramps with group g
 * filled with g, rates filled with 1.
 */
public final class SyntheticProducts {

	private final Map<String, Object> meta = new LinkedHashMap<>();

	private SyntheticProducts() {
		meta.put("TELESCOP", "JWST");
		meta.put("INSTRUME", "MIRI");
		meta.put("DETECTOR", "MIRIMAGE");
		meta.put("EXP_TYPE", "MIR_IMAGE");
		meta.put("SUBARRAY", "FULL");
		meta.put("SUBSTRT1", 1L);
		meta.put("SUBSTRT2", 1L);
		meta.put("FASTAXIS", 1L);
		meta.put("SLOWAXIS", 2L);
		meta.put("TFRAME", 1.0);
		meta.put("TGROUP", 1.0);
	}

	/** MIRI imaging metadata. */
	public static SyntheticProducts miri() {
		return new SyntheticProducts();
	}

	/** Sets (or with null removes) a primary keyword. */
	public SyntheticProducts with(String key, Object value) {
		if (value == null) meta.remove(key);
		else meta.put(key, value);
		return this;
	}

	/** A ramp (nints, ngroups, ny, nx) with group g = g, PIXELDQ and GROUPDQ zero. */
	public Path ramp(Path file, int nints, int ngroups, int ny, int nx) {
		long[] dims = { nx, ny, ngroups, nints };
		ImageArray sci = ImageArray.zeros(PixelType.FLOAT32, dims);
		for (int p = 0; p < sci.planeCount(); p++) java.util.Arrays.fill((float[]) sci.plane(p), p % ngroups);
		meta.put("DATAMODL", "RampModel");
		return write(file, sci, ImageArray.zeros(PixelType.UINT32, nx, ny), ImageArray.zeros(PixelType.UINT8, dims), "PIXELDQ", "GROUPDQ");
	}

	/** A rate (ny, nx) filled with the given values (or 1). */
	public Path rate(Path file, int ny, int nx, float[] values) {
		ImageArray sci = ImageArray.zeros(PixelType.FLOAT32, nx, ny);
		if (values != null) System.arraycopy(values, 0, sci.plane(0), 0, values.length);
		else java.util.Arrays.fill((float[]) sci.plane(0), 1f);
		meta.put("DATAMODL", "ImageModel");
		return write(file, sci, ImageArray.zeros(PixelType.UINT32, nx, ny), null, "DQ", null);
	}

	/** A rateints (nints, ny, nx) filled with 1. */
	public Path rateints(Path file, int nints, int ny, int nx) {
		long[] dims = { nx, ny, nints };
		ImageArray sci = ImageArray.zeros(PixelType.FLOAT32, dims);
		for (Object p : sci.planes()) java.util.Arrays.fill((float[]) p, 1f);
		meta.put("DATAMODL", "CubeModel");
		return write(file, sci, ImageArray.zeros(PixelType.UINT32, dims), null, "DQ", null);
	}

	/** A plain image file with SCI (a mask or a flat), dims in FITS order. */
	public static Path image(Path file, long[] dims, float[] values) {
		ImageArray sci = ImageArray.zeros(PixelType.FLOAT32, dims);
		int size = sci.width() * sci.height();
		for (int p = 0; p < sci.planeCount(); p++) System.arraycopy(values, p * size, sci.plane(p), 0, size);
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(FitsHeader.newPrimary()));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("SCI", PixelType.FLOAT32, dims), sci));
		FitsWriter.write(file, parts);
		return file;
	}

	private Path write(Path file, ImageArray sci, ImageArray dq, ImageArray groupDq, String dqName, String groupDqName) {
		FitsHeader primary = FitsHeader.newPrimary();
		for (Map.Entry<String, Object> e : meta.entrySet()) {
			Object v = e.getValue();
			if (v instanceof String) primary.set(e.getKey(), (String) v, "");
			else if (v instanceof Long) primary.set(e.getKey(), (long) (Long) v, "");
			else primary.set(e.getKey(), ((Number) v).doubleValue(), "");
		}
		List<FitsWriter.Part> parts = new ArrayList<>();
		parts.add(FitsWriter.headerOnly(primary));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension("SCI", PixelType.FLOAT32, sci.dims()), sci));
		parts.add(FitsWriter.image(FitsHeader.newImageExtension(dqName, dq.type(), dq.dims()), dq));
		if (groupDq != null) parts.add(FitsWriter.image(FitsHeader.newImageExtension(groupDqName, groupDq.type(), groupDq.dims()), groupDq));
		FitsWriter.write(file, parts);
		return file;
	}
}
