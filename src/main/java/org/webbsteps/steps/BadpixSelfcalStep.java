package org.webbsteps.steps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.webbsteps.io.Association;
import org.webbsteps.io.Hdu;
import org.webbsteps.io.ImageArray;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.io.PixelType;
import org.webbsteps.io.ProductKind;
import org.webbsteps.io.ProductUpdate;
import org.webbsteps.meta.ExposureInfo;
import org.webbsteps.meta.Fact;
import org.webbsteps.selfcal.BadPixelSelfCal;
import org.webbsteps.selfcal.MinImage;
import org.webbsteps.selfcal.MrsPedestal;
import org.webbsteps.selfcal.SelfcalParams;
import org.webbsteps.step.JwstException;
import org.webbsteps.step.StepLog;
import org.webbsteps.step.StepStatus;

/**
 * The {@code badpix_selfcal} step on files: takes the science exposure and its companions
 * ({@link Inputs}), builds their pedestal-corrected minimum one exposure at a time, finds the bad
 * pixels with {@link BadPixelSelfCal}, and writes the flagged science product (status
 * {@code S_BPXSLF}) and, when asked, the flagged background exposures. With no companion
 * exposure and no {@code force_single} the step is SKIPPED and the science is written unchanged.
 * Input files are never modified.
 */
public final class BadpixSelfcalStep {

	/** Status keyword of this step. */
	public static final String STATUS_KEY = "S_BPXSLF";
	/** Output suffix of the science product (the pipeline's step alias). */
	public static final String SUFFIX = "badpix_selfcal";
	/** Suffix of the flagged background products, followed by {@code _<index>}. */
	public static final String BKG_SUFFIX = "badpix_selfcal_bkg";
	/** Arrays set to NaN at flagged pixels, where present. */
	private static final List<String> NAN_ARRAYS = Arrays.asList("SCI", "ERR", "VAR_POISSON", "VAR_RNOISE", "VAR_FLAT");
	/** Datamodels the step accepts (when DATAMODL is given). */
	private static final List<String> IMAGE_MODELS = Arrays.asList("ImageModel", "IFUImageModel");

	/**
	 * The exposures of one run, sorted as the pipeline does: the background exposures (the
	 * {@code bkg_list} files, then the association's {@code background} members) are flagged and
	 * returned; everything besides the science that enters the minimum is {@code selfcal_list} +
	 * {@code bkg_list} + the association's {@code background} and {@code selfcal} members.
	 */
	public static final class Inputs {
		public final Path science;
		public final List<Path> backgrounds;
		public final List<Path> selfcal;

		public Inputs(Path science, List<Path> backgrounds, List<Path> selfcal) {
			this.science = science;
			this.backgrounds = Collections.unmodifiableList(new ArrayList<>(backgrounds));
			this.selfcal = Collections.unmodifiableList(new ArrayList<>(selfcal));
		}

		/**
		 * Sorts the inputs of a run.
		 *
		 * @param input a science product, or a level-2 association (.json) whose members carry
		 *            exptype science, background or selfcal; its member files must exist
		 * @param selfcalList extra exposures used for the minimum only (may be empty)
		 * @param bkgList extra background exposures (may be empty)
		 */
		public static Inputs resolve(Path input, List<Path> selfcalList, List<Path> bkgList) {
			List<Path> backgrounds = new ArrayList<>(bkgList);
			List<Path> selfcal = new ArrayList<>(selfcalList);
			selfcal.addAll(bkgList);
			Path science = input;
			if (Association.isAssociation(input)) {
				Association asn = Association.read(input);
				asn.requireMembersExist();
				List<Path> sci = asn.members("science");
				if (sci.size() > 1) {
					throw JwstException.inFile(input, "has " + sci.size() + " science exposures; badpix_selfcal takes one (as the pipeline's spec2 steps)");
				}
				science = asn.science();
				backgrounds.addAll(asn.members("background"));
				selfcal.addAll(asn.members("background"));
				selfcal.addAll(asn.members("selfcal"));
			}
			for (Path p : selfcal) {
				if (!Files.isRegularFile(p)) throw JwstException.inFile(p, "no such file (given in selfcal_list or bkg_list)");
			}
			return new Inputs(science, backgrounds, selfcal);
		}
	}

	/** Outcome of a run. */
	public static final class Result {
		public StepStatus status;
		/** Number of pixels flagged (0 when skipped). */
		public int flagged;
		public final List<Path> written = new ArrayList<>();
	}

	private final SelfcalParams params;
	private final StepLog log;
	private final int threads;

