package org.webbsteps.steps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.webbsteps.background.BackgroundAverager;
import org.webbsteps.background.BackgroundParams;
import org.webbsteps.background.CombinedBackground;
import org.webbsteps.background.ExposureArrays;
import org.webbsteps.background.Footprint;
import org.webbsteps.background.Placement;
import org.webbsteps.background.SossTemplateFitter;
import org.webbsteps.io.Association;
import org.webbsteps.io.Hdu;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.io.PixelType;
import org.webbsteps.io.ProductKind;
import org.webbsteps.io.ProductUpdate;
import org.webbsteps.meta.ExposureInfo;
import org.webbsteps.meta.Fact;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;
import org.webbsteps.step.StepStatus;

/**
 * The {@code background} step ({@code bkg_subtract}) on files. The input is a science rate or
 * rateints product, or a level-2 association whose first product names the science and the
 * background members. Dispatch by EXP_TYPE as the pipeline: NIS_SOSS is fitted with the templates
 * of a SOSS BKG reference file ({@code override_bkg}); WFSS exposures are SKIPPED (not supported
 * yet); everything else gets the sigma-clipped average of its background exposures subtracted,
 * each background placed at its detector position ({@link Placement#of}; the pipeline pastes a
 * subarray background at the science array's first row and column). The output ({@code bsub}, or {@code bsubints} for 3-D science) always carries {@code S_BKDSUB};
 * SKIPPED outputs hold the unchanged data. Input files are never modified.
 */
public final class BackgroundStep {

	/** Status keyword of this step. */
	public static final String STATUS_KEY = "S_BKDSUB";
	/** Output suffixes for 2-D and 3-D science (those of the stage-2 pipelines). */
	public static final String SUFFIX = "bsub", SUFFIX_INTS = "bsubints";
	/** Suffix of the {@code save_combined_background} product. */
	public static final String COMBINED_SUFFIX = "combinedbackground";
	/** Exposure types the pipeline treats with a scaled WFSS reference background. */
	public static final List<String> WFSS_TYPES = Arrays.asList("NIS_WFSS", "NRC_WFSS", "MIR_WFSS");
	/** Largest difference of GWA tilts between NIRSpec science and background (absolute). */
	private static final double TILT_TOLERANCE = 1e-8;

	/** Output names, as the command's {@code output_dir}/{@code output_file} give them. */
	public interface Naming {
		/** The main output of the science file with this suffix. */
		Path output(Path science, String suffix);

		/** An extra product of the science file with this suffix. */
		Path derived(Path science, String suffix);
	}

	/** What the user gave besides the algorithm parameters. */
	public static final class Files {
		/** The {@code bkg_list} parameter (used when an association gives no background member). */
		public List<Path> bkgList = new ArrayList<>();
		/** The SOSS BKG reference file ({@code override_bkg}), or null. */
		public Path sossReference;
		public boolean saveCombinedBackground;
	}

	/** Outcome of a run. */
	public static final class Result {
		public StepStatus status;
		public String reason;
		public Path science;
		public Path output;
		public final List<Path> written = new ArrayList<>();
	}

	private final BackgroundParams params;
	private final Files files;
	private final Naming naming;
	private final StepLog log;
	private final int threads;

	public BackgroundStep(BackgroundParams params, Files files, Naming naming, StepLog log, int threads) {
		this.params = params;
		this.files = files;
		this.naming = naming;
		this.log = log;
		this.threads = threads;
	}

