package org.webbsteps.steps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.webbsteps.dq.PixelFlag;
import org.webbsteps.flicker.DraftRate;
import org.webbsteps.flicker.FlatField;
import org.webbsteps.flicker.FlickerNoiseCleaner;
import org.webbsteps.flicker.FlickerParams;
import org.webbsteps.flicker.MedianImage;
import org.webbsteps.flicker.SceneMask;
import org.webbsteps.io.FitsFile;
import org.webbsteps.io.Hdu;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.io.PixelType;
import org.webbsteps.io.ProductKind;
import org.webbsteps.meta.ExposureInfo;
import org.webbsteps.meta.Fact;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;
import org.webbsteps.step.StepStatus;

/**
 * The {@code clean_flicker_noise} step on files: reads the product, builds or reads the scene mask,
 * cleans SCI with {@link FlickerNoiseCleaner}, and writes the output (status {@code S_CLNFNS}) and
 * the optional {@code mask}, {@code flicker_bkg} and {@code flicker_noise} products. Outcomes the
 * pipeline marks FAILED are written with the data unchanged.
 */
public final class CleanFlickerNoiseStep {

	/** Status keyword of this step. */
	public static final String STATUS_KEY = "S_CLNFNS";
	/** Output suffix of the main product. */
	public static final String SUFFIX = "clean_flicker_noise";
	/** NIRSpec fixed-slit band, full-frame rows [922, 1116). */
	private static final int FS_FROM = 922, FS_TO = 1116;

	/** What the user asked for besides the algorithm parameters. */
	public static final class Files {
		public Path userMask;
		public Path flat;
		public Path output;
		public Path maskOutput;
		public Path backgroundOutput;
		public Path noiseOutput;
	}

	/** Outcome of a run. */
	public static final class Result {
		public StepStatus status;
		public String reason;
		public double maskFraction = Double.NaN;
		public final List<Path> written = new ArrayList<>();
	}

	private final FlickerParams requested;
	private final Files files;
	private final StepLog log;
	private final int threads;

	public CleanFlickerNoiseStep(FlickerParams params, Files files, StepLog log, int threads) {
		this.requested = params;
		this.files = files;
		this.log = log;
		this.threads = threads;
	}

	/** Runs the step on one input product. */
	public Result run(Path input) {
		long t0 = System.nanoTime();
		Result result = new Result();
		try (JwstProduct product = JwstProduct.open(input)) {
			ExposureInfo info = ExposureInfo.of(product);
			ProductKind kind = product.kind();
			if (kind == ProductKind.UNCAL) throw JwstException.inFile(input, "is raw (uncal) data; clean_flicker_noise needs a calibrated ramp (_ramp/_jump), a rate or a rateints product");
			if (kind == ProductKind.MULTISLIT) throw JwstException.inFile(input, "is a multi-slit product; clean_flicker_noise works on detector images (ramp, rate, rateints)");
			ImageArray sci = product.read(product.sci());
			if (sci.type() != PixelType.FLOAT32) throw JwstException.inFile(input, "SCI is " + sci.type() + "; float32 is expected");
			float[][] planes = sci.floatPlanes();
			StepStatus status = clean(product, info, planes, result);
			result.status = status;
			product.update().replaceData(product.sci(), sci.withPlanes(planes)).setPrimary(STATUS_KEY, status.name(), "Clean Flicker Noise")
					.writeTo(files.output);
			result.written.add(files.output);
			if (files.noiseOutput != null && status == StepStatus.COMPLETE) writeNoise(product, planes, result); // last: reuses the planes
		}
		log.info(String.format(Locale.ROOT, "Step clean_flicker_noise done: status %s, %s, %.2f s", result.status,
				Double.isNaN(result.maskFraction) ? "no mask" : String.format(Locale.ROOT, "%.1f%% of pixels used for the fit", 100 * result.maskFraction),
				(System.nanoTime() - t0) / 1e9));
		return result;
	}

