package org.webbsteps.commands;

import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.webbsteps.io.Hdu;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.meta.ExposureInfo;
import org.webbsteps.service.FitsMetadataService;
import org.webbsteps.step.StepLog;

/** The {@code inspect} step: the product's HDU layout and exposure facts, as text. Writes nothing. */
@Plugin(type = Command.class, label = "Inspect JWST Product", headless = true,
		attrs = @Attr(name = Steps.ATTR, value = "inspect"))
public class InspectCommand extends StepCommand {

	@Parameter(type = ItemIO.OUTPUT, label = "report")
	private String report;

	@Parameter(required = false)
	private FitsMetadataService metadata;

	@Override
	public String stepName() {
		return "inspect";
	}

	public String getReport() {
		return report;
	}

	@Override
	protected void process(Path inputFile, StepLog log) {
		try (JwstProduct product = JwstProduct.open(inputFile)) {
			ExposureInfo info = metadata != null ? metadata.exposureInfo(product) : ExposureInfo.of(product);
			StringBuilder sb = new StringBuilder();
			sb.append(inputFile).append('\n');
			for (Hdu h : product.file().hdus()) {
				String shape = h.dims().length == 0 ? "" : " " + JwstProduct.numpyShape(h.dims());
				String type = h.isImage() && h.pixelType() != null ? " " + h.pixelType() : "";
				sb.append(String.format("  %2d %-12s %-9s%s%s%n", h.index(), h.name() + (h.header().has("EXTVER") ? "," + h.version() : ""),
						h.kind(), type, shape));
			}
			sb.append(info.describe());
			report = sb.toString();
			status = "COMPLETE";
		}
	}
}