	/** Runs the step on a science file or an association. */
	public Result run(Path input) {
		long t0 = System.nanoTime();
		Result result = new Result();
		List<Path> backgrounds = new ArrayList<>();
		result.science = resolve(input, backgrounds);
		try (JwstProduct science = JwstProduct.open(result.science)) {
			ProductKind kind = science.kind();
			if (kind != ProductKind.IMAGE && kind != ProductKind.CUBE) {
				throw JwstException.inFile(result.science, "is a " + kind.datamodel() + " product; bkg_subtract works on rate (2-D) and rateints (3-D) products");
			}
			ExposureInfo info = ExposureInfo.of(science);
			ImageArray sci = science.read(science.sci());
			if (sci.type() != PixelType.FLOAT32) throw JwstException.inFile(result.science, "SCI is " + sci.type() + "; float32 is expected");
			float[][] planes = sci.floatPlanes();
			Hdu dqHdu = science.find("DQ");
			ImageArray dq = dqHdu == null ? null : dqPlanes(science, dqHdu, planes.length);
			int[][] dqPlanes = dq == null ? null : Arrays.copyOf(dq.planes(), dq.planeCount(), int[][].class);
			ProductUpdate update = science.update();
			String type = info.has(Fact.EXP_TYPE) ? info.expType() : "";
			StepStatus status;
			if (WFSS_TYPES.contains(type)) {
				status = skip(result, "WFSS background subtraction (a scaled reference background, masked with a source catalog) is not supported yet; "
						+ "the " + type + " exposure is left unchanged");
			}
			else if (type.equals("NIS_SOSS")) status = soss(info, planes, dqPlanes, backgrounds, update, result);
			else status = imageFromImage(science, info, planes, dqPlanes, backgrounds, result);
			result.status = status;
			result.output = naming.output(result.science, kind == ProductKind.CUBE ? SUFFIX_INTS : SUFFIX);
			if (status == StepStatus.COMPLETE) {
				update.replaceData(science.sci(), sci.withPlanes(planes));
				if (dq != null) update.replaceData(dqHdu, dq);
			}
			update.setPrimary(STATUS_KEY, status.name(), "Background Subtraction").writeTo(result.output);
			result.written.add(result.output);
		}
		log.info(String.format(Locale.ROOT, "Step bkg_subtract done: status %s, %.2f s", result.status, (System.nanoTime() - t0) / 1e9));
		return result;
	}

	// -- Inputs --

	/** The science file; fills the background list (association members first, then bkg_list). */
	private Path resolve(Path input, List<Path> backgrounds) {
		if (!java.nio.file.Files.isRegularFile(input)) throw JwstException.inFile(input, "does not exist");
		Path science = input;
		if (Association.isAssociation(input)) {
			Association asn = Association.read(input);
			asn.requireMembersExist();
			if (asn.products().size() > 1) log.warn("The association has " + asn.products().size() + " products; only the first is used");
			List<Path> sciences = asn.members("science");
			science = asn.science();
			if (sciences.size() > 1) log.warn("The association has " + sciences.size() + " science members; only the first is used");
			backgrounds.addAll(asn.members("background"));
			if (!backgrounds.isEmpty() && !files.bkgList.isEmpty()) log.info("The association's background members are used; bkg_list is ignored");
		}
		if (backgrounds.isEmpty()) {
			for (Path p : files.bkgList) {
				if (!java.nio.file.Files.isRegularFile(p)) throw JwstException.badParameter("bkg_list", p, "no such file");
				backgrounds.add(p);
			}
		}
		return science;
	}

	private static ImageArray dqPlanes(JwstProduct product, Hdu dq, int planes) {
		if (dq.pixelType() != PixelType.UINT32 && dq.pixelType() != PixelType.INT32) {
			throw JwstException.inFile(product.path(), "DQ is " + dq.pixelType() + "; uint32 is expected");
		}
		ImageArray a = product.read(dq);
		if (a.planeCount() != planes) {
			throw JwstException.inFile(product.path(), "DQ has " + a.planeCount() + " planes for " + planes + " SCI planes");
		}
		return a;
	}

	// -- Image from image --