	public BadpixSelfcalStep(SelfcalParams params, StepLog log, int threads) {
		this.params = params;
		this.log = log;
		this.threads = Math.max(1, threads);
	}

	/**
	 * Runs the step.
	 *
	 * @param inputs the sorted exposures
	 * @param output the science output file
	 * @param backgroundOutputs one file per background exposure for its flagged copy, or null not
	 *            to write them ({@code save_flagged_bkg = False})
	 */
	public Result run(Inputs inputs, Path output, List<Path> backgroundOutputs) {
		long t0 = System.nanoTime();
		if (backgroundOutputs != null && backgroundOutputs.size() != inputs.backgrounds.size()) {
			throw new IllegalArgumentException(backgroundOutputs.size() + " background outputs for " + inputs.backgrounds.size() + " backgrounds");
		}
		refuseOverwritingInputs(inputs, output, backgroundOutputs);
		Result result = new Result();
		try (JwstProduct science = JwstProduct.open(inputs.science)) {
			requireImage(science);
			ExposureInfo info = ExposureInfo.of(science);
			if (inputs.selfcal.isEmpty() && !params.forceSingle) {
				log.warn("No selfcal or background exposures provided for self-calibration. Skipping step.");
				log.info("If you want to force self-calibration with the science exposure alone (generally not recommended), set force_single=True.");
				science.update().setPrimary(STATUS_KEY, StepStatus.SKIPPED.name(), "Bad Pixel Self-Calibration").writeTo(output);
				result.status = StepStatus.SKIPPED;
				result.written.add(output);
				return result;
			}
			Integer dispAxis = dispersionAxis(info);
			String detector = info.has(Fact.DETECTOR) ? info.detector() : null;
			int width = info.width();
			int height = info.height();
			MinImage min = minimum(science, info, inputs.selfcal, detector);
			log.info("Finding bad pixels from the minimum of " + min.count() + " exposure" + (min.count() > 1 ? "s" : "")
					+ (MrsPedestal.region(detector) != null ? " (each minus its " + detector + " inter-channel pedestal)" : ""));
			BadPixelSelfCal.Result found = BadPixelSelfCal.flag(min.image(), width, height, params, dispAxis, threads, log);
			log.info(String.format(Locale.ROOT, "Thresholds on minimum - median: below %.6g or above %.6g", found.lowerThreshold, found.upperThreshold));
			log.info("Number of new bad pixels flagged: " + found.flagged.length);
			flagged(science, found.flagged).setPrimary(STATUS_KEY, StepStatus.COMPLETE.name(), "Bad Pixel Self-Calibration").writeTo(output);
			result.written.add(output);
			result.flagged = found.flagged.length;
			if (backgroundOutputs != null) {
				for (int i = 0; i < inputs.backgrounds.size(); i++) {
					log.checkCanceled();
					try (JwstProduct bkg = JwstProduct.open(inputs.backgrounds.get(i))) {
						flagged(bkg, found.flagged).writeTo(backgroundOutputs.get(i));
					}
					result.written.add(backgroundOutputs.get(i));
					log.info("Saved the flagged background " + inputs.backgrounds.get(i).getFileName() + " as " + backgroundOutputs.get(i));
				}
			}
			result.status = StepStatus.COMPLETE;
		}
		log.info(String.format(Locale.ROOT, "Step badpix_selfcal done: status %s, %.2f s", result.status, (System.nanoTime() - t0) / 1e9));
		return result;
	}

	// -- Helper methods --

	/** The pedestal-corrected minimum of the science and the other exposures, read one at a time. */
	private MinImage minimum(JwstProduct science, ExposureInfo info, List<Path> others, String detector) {
		int width = info.width();
		int height = info.height();
		MinImage min = new MinImage(width * height);
		min.add(pedestalCorrected(freshFloats(science), width, height, detector, science.path()));
		for (Path p : others) {
			log.checkCanceled();
			try (JwstProduct other = JwstProduct.open(p)) {
				requireImage(other);
				requireCompatible(other, info);
				min.add(pedestalCorrected(freshFloats(other), width, height, detector, p));
			}
		}
		return min;
	}

	/** SCI as float32, in an array read for the caller (free to change). */
	private static float[] freshFloats(JwstProduct product) {
		ImageArray sci = product.read(product.sci());
		if (sci.type() != PixelType.FLOAT32 && sci.type() != PixelType.FLOAT64) {
			throw JwstException.inFile(product.path(), "SCI is " + sci.type() + "; floating-point data are expected");
		}
		return sci.floatPlane(0);
	}

