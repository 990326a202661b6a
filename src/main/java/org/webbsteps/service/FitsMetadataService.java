package org.webbsteps.service;

import java.nio.file.Path;

import org.scijava.service.SciJavaService;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.meta.ExposureInfo;

/** Exposure facts of JWST products, cached per file (path, size and modification time). */
public interface FitsMetadataService extends SciJavaService {

	/** The facts of a file; opens it if they are not cached. */
	ExposureInfo exposureInfo(Path file);

	/** The facts of an open product (cached under its path). */
	ExposureInfo exposureInfo(JwstProduct product);
}