	private StepStatus imageFromImage(JwstProduct science, ExposureInfo info, float[][] planes, int[][] dqPlanes, List<Path> bkgFiles,
			Result result) {
		if (bkgFiles.isEmpty()) return skip(result, "No background list provided; give background exposures with bkg_list or an association");
		boolean rateints = science.kind() == ProductKind.CUBE;
		Footprint sciFootprint = footprint(info);
		List<ExposureArrays> arrays = new ArrayList<>();
		List<Placement> placements = new ArrayList<>();
		List<JwstProduct> opened = new ArrayList<>();
		try {
			List<ExposureInfo> infos = new ArrayList<>();
			for (Path f : bkgFiles) {
				JwstProduct b = JwstProduct.open(f);
				opened.add(b);
				infos.add(checkBackground(b, info, rateints));
			}
			if (info.has(Fact.INSTRUMENT) && info.instrument().equals("NIRSPEC") && !tiltsAgree(info, infos)) {
				log.warn("Skipping background subtraction");
				log.warn("GWA_XTIL and GWA_YTIL source values are not the same as bkg values");
				result.reason = "GWA tilts of the science and the backgrounds differ";
				log.warn("Step bkg_subtract SKIPPED; the data are unchanged");
				return StepStatus.SKIPPED;
			}
			for (int i = 0; i < bkgFiles.size(); i++) {
				Path f = bkgFiles.get(i);
				Placement p = Placement.of(sciFootprint, footprint(infos.get(i)));
				placements.add(p);
				if (p == null) {
					log.info("Background " + f.getFileName() + " does not overlap the science (detector " + sciFootprint + "); it adds nothing");
					arrays.add(null);
					continue;
				}
				log.info("Accumulate bkg from " + f.getFileName() + (p.width == info.width() && p.height == info.height() ? ""
						: " (covers " + p.width + " x " + p.height + " science pixels from column " + p.dstX + ", row " + p.dstY + ")"));
				arrays.add(readArrays(opened.get(i), files.saveCombinedBackground));
			}
		}
		finally {
			for (JwstProduct b : opened) b.close();
		}
		log.info("Averaging " + bkgFiles.size() + " background" + (bkgFiles.size() > 1 ? "s" : "") + " with sigma=" + params.sigma
				+ ", maxiters=" + params.maxItersText() + (rateints ? " (rateints: each first averaged over its integrations)" : ""));
		log.info("Subtracting avg bkg from " + result.science.getFileName());
		CombinedBackground combined = new BackgroundAverager(params.sigma, params.maxIters, threads, log).subtract(arrays, placements, planes,
				dqPlanes, info.width(), info.height(), rateints, files.saveCombinedBackground);
		if (combined != null) {
			Path target = naming.derived(result.science, COMBINED_SUFFIX);
			Map<String, ImageArray> ext = new LinkedHashMap<>();
			long[] dims = { combined.width, combined.height };
			ext.put("SCI", new ImageArray(PixelType.FLOAT32, dims, new Object[] { combined.sci }));
			ext.put("ERR", new ImageArray(PixelType.FLOAT32, dims, new Object[] { combined.err }));
			ext.put("DQ", new ImageArray(PixelType.UINT32, dims, new Object[] { combined.dq }));
			science.writeDerived(target, "ImageModel", ext);
			result.written.add(target);
			log.info("Combined background written to \"" + target + "\"");
		}
		return StepStatus.COMPLETE;
	}

	/** Checks a background against the science; returns its facts. */
	private static ExposureInfo checkBackground(JwstProduct b, ExposureInfo science, boolean rateints) {
		Path f = b.path();
		ProductKind kind = b.kind();
		if (kind != ProductKind.IMAGE && kind != ProductKind.CUBE) {
			throw JwstException.inFile(f, "is a " + kind.datamodel() + " product; backgrounds must be rate or rateints products");
		}
		if ((kind == ProductKind.CUBE) != rateints) {
			throw JwstException.inFile(f, "is " + (rateints ? "a 2-D rate" : "a 3-D rateints") + " background but the science is "
					+ (rateints ? "3-D (rateints)" : "2-D (rate)") + "; rate and rateints exposures cannot be mixed (the pipeline fails too)");
		}
		ExposureInfo info = ExposureInfo.of(b);
		if (science.has(Fact.DETECTOR) && info.has(Fact.DETECTOR) && !science.detector().equals(info.detector())) {
			throw JwstException.inFile(f, "was taken with detector " + info.detector() + " but the science with " + science.detector()
					+ "; backgrounds must come from the science detector");
		}
		if (b.sci().pixelType() != PixelType.FLOAT32) throw JwstException.inFile(f, "SCI is " + b.sci().pixelType() + "; float32 is expected");
		footprint(info);
		return info;
	}

	/** The detector footprint from the subarray keywords, with the pipeline's full-frame default. */
	private static Footprint footprint(ExposureInfo info) {
		boolean keywords = info.has(Fact.SUBSTRT1) && info.has(Fact.SUBSTRT2) && info.has(Fact.SUBSIZE1) && info.has(Fact.SUBSIZE2);
		if (!keywords) {
			Footprint full = Footprint.assumedFullFrame(info.has(Fact.INSTRUMENT) ? info.instrument() : "", info.width(), info.height());
			if (full == null) {
				throw JwstException.inFile(info.file(), "has no SUBSTRT1/SUBSTRT2/SUBSIZE1/SUBSIZE2 keywords and is not a full frame"
						+ " (" + info.height() + " x " + info.width() + "), so it cannot be placed on the detector");
			}
			return full;
		}
		Footprint f = Footprint.ofSubarray(info.integer(Fact.SUBSTRT1), info.integer(Fact.SUBSTRT2), info.integer(Fact.SUBSIZE1), info.integer(Fact.SUBSIZE2));
		if (f.width != info.width() || f.height != info.height()) {
			throw JwstException.inFile(info.file(), "SUBSIZE1/SUBSIZE2 = " + f.width + "/" + f.height + " do not match the SCI array ("
					+ info.width() + " x " + info.height() + ")");
		}
		return f;
	}

