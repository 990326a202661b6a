package org.webbsteps.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.webbsteps.background.BackgroundParams;
import org.webbsteps.steps.BackgroundStep;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;

/**
 * The JWST {@code background} step ({@code bkg_subtract}): subtracts the sigma-clipped average of
 * background exposures from a rate or rateints product (or fits SOSS background templates for
 * NIS_SOSS) and writes {@code <root>_bsub.fits} ({@code _bsubints} for 3-D science) with
 * {@code S_BKDSUB}, plus the optional {@code combinedbackground} product. The input may be a
 * level-2 association naming science and background members. Parameters and defaults are the
 * pipeline's.
 */
@Plugin(type = Command.class, label = "Background Subtraction", headless = true,
		attrs = @Attr(name = Steps.ATTR, value = "bkg_subtract"))
public class BackgroundCommand extends StepCommand {

	@Parameter(label = "bkg_list", required = false, description = "background exposures (comma-separated); used when the input is not an association with background members", persist = false)
	private File[] bkg_list;

	@Parameter(label = "save_combined_background", description = "also write the averaged background (suffix combinedbackground)", persist = false)
	private boolean save_combined_background = false;

	@Parameter(label = "sigma", min = "0", description = "clipping threshold for averaging the backgrounds", persist = false)
	private double sigma = 3.0;

	@Parameter(label = "maxiters", required = false, description = "clipping iterations (None: until nothing changes)", persist = false)
	private String maxiters = "None";

	@Parameter(label = "soss_source_percentile", description = "NIS_SOSS: pixels at or above this flux percentile are treated as source", persist = false)
	private double soss_source_percentile = 35.0;

	@Parameter(label = "soss_bkg_percentile", required = false, description = "NIS_SOSS: percentile window 'lo,hi' of the ratios used for the scale (None: 25,50)", persist = false)
	private String soss_bkg_percentile = "None";

	@Parameter(label = "override_bkg", required = false, description = "NIS_SOSS: the SOSS BKG reference file (templates)", persist = false)
	private File override_bkg;

	@Override
	public String stepName() {
		return "bkg_subtract";
	}

	@Override
	protected void process(Path inputFile, StepLog log) {
		if (output_dir != null && !output_dir.isDirectory()) throw JwstException.badParameter("output_dir", output_dir, "is not an existing folder");
		BackgroundParams params = BackgroundParams.defaults().withSigma(sigma).withMaxIters(maxiters)
				.withSossSourcePercentile(soss_source_percentile).withSossBkgPercentile(soss_bkg_percentile);
		BackgroundStep.Files files = new BackgroundStep.Files();
		files.bkgList = new ArrayList<>();
		if (bkg_list != null) {
			for (File f : bkg_list) {
				String name = f == null ? "" : f.getPath().trim();
				if (!name.isEmpty() && !name.equalsIgnoreCase("none")) files.bkgList.add(f.toPath());
			}
		}
		files.sossReference = optional(override_bkg, "override_bkg");
		files.saveCombinedBackground = save_combined_background;
		BackgroundStep.Naming naming = new BackgroundStep.Naming() {
			@Override
			public Path output(Path science, String suffix) {
				return outputPath(science, suffix);
			}

			@Override
			public Path derived(Path science, String suffix) {
				return derivedPath(science, suffix);
			}
		};
		BackgroundStep.Result r = new BackgroundStep(params, files, naming, log, Runtime.getRuntime().availableProcessors()).run(inputFile);
		output = r.output.toFile();
		status = r.status.name();
	}

	private static Path optional(File f, String name) {
		if (f == null || f.getPath().isEmpty() || f.getPath().equalsIgnoreCase("none")) return null;
		if (!f.isFile()) throw JwstException.badParameter(name, f, "no such file");
		return f.toPath();
	}
}
