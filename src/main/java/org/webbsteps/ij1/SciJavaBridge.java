package org.webbsteps.ij1;

import java.util.Arrays;
import java.util.List;

import ij.IJ;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;
import org.scijava.service.Service;
import org.webbsteps.service.DqService;
import org.webbsteps.service.FitsMetadataService;

/**
 * The SciJava context for ImageJ 1.x entry points: Fiji's application context when running inside
 * Fiji (imagej-legacy), otherwise one small context of our own, created once and built from this
 * jar's class loader (plain ImageJ loads plugins in its own loader).
 */
public final class SciJavaBridge {

	private static Context own;

	private SciJavaBridge() {
	}

	public static synchronized Context context() {
		if (isFiji()) {
			Object c = IJ.runPlugIn("org.scijava.Context", "");
			if (c instanceof Context) return (Context) c;
		}
		if (own == null) own = newContext();
		return own;
	}

	private static boolean isFiji() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, IJ.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	private static Context newContext() {
		ClassLoader ours = SciJavaBridge.class.getClassLoader();
		Thread t = Thread.currentThread();
		ClassLoader before = t.getContextClassLoader();
		t.setContextClassLoader(ours);
		try {
			List<Class<? extends Service>> services = Arrays.asList(CommandService.class, ModuleService.class,
					LogService.class, StatusService.class, FitsMetadataService.class, DqService.class);
			return new Context(services, new PluginIndex(new DefaultPluginFinder(ours)));
		}
		finally {
			t.setContextClassLoader(before);
		}
	}
}