	/** NIRSpec: the science and every background must have the same GWA tilts (within 1e-8). */
	private static boolean tiltsAgree(ExposureInfo science, List<ExposureInfo> backgrounds) {
		double x = science.real(Fact.GWA_XTIL);
		double y = science.real(Fact.GWA_YTIL);
		for (ExposureInfo b : backgrounds) {
			if (!(Math.abs(x - b.real(Fact.GWA_XTIL)) <= TILT_TOLERANCE && Math.abs(y - b.real(Fact.GWA_YTIL)) <= TILT_TOLERANCE)) return false;
		}
		return true;
	}

	/** SCI, DQ and (when the combined ERR is wanted) ERR of a background. */
	private static ExposureArrays readArrays(JwstProduct b, boolean withErr) {
		ImageArray sci = b.read(b.sci());
		Hdu err = withErr ? b.find("ERR") : null;
		Hdu dq = b.find("DQ");
		float[][] errPlanes = err == null ? null : b.read(err).floatPlanes();
		int[][] dqPlanes = dq == null ? null : Arrays.copyOf(dqPlanes(b, dq, sci.planeCount()).planes(), sci.planeCount(), int[][].class);
		return new ExposureArrays(sci.width(), sci.height(), sci.floatPlanes(), errPlanes, dqPlanes);
	}

	// -- NIRISS SOSS --

	private StepStatus soss(ExposureInfo info, float[][] planes, int[][] dqPlanes, List<Path> bkgFiles, ProductUpdate update, Result result) {
		if (!bkgFiles.isEmpty()) log.info("NIS_SOSS backgrounds come from template fitting; the background exposures given are not used");
		if (files.sossReference == null) {
			log.warn("No BKG reference file found");
			return skip(result, "NIS_SOSS needs the SOSS BKG reference file (CRDS type bkg), given with override_bkg (there is no CRDS access here)");
		}
		SossBackgroundReference ref = SossBackgroundReference.read(files.sossReference);
		update.setPrimary("R_BKG", files.sossReference.getFileName().toString(), "BKG reference file name");
		log.info("Using BKG reference file " + files.sossReference + " (" + ref.templates.length + " template" + (ref.templates.length > 1 ? "s" : "")
				+ ", " + ref.height + " x " + ref.width + ", " + ref.layout + ")");
		if (ref.width != info.width()) {
			throw JwstException.inFile(files.sossReference, "its templates are " + ref.width + " columns wide but the science is " + info.width()
					+ "; SOSS templates and data are 2048 columns wide");
		}
		double[][] templates;
		if (ref.height == 256 && info.height() == 96) templates = ref.rows(SossTemplateFitter.SUBSTRIP96_FIRST_ROW, 96);
		else if (ref.height == info.height()) templates = ref.templates;
		else {
			return skip(result, "Background reference file shape does not match SOSS subarray (" + ref.height + " template rows, "
					+ info.height() + " science rows). Skipping subtraction of reference background.");
		}
		SossTemplateFitter fitter = new SossTemplateFitter(info.width(), info.height(), ref.float32);
		SossTemplateFitter.Fit fit = fitter.fit(planes, dqPlanes, templates, params);
		if (!fit.succeeded()) return skip(result, "Template matching failed for background subtraction. Skipping bkg_subtract.");
		log.info(String.format(Locale.ROOT, "Best-fit template %d of %d: scale %.6g left and %.6g right of the background step, RMSE sum %.6g"
				+ " (source threshold %.6g)", fit.template + 1, templates.length, fit.scaleLeft, fit.scaleRight, fit.rmse, fit.sourceThreshold));
		fitter.subtract(planes, templates[fit.template], fit);
		return StepStatus.COMPLETE;
	}

	private StepStatus skip(Result result, String reason) {
		log.warn(reason);
		log.warn("Step bkg_subtract SKIPPED; the data are unchanged");
		result.reason = reason;
		return StepStatus.SKIPPED;
	}
}
