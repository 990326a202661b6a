package org.webbsteps.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.meta.ExposureInfo;

/** Reads exposure facts and keeps them while the file is unchanged. */
@Plugin(type = Service.class)
public class DefaultFitsMetadataService extends AbstractService implements FitsMetadataService {

	private final Map<String, ExposureInfo> cache = new ConcurrentHashMap<>();

	@Override
	public ExposureInfo exposureInfo(Path file) {
		String key = key(file);
		ExposureInfo info = cache.get(key);
		if (info != null) return info;
		try (JwstProduct p = JwstProduct.open(file)) {
			info = ExposureInfo.of(p);
		}
		cache.put(key, info);
		return info;
	}

	@Override
	public ExposureInfo exposureInfo(JwstProduct product) {
		ExposureInfo info = ExposureInfo.of(product);
		cache.put(key(product.path()), info);
		return info;
	}

	private static String key(Path file) {
		Path p = file.toAbsolutePath().normalize();
		try {
			return p + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
		}
		catch (IOException e) {
			return p.toString();
		}
	}
}
