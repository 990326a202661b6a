package org.webbsteps.commands;

import java.nio.file.Path;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Plugin;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.step.StepLog;

/**
 * The {@code copy} step: writes the product back unchanged under the suffix {@code copy}, through
 * the same reader and writer every step uses (a check of the round trip on the user's own files).
 */
@Plugin(type = Command.class, label = "Copy JWST Product", headless = true,
		attrs = @Attr(name = Steps.ATTR, value = "copy"))
public class CopyCommand extends StepCommand {

	@Override
	public String stepName() {
		return "copy";
	}

	@Override
	protected void process(Path inputFile, StepLog log) {
		try (JwstProduct product = JwstProduct.open(inputFile)) {
			Path out = outputPath(inputFile, "copy");
			product.update().writeTo(out);
			output = out.toFile();
			status = "COMPLETE";
			log.info("Saved " + out);
		}
	}
}
