package org.webbsteps.commands;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;

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
import org.webbsteps.io.PixelType;
import org.webbsteps.step.JwstException;

/**
 * Saves a (processed) image opened by {@link OpenJwstFitsCommand} back into a copy of its product:
 * the image's extension gets the image's pixels, every other HDU and card is carried over. Only
 * float32 extensions (SCI, ERR, VAR_*) can be saved this way; the output may not be the input.
 */
@Plugin(type = Command.class, label = "Save JWST FITS", headless = true)
public class SaveJwstFitsCommand extends ContextCommand {

	@Parameter(label = "image", persist = false)
	private ImagePlus image;

	@Parameter(label = "output", description = "file to write (not the product the image came from)", style = "save", persist = false)
	private File output;

	@Parameter(type = ItemIO.OUTPUT, label = "saved")
	private File saved;

	@Parameter(required = false)
	private LogService log;

	@Override
	public void run() {
		try {
			if (image == null) throw new JwstException("no image to save");
			if (output == null) throw new JwstException("no output file given (parameter output)");
			save(image, output.toPath());
			saved = output;
			if (log != null) log.info("Saved " + output);
		}
		catch (JwstException e) {
			cancel(e.getMessage());
		}
	}

	/** Writes the image into a copy of its product at {@code target}. */
	static void save(ImagePlus imp, Path target) {
		Object file = imp.getProperty(OpenJwstFitsCommand.PROP_FILE);
		Object ext = imp.getProperty(OpenJwstFitsCommand.PROP_EXTNAME);
		if (file == null || ext == null) {
			throw new JwstException("image '" + imp.getTitle() + "' was not opened from a JWST product (use File > Import > JWST FITS...)");
		}
		int extver = Integer.parseInt(String.valueOf(orDefault(imp.getProperty(OpenJwstFitsCommand.PROP_EXTVER), "1")));
		int firstInt = Integer.parseInt(String.valueOf(orDefault(imp.getProperty(OpenJwstFitsCommand.PROP_FIRST_INT), "0")));
		try (JwstProduct product = JwstProduct.open(Paths.get(file.toString()))) {
			Hdu hdu = product.find(ext.toString(), extver);
			if (hdu == null) throw JwstException.inFile(product.path(), "no longer has the extension " + ext + "," + extver);
			if (hdu.pixelType() != PixelType.FLOAT32) {
				throw new JwstException(ext + " is " + hdu.pixelType() + "; only float32 extensions (SCI, ERR, VAR_*) are saved from ImageJ images");
			}
			float[][] planes = Hyperstacks.floatPlanes(imp);
			ImageArray full = product.read(hdu);
			long[] d = hdu.dims();
			int perInt = d.length == 4 ? (int) d[2] : 1;
			int offset = d.length >= 3 ? firstInt * perInt : 0;
			if (imp.getWidth() != full.width() || imp.getHeight() != full.height() || offset + planes.length > full.planeCount()) {
				throw new JwstException("image '" + imp.getTitle() + "' (" + imp.getWidth() + "x" + imp.getHeight() + "x" + planes.length
						+ ") does not fit " + hdu.describe() + " of " + product.path());
			}
			Object[] merged = full.planes().clone();
			System.arraycopy(planes, 0, merged, offset, planes.length);
			product.update().replaceData(hdu, full.withPlanes(merged)).writeTo(target);
		}
	}

	private static Object orDefault(Object v, Object def) {
		return v == null ? def : v;
	}
}