	private float[] pedestalCorrected(float[] data, int width, int height, String detector, Path file) {
		float pedestal = MrsPedestal.subtract(data, width, height, detector);
		if (MrsPedestal.region(detector) != null) {
			log.info(String.format(Locale.ROOT, "Pedestal of %s: %s", file.getFileName(), Float.isNaN(pedestal) ? "NaN (no value in the gap; the exposure drops out of the minimum)" : Float.toString(pedestal)));
		}
		return data;
	}

	/** An update of the product with NaN at the flagged pixels of SCI, ERR and VAR_* and the flag bits in DQ. */
	private ProductUpdate flagged(JwstProduct product, int[] flagged) {
		ProductUpdate update = product.update();
		for (String name : NAN_ARRAYS) {
			Hdu h = name.equals("SCI") ? product.sci() : product.find(name);
			if (h == null || !h.isImage()) continue;
			ImageArray a = product.read(h);
			if (a.type() == PixelType.FLOAT32) BadPixelSelfCal.applyToData((float[]) a.plane(0), flagged);
			else if (a.type() == PixelType.FLOAT64) BadPixelSelfCal.applyToData((double[]) a.plane(0), flagged);
			else throw JwstException.inFile(product.path(), name + " is " + a.type() + "; floating-point data are expected");
			update.replaceData(h, a);
		}
		Hdu dq = product.find("DQ");
		if (dq == null || !dq.isImage()) {
			log.warn(product.path().getFileName() + " has no DQ extension; the flagged pixels are only set to NaN");
		}
		else {
			ImageArray a = product.read(dq);
			if (a.type() != PixelType.UINT32 && a.type() != PixelType.INT32) {
				throw JwstException.inFile(product.path(), "DQ is " + a.type() + "; uint32 is expected");
			}
			BadPixelSelfCal.applyToDq((int[]) a.plane(0), flagged);
			update.replaceData(dq, a);
		}
		return update;
	}

	/** DISPAXIS of the science, or null (square window) with a warning. */
	private Integer dispersionAxis(ExposureInfo info) {
		if (!info.has(Fact.DISPAXIS)) {
			log.warn("Dispersion axis (DISPAXIS) not found in the science exposure; the median filter window will be two-dimensional ("
					+ params.kernelSize + " x " + params.kernelSize + ")");
			return null;
		}
		int d = info.integer(Fact.DISPAXIS);
		if (d != 1 && d != 2) throw JwstException.inFile(info.file(), "DISPAXIS = " + d + "; the dispersion axis must be 1 (x) or 2 (y)");
		return d;
	}

	/** The step works on 2-D images (ImageModel, IFUImageModel), as the pipeline's. */
	private static void requireImage(JwstProduct p) {
		String model = p.primaryHeader().getString("DATAMODL");
		boolean modelOk = model == null || IMAGE_MODELS.contains(model.trim());
		if (p.kind() != ProductKind.IMAGE || !modelOk) {
			String what = model != null ? model : p.kind().datamodel();
			throw JwstException.inFile(p.path(), "is a " + what + " " + JwstProduct.numpyShape(p.sci().dims())
					+ "; badpix_selfcal works on 2-D exposures (ImageModel or IFUImageModel: rate or cal products)");
		}
	}

	/** Another exposure must come from the science's detector and have its shape. */
	private static void requireCompatible(JwstProduct other, ExposureInfo science) {
		long[] d = other.sci().dims();
		if (d[0] != science.width() || d[1] != science.height()) {
			throw JwstException.inFile(other.path(), "SCI shape " + JwstProduct.numpyShape(d) + " differs from the science exposure "
					+ JwstProduct.numpyShape(new long[] { science.width(), science.height() }) + "; all exposures must have the same shape");
		}
		ExposureInfo info = ExposureInfo.of(other);
		if (science.has(Fact.DETECTOR) && info.has(Fact.DETECTOR) && !science.detector().equals(info.detector())) {
			throw JwstException.inFile(other.path(), "is a " + info.detector() + " exposure and the science is " + science.detector()
					+ "; all exposures must come from the same detector");
		}
	}

	private static void refuseOverwritingInputs(Inputs inputs, Path output, List<Path> backgroundOutputs) {
		List<Path> outs = new ArrayList<>();
		outs.add(output);
		if (backgroundOutputs != null) outs.addAll(backgroundOutputs);
		List<Path> ins = new ArrayList<>(inputs.selfcal);
		ins.add(inputs.science);
		for (Path o : outs) {
			Path a = o.toAbsolutePath().normalize();
			for (Path in : ins) {
				if (a.equals(in.toAbsolutePath().normalize())) throw JwstException.inFile(o, "is an input file; outputs never overwrite their inputs");
			}
		}
	}
}
