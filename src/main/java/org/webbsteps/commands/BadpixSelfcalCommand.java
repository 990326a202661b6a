package org.webbsteps.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.webbsteps.io.OutputNames;
import org.webbsteps.selfcal.SelfcalParams;
import org.webbsteps.step.StepLog;
import org.webbsteps.steps.BadpixSelfcalStep;

/**
 * The JWST {@code badpix_selfcal} step: flags residual bad pixels of a NIRSpec IFU or MIRI MRS
 * exposure from the minimum of it and its background/selfcal exposures, and writes
 * {@code <root>_badpix_selfcal.fits} with {@code S_BPXSLF}, plus
 * {@code <root>_badpix_selfcal_bkg_<i>.fits} for the flagged backgrounds with
 * {@code save_flagged_bkg}. The input is the science product or a level-2 association. Parameters
 * and defaults are the pipeline's; {@code edge_padding} is ours.
 */
@Plugin(type = Command.class, label = "Badpix Selfcal", headless = true,
		attrs = @Attr(name = Steps.ATTR, value = "badpix_selfcal"))
public class BadpixSelfcalCommand extends StepCommand {

	@Parameter(label = "selfcal_list", required = false, description = "extra exposures used only to build the minimum image (comma-separated files)", persist = false)
	private File[] selfcal_list;

	@Parameter(label = "bkg_list", required = false, description = "background exposures: used for the minimum and flagged too (comma-separated files)", persist = false)
	private File[] bkg_list;

	@Parameter(label = "flagfrac_lower", min = "0", max = "0.5", description = "fraction of pixels flagged on the low side", persist = false)
	private double flagfrac_lower = 0.001;

	@Parameter(label = "flagfrac_upper", min = "0", max = "0.5", description = "fraction of pixels flagged on the high side", persist = false)
	private double flagfrac_upper = 0.001;

	@Parameter(label = "kernel_size", min = "1", description = "median filter length along the dispersion axis (odd; both axes without DISPAXIS)", persist = false)
	private int kernel_size = 15;

	@Parameter(label = "force_single", description = "run on the science exposure alone when no other exposure is given", persist = false)
	private boolean force_single = false;

	@Parameter(label = "save_flagged_bkg", description = "write the flagged background exposures (suffix badpix_selfcal_bkg_<i>)", persist = false)
	private boolean save_flagged_bkg = false;

	@Parameter(label = "edge_padding", choices = { "zeros", "none" }, description = "median filter beyond the image edges: zeros (as the pipeline) or none (windows cut at the edges)", persist = false)
	private String edge_padding = "zeros";

	@Override
	public String stepName() {
		return "badpix_selfcal";
	}

	@Override
	protected void process(Path inputFile, StepLog log) {
		SelfcalParams params = SelfcalParams.defaults().withFlagfracLower(flagfrac_lower).withFlagfracUpper(flagfrac_upper)
				.withKernelSize(kernel_size).withForceSingle(force_single).withEdgePadding(edge_padding);
		BadpixSelfcalStep.Inputs inputs = BadpixSelfcalStep.Inputs.resolve(inputFile, paths(selfcal_list), paths(bkg_list));
		Path out = outputPath(inputs.science, BadpixSelfcalStep.SUFFIX);
		List<Path> bkgOut = null;
		if (save_flagged_bkg) {
			bkgOut = new ArrayList<>();
			for (int i = 0; i < inputs.backgrounds.size(); i++) {
				bkgOut.add(OutputNames.outputPath(inputs.science, BadpixSelfcalStep.BKG_SUFFIX + "_" + i, output_dir == null ? null : output_dir.toPath(), output_file));
			}
		}
		BadpixSelfcalStep.Result r = new BadpixSelfcalStep(params, log, Runtime.getRuntime().availableProcessors()).run(inputs, out, bkgOut);
		output = out.toFile();
		status = r.status.name();
	}

	private static List<Path> paths(File[] files) {
		List<Path> out = new ArrayList<>();
		if (files == null) return out;
		for (File f : files) {
			if (f != null && !f.getPath().trim().isEmpty()) out.add(f.toPath());
		}
		return out;
	}
}