	/** Cleans the planes in place; returns the status (data untouched unless COMPLETE). */
	private StepStatus clean(JwstProduct product, ExposureInfo info, float[][] planes, Result result) {
		FlickerParams params = requested;
		String unsupported = params.unsupportedReason(info);
		if (unsupported != null) return fail(result, unsupported);
		if (params.autoparam) params = autoParameters(product, info, planes, params);
		FlickerParams.Normalized norm = params.normalizedFor(info);
		for (String w : norm.warnings) log.warn(w);
		params = norm.params;
		int width = info.width();
		int height = info.height();
		int nints = info.nints();
		int ngroups = info.ngroups();
		boolean ramp = product.kind() == ProductKind.RAMP;
		boolean medianImage = FlickerParams.MEDIAN_IMAGE.equals(params.backgroundMethod);
		if (medianImage && nints <= 1) return fail(result, "The median_image background method cannot be used with nints=" + nints);
		if (medianImage && "NIS_SOSS".equals(info.expType())) {
			return fail(result, "The median_image background for NIS_SOSS needs a PASTASOSS reference file, which is not available here");
		}
		float[] flat = params.applyFlatField ? readFlat(info) : null;
		int[] dq = pixelDq(product);
		byte[][] groupDq = ramp ? groupDq(product) : null;
		boolean[][] masks;
		float[][] draft = null;
		if (files.userMask == null || medianImage) draft = draftRate(product, planes, groupDq, info, dq, params.singleMask && !medianImage);
		if (files.userMask != null) {
			masks = readUserMask(files.userMask, width, height);
			if (masks == null) return fail(result, "Mask does not match data shape; the step is skipped");
		}
		else {
			log.info("Creating the scene mask from the draft rate image");
			float[][] draftForMask = draft;
			if (flat != null) draftForMask = divide(draft, flat);
			masks = SceneMask.create(draftForMask, dq == null ? null : new int[][] { dq }, width, height, regions(params, info),
					params.nSigma, params.fitHistogram, params.singleMask, log);
		}
		String shapeProblem = checkMaskShape(masks, width, height, nints);
		if (shapeProblem != null) return fail(result, shapeProblem);
		result.maskFraction = fraction(masks);
		if (files.maskOutput != null) writeMask(product, masks, result);
		float[][] medianPlanes = null;
		if (medianImage) {
			log.info("Creating the median image across integrations");
			double[] scale = MedianImage.normalizedFlux(draft);
			String type = info.expType();
			if (type.equals("NRS_BRIGHTOBJ") || type.equals("NRC_TSGRISM") || type.equals("NRC_TSIMAGE")
					|| (type.equals("MIR_IMAGE") && info.has(Fact.TSOVISIT) && Boolean.TRUE.equals(tsoVisit(info)))) {
				log.warn("For " + type + " the pipeline scales the median image by white-light or aperture-photometry fluxes, which this plugin cannot"
						+ " reproduce; each integration is scaled by the median of its draft rate instead");
			}
			medianPlanes = MedianImage.scaled(planes, ramp ? ngroups : 1, scale);
		}
		float[][] background = files.backgroundOutput != null ? new float[planes.length][] : null;
		FlickerNoiseCleaner cleaner = new FlickerNoiseCleaner(params, norm.axisToCorrect, info.detector(),
				info.has(Fact.SUBARRAY) && "ALLSLITS".equals(info.subarray()), flat, log, threads);
		log.info("Cleaning " + (ramp ? nints * (ngroups - 1) + " group differences" : planes.length + " image" + (planes.length > 1 ? "s" : ""))
				+ " with fit_method=" + params.fitMethod + ", background_method=" + params.backgroundMethod + ", "
				+ (FlickerParams.FFT.equals(params.fitMethod) ? "NSClean " + (width == 2048 && height == 2048 ? "full frame" : "subarray") + " fit"
						: "median along " + (norm.axisToCorrect == 1 ? "columns" : "rows") + (params.fitByChannel ? " by channel" : "")));
		dq = null; // only the draft and the regions needed the pixel DQ
		try {
			if (ramp && !medianImage) cleaner.cleanRamp(planes, groupDq, width, height, ngroups, nints, masks, background);
			else cleaner.cleanPlanes(planes, ramp ? ngroups : 1, width, height, masks, medianPlanes, background);
		}
		catch (FlickerNoiseCleaner.CleaningFailedException e) {
			float[][] original = product.read(product.sci()).floatPlanes();
			System.arraycopy(original, 0, planes, 0, planes.length);
			return fail(result, "Cleaning failed: " + e.getMessage() + "; the data are restored");
		}
		if (background != null) writeBackground(product, background, result);
		return StepStatus.COMPLETE;
	}

	/** autoparam: overrides apply_flat_field, background_method and fit_by_channel for NIRISS/NIRCam imaging. */
	private FlickerParams autoParameters(JwstProduct product, ExposureInfo info, float[][] planes, FlickerParams params) {
		String type = info.expType();
		if (!org.webbsteps.flicker.AutoParams.supports(type)) {
			log.warn("Auto parameter setting is not available for exposure type " + type + "; using the given parameters");
			return params;
		}
		float[] draft;
		if (product.kind() == ProductKind.RAMP) draft = draftRate(product, planes, groupDq(product), info, pixelDq(product), true)[0];
		else if (planes.length == 1) draft = planes[0];
		else draft = nanMean(planes);
		float[] flat = files.flat != null ? readFlat(info) : null;
		org.webbsteps.flicker.AutoParams.Choice c = org.webbsteps.flicker.AutoParams.choose(type, draft, info.width(), info.height(),
				info.slowAxis(), flat, log);
		log.info("Auto parameters set for " + type + " (" + c.reason + "); they override the given values:");
		log.info("  apply_flat_field: " + (c.applyFlatField ? "True" : "False"));
		log.info("  background_method: " + c.backgroundMethod);
		log.info("  fit_by_channel: " + (c.fitByChannel ? "True" : "False"));
		return params.withApplyFlatField(c.applyFlatField).withBackgroundMethod(c.backgroundMethod).withFitByChannel(c.fitByChannel);
	}

