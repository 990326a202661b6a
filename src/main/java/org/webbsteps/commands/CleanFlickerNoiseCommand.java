package org.webbsteps.commands;

import java.io.File;
import java.nio.file.Path;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.webbsteps.flicker.FlickerParams;
import org.webbsteps.steps.CleanFlickerNoiseStep;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;

/**
 * The JWST {@code clean_flicker_noise} step: removes 1/f (flicker) noise from a ramp, rate or
 * rateints product and writes {@code <root>_clean_flicker_noise.fits} with {@code S_CLNFNS}, plus
 * the optional {@code mask}, {@code flicker_bkg} and {@code flicker_noise} products. Parameters and
 * defaults are the pipeline's.
 */
@Plugin(type = Command.class, label = "Clean Flicker Noise", headless = true,
		attrs = @Attr(name = Steps.ATTR, value = "clean_flicker_noise"))
public class CleanFlickerNoiseCommand extends StepCommand {

	@Parameter(label = "autoparam", description = "choose apply_flat_field, background_method and fit_by_channel automatically (NIS_IMAGE, NRC_IMAGE)", persist = false)
	private boolean autoparam = false;

	@Parameter(label = "fit_method", choices = { "median", "fft" }, description = "noise fitting algorithm", persist = false)
	private String fit_method = "median";

	@Parameter(label = "fit_by_channel", description = "fit each of the 4 amplifier channels separately (full-frame NIR, median only)", persist = false)
	private boolean fit_by_channel = false;

	@Parameter(label = "background_method", choices = { "median", "model", "median_image", "none" }, description = "background removed before fitting the noise", persist = false)
	private String background_method = "median";

	@Parameter(label = "background_box_size", required = false, description = "box size 'ny,nx' for the model background (empty: largest divisor up to 32)", persist = false)
	private String background_box_size = "";

	@Parameter(label = "mask_science_regions", description = "mask known science regions (NIRSpec failed-open shutters and fixed-slit band, MIRI non-science)", persist = false)
	private boolean mask_science_regions = false;

	@Parameter(label = "apply_flat_field", description = "divide by the flat (override_flat) before fitting, multiply back after", persist = false)
	private boolean apply_flat_field = false;

	@Parameter(label = "override_flat", required = false, description = "FLAT reference file for apply_flat_field and autoparam", persist = false)
	private File override_flat;

	@Parameter(label = "n_sigma", min = "0", description = "sigma clipping level for the scene mask and the background (0: no clipping)", persist = false)
	private double n_sigma = 2.0;

	@Parameter(label = "fit_histogram", description = "scene-mask clipping from a Gaussian fit to the histogram", persist = false)
	private boolean fit_histogram = false;

	@Parameter(label = "single_mask", description = "one scene mask for all integrations", persist = false)
	private boolean single_mask = true;

	@Parameter(label = "user_mask", required = false, description = "FITS file with the mask in SCI (1 = background); skips mask creation", persist = false)
	private File user_mask;

	@Parameter(label = "save_mask", description = "write the scene mask (suffix mask)", persist = false)
	private boolean save_mask = false;

	@Parameter(label = "save_background", description = "write the fitted background (suffix flicker_bkg)", persist = false)
	private boolean save_background = false;

	@Parameter(label = "save_noise", description = "write the removed noise, output - input (suffix flicker_noise)", persist = false)
	private boolean save_noise = false;

	@Override
	public String stepName() {
		return "clean_flicker_noise";
	}

	@Override
	protected void process(Path inputFile, StepLog log) {
		FlickerParams params = FlickerParams.defaults().withAutoparam(autoparam).withFitMethod(fit_method).withFitByChannel(fit_by_channel)
				.withBackgroundMethod(background_method).withBackgroundBoxSize(boxSize(background_box_size))
				.withMaskScienceRegions(mask_science_regions).withApplyFlatField(apply_flat_field).withNSigma(n_sigma)
				.withFitHistogram(fit_histogram).withSingleMask(single_mask);
		CleanFlickerNoiseStep.Files files = new CleanFlickerNoiseStep.Files();
		files.userMask = optional(user_mask, "user_mask");
		files.flat = optional(override_flat, "override_flat");
		files.output = outputPath(inputFile, CleanFlickerNoiseStep.SUFFIX);
		if (save_mask) files.maskOutput = derivedPath(inputFile, "mask");
		if (save_background) files.backgroundOutput = derivedPath(inputFile, "flicker_bkg");
		if (save_noise) files.noiseOutput = derivedPath(inputFile, "flicker_noise");
		CleanFlickerNoiseStep.Result r = new CleanFlickerNoiseStep(params, files, log, Runtime.getRuntime().availableProcessors()).run(inputFile);
		output = files.output.toFile();
		status = r.status.name();
	}

	/** "ny,nx" (or "[ny, nx]", "None", empty) → box size or null. */
	static int[] boxSize(String text) {
		if (text == null) return null;
		String t = text.replaceAll("[\\[\\]()\\s]", "");
		if (t.isEmpty() || t.equalsIgnoreCase("none")) return null;
		String[] parts = t.split(",");
		try {
			if (parts.length != 2) throw new NumberFormatException();
			return new int[] { Integer.parseInt(parts[0]), Integer.parseInt(parts[1]) };
		}
		catch (NumberFormatException e) {
			throw JwstException.badParameter("background_box_size", text, "must be two integers 'ny,nx'");
		}
	}

	private static Path optional(File f, String name) {
		if (f == null || f.getPath().isEmpty() || f.getPath().equalsIgnoreCase("none")) return null;
		if (!f.isFile()) throw JwstException.badParameter(name, f, "no such file");
		return f.toPath();
	}
}
