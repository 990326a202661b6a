package org.webbsteps.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.webbsteps.step.JwstException;

/**
 * An output written from an input product: some arrays replaced (same shape and type), some
 * header cards set, everything else carried over. HDUs we do not touch — tables, the ASDF
 * extension, unknown extensions — are copied byte for byte; a touched header keeps all its other
 * cards verbatim. Writing over the input file is refused; the write is atomic.
 */
public final class ProductUpdate {

	private final JwstProduct product;
	private final Map<Integer, ImageArray> newData = new HashMap<>();
	private final Map<Integer, FitsHeader> newHeaders = new HashMap<>();

	ProductUpdate(JwstProduct product) {
		this.product = product;
	}

	/** Replaces the data of an extension (EXTVER 1). */
	public ProductUpdate replaceData(String extname, ImageArray data) {
		return replaceData(product.require(extname), data);
	}

	/** Replaces the data of an HDU; the new data must have its dims and element type. */
	public ProductUpdate replaceData(Hdu hdu, ImageArray data) {
		if (!Arrays.equals(hdu.dims(), data.dims()) || hdu.pixelType() != data.type()) {
			throw new JwstException("cannot write " + data.type() + " " + JwstProduct.numpyShape(data.dims())
					+ " data into " + hdu.describe() + " of " + product.path() + ": shape and type must stay the same");
		}
		newData.put(hdu.index(), data);
		return this;
	}

	/** Sets a string card in the primary header (e.g. a step status keyword). */
	public ProductUpdate setPrimary(String key, String value, String comment) {
		header(product.file().primary()).set(key, value, comment);
		return this;
	}

	/** The editable copy of an HDU's header; changes are written with the output. */
	public FitsHeader header(Hdu hdu) {
		return newHeaders.computeIfAbsent(hdu.index(), i -> new FitsHeader(hdu.header().cards()));
	}

	/** Writes the output to {@code target}, atomically; refuses the input file itself. */
	public void writeTo(Path target) {
		refuseInput(target);
		FitsFile src = product.file();
		List<FitsWriter.Part> parts = new ArrayList<>();
		for (Hdu hdu : src.hdus()) {
			ImageArray data = newData.get(hdu.index());
			FitsHeader header = newHeaders.get(hdu.index());
			if (data != null) parts.add(FitsWriter.image(header != null ? header : new FitsHeader(hdu.header().cards()), data));
			else if (header != null && header.isModified()) parts.add(FitsWriter.withHeader(src, hdu, header));
			else parts.add(FitsWriter.copy(src, hdu));
		}
		FitsWriter.write(target, parts);
	}

	private void refuseInput(Path target) {
		Path in = product.path().toAbsolutePath().normalize();
		Path out = target.toAbsolutePath().normalize();
		boolean same = in.equals(out);
		try {
			if (!same && Files.exists(out)) same = Files.isSameFile(in, out);
		}
		catch (IOException e) {
			same = false;
		}
		if (same) throw JwstException.inFile(target, "is the input file; outputs never overwrite their input");
	}
}