	private static float[] nanMean(float[][] planes) {
		float[] out = new float[planes[0].length];
		for (int i = 0; i < out.length; i++) {
			double s = 0;
			int c = 0;
			for (float[] p : planes) if (!Float.isNaN(p[i])) {
				s += p[i];
				c++;
			}
			out[i] = c == 0 ? Float.NaN : (float) (s / c);
		}
		return out;
	}

	private StepStatus fail(Result result, String reason) {
		log.warn(reason);
		log.warn("Step clean_flicker_noise FAILED; the data are unchanged");
		result.reason = reason;
		return StepStatus.FAILED;
	}

	// -- Inputs --

	private float[] readFlat(ExposureInfo info) {
		if (files.flat == null) {
			log.warn("Flat correction is not available: no FLAT reference file given (override_flat); proceeding without a flat");
			return null;
		}
		log.info("Using FLAT reference file " + files.flat);
		try (JwstProduct flat = JwstProduct.open(files.flat)) {
			ExposureInfo fi = ExposureInfo.of(flat);
			ImageArray a = flat.read(flat.sci());
			int fx0 = fi.has(Fact.SUBSTRT1) ? fi.integer(Fact.SUBSTRT1) : 1;
			int fy0 = fi.has(Fact.SUBSTRT2) ? fi.integer(Fact.SUBSTRT2) : 1;
			int sx0 = info.has(Fact.SUBSTRT1) ? info.integer(Fact.SUBSTRT1) : 1;
			int sy0 = info.has(Fact.SUBSTRT2) ? info.integer(Fact.SUBSTRT2) : 1;
			try {
				return FlatField.prepare(a.floatPlane(0), a.width(), a.height(), fx0, fy0, sx0, sy0, info.width(), info.height(), log);
			}
			catch (JwstException e) {
				throw JwstException.inFile(files.flat, e.getMessage());
			}
		}
	}

	private static int[] pixelDq(JwstProduct product) {
		Hdu h = product.find("PIXELDQ");
		if (h == null) h = product.find("DQ");
		if (h == null || h.pixelType() != PixelType.UINT32 || h.dims().length != 2) return null;
		return (int[]) product.read(h).plane(0);
	}

	private static byte[][] groupDq(JwstProduct product) {
		Hdu h = product.find("GROUPDQ");
		if (h == null) return null;
		Object[] p = product.read(h).planes();
		return Arrays.copyOf(p, p.length, byte[][].class);
	}

	/** The draft rate: the input itself for rates, an OLS fit of the ramp otherwise; one plane, or one per integration. */
	private float[][] draftRate(JwstProduct product, float[][] planes, byte[][] gdq, ExposureInfo info, int[] pixelDq, boolean single) {
		if (product.kind() != ProductKind.RAMP) return planes;
		log.info("Making a draft rate image from the ramp (least-squares slopes over usable groups)");
		double tgroup = info.has(Fact.TGROUP) ? info.real(Fact.TGROUP) : 1.0;
		if (!info.has(Fact.TGROUP)) log.warn("TGROUP is missing; the draft rate is in DN per group");
		int ngroups = info.ngroups();
		int nints = info.nints();
		DraftRate draft = new DraftRate(info.width() * info.height(), tgroup);
		float[][] perInt = new float[nints][];
		for (int i = 0; i < nints; i++) {
			float[][] groups = Arrays.copyOfRange(planes, i * ngroups, (i + 1) * ngroups);
			byte[][] dq = gdq == null ? new byte[ngroups][info.width() * info.height()] : Arrays.copyOfRange(gdq, i * ngroups, (i + 1) * ngroups);
			perInt[i] = draft.addIntegration(groups, dq, pixelDq);
		}
		return single ? new float[][] { draft.rate() } : perInt;
	}

	private static List<SceneMask.Region> regions(FlickerParams params, ExposureInfo info) {
		List<SceneMask.Region> r = new ArrayList<>();
		if (!params.maskScienceRegions) return r;
		String type = info.expType();
		if (type.startsWith("NRS")) r.add(SceneMask.dqBits(PixelFlag.MSA_FAILED_OPEN.bits()));
		if (type.equals("NRS_IFU") || type.equals("NRS_MSASPEC")) {
			int offset = info.has(Fact.SUBSTRT2) ? info.integer(Fact.SUBSTRT2) - 1 : 0;
			r.add(SceneMask.rows(FS_FROM, FS_TO, offset));
		}
		if (type.equals("MIR_IMAGE")) r.add(SceneMask.dqBits(PixelFlag.DO_NOT_USE.bits() | PixelFlag.NON_SCIENCE.bits()));
		return r;
	}

	/** The user mask planes (non-zero or NaN = background), or null when its image size differs from the data's. */
	private boolean[][] readUserMask(Path file, int width, int height) {
		log.info("Using the user mask " + file);
		try (FitsFile f = FitsFile.open(file)) {
			Hdu h = f.find("SCI", 1);
			if (h == null) {
				for (Hdu x : f.hdus()) if (x.isImage()) { h = x; break; }
			}
			if (h == null) throw JwstException.inFile(file, "has no image to use as a mask (expected the mask in SCI, 1 = background)");
			ImageArray a = f.readImage(h);
			if (a.width() != width || a.height() != height) return null;
			boolean[][] masks = new boolean[a.planeCount()][];
			for (int p = 0; p < masks.length; p++) {
				float[] v = a.floatPlane(p);
				boolean[] m = new boolean[v.length];
				for (int i = 0; i < v.length; i++) m[i] = v[i] != 0f; // NaN counts as background, as the pipeline's bool cast
				masks[p] = m;
			}
			return masks;
		}
	}

	private static String checkMaskShape(boolean[][] masks, int width, int height, int nints) {
		if (masks[0].length != width * height) return "Mask does not match data shape; the step is skipped";
		if (masks.length != 1 && masks.length != nints) return "Mask does not match data shape (" + masks.length + " mask planes for " + nints + " integrations)";
		return null;
	}

	// -- Outputs --

	private void writeMask(JwstProduct product, boolean[][] masks, Result result) {
		int w = (int) product.sci().dims()[0];
		int h = (int) product.sci().dims()[1];
		float[][] planes = new float[masks.length][];
		for (int p = 0; p < masks.length; p++) {
			float[] f = new float[masks[p].length];
			for (int i = 0; i < f.length; i++) f[i] = masks[p][i] ? 1f : 0f;
			planes[p] = f;
		}
		long[] dims = masks.length == 1 ? new long[] { w, h } : new long[] { w, h, masks.length };
		product.writeDerived(files.maskOutput, masks.length == 1 ? "ImageModel" : "CubeModel", ImageArray.ofFloats(dims, planes));
		result.written.add(files.maskOutput);
	}

	private void writeBackground(JwstProduct product, float[][] background, Result result) {
		int size = background.length == 0 ? 0 : (int) (product.sci().dims()[0] * product.sci().dims()[1]);
		for (int p = 0; p < background.length; p++) if (background[p] == null) background[p] = new float[size];
		product.writeDerived(files.backgroundOutput, product.kind().datamodel(), ImageArray.ofFloats(product.sci().dims(), background));
		result.written.add(files.backgroundOutput);
	}

	/** output - input, computed in place in the cleaned planes (written already), reading the input one plane at a time. */
	private void writeNoise(JwstProduct product, float[][] cleaned, Result result) {
		for (int p = 0; p < cleaned.length; p++) {
			float[] o = product.file().readPlanes(product.sci(), p, 1).floatPlane(0);
			float[] c = cleaned[p];
			for (int i = 0; i < c.length; i++) c[i] = c[i] - o[i];
		}
		product.writeDerived(files.noiseOutput, product.kind().datamodel(), ImageArray.ofFloats(product.sci().dims(), cleaned));
		result.written.add(files.noiseOutput);
	}

	// -- Helpers --

	private static float[][] divide(float[][] planes, float[] flat) {
		float[][] out = new float[planes.length][];
		for (int p = 0; p < planes.length; p++) {
			float[] o = planes[p].clone();
			for (int i = 0; i < o.length; i++) o[i] /= flat[i];
			out[p] = o;
		}
		return out;
	}

	private static double fraction(boolean[][] masks) {
		long used = 0, all = 0;
		for (boolean[] m : masks) {
			for (boolean b : m) if (b) used++;
			all += m.length;
		}
		return all == 0 ? 0 : used / (double) all;
	}

	private static Boolean tsoVisit(ExposureInfo info) {
		String v = info.text(Fact.TSOVISIT);
		return v.equalsIgnoreCase("true") || v.equals("T");
	}

}
