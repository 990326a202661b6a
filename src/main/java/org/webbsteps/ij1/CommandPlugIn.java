package org.webbsteps.ij1;

import java.awt.GraphicsEnvironment;
import java.awt.TextField;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.swing.JFileChooser;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.io.OpenDialog;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;

import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.webbsteps.commands.StepCommand;
import org.webbsteps.commands.StepRunner;
import org.webbsteps.step.JwstException;

/**
 * The ImageJ 1.x menu entry of a SciJava command (listed in {@code plugins.config} with the
 * command's class name as argument). It takes the parameters from the macro options
 * ({@code key=value}, keys are the JWST parameter names) or, interactively, from a dialog whose
 * labels are those names, so that the macro recorder writes the same keys; then it runs the
 * command and shows its image outputs. One menu item per command, in Fiji and in plain ImageJ.
 */
public class CommandPlugIn implements PlugIn {

	/** System property set to the error message when a command fails inside a macro (read by {@code BatchMacro}). */
	public static final String FAILURE_PROPERTY = "webbsteps.macro.error";

	@Override
	public void run(String commandClass) {
		String title = commandClass.substring(commandClass.lastIndexOf('.') + 1).replace("Command", "");
		try {
			CommandService commands = SciJavaBridge.context().getService(CommandService.class);
			CommandInfo info = commands.getCommand(commandClass);
			if (info == null) throw new JwstException("command " + commandClass + " is not installed");
			title = info.getLabel();
			Map<String, String> text = new LinkedHashMap<>();
			Map<String, Object> typed = new LinkedHashMap<>();
			if (!harvest(info, title, text, typed)) return;
			StepRunner runner = new StepRunner(SciJavaBridge.context());
			CommandModule module = runner.run(info, text, typed, new Ij1StepLog(title));
			if (module.isCanceled()) throw new JwstException(module.getCancelReason());
			showOutputs(module, title);
		}
		catch (JwstException e) {
			fail(title, e.getMessage());
		}
		catch (RuntimeException e) {
			fail(title, "internal error: " + (e.getCause() != null ? e.getCause() : e));
		}
	}

	// -- Helper methods --

	/** Fills the inputs from macro options or a dialog; false if the user canceled the dialog. */
	private static boolean harvest(CommandInfo info, String title, Map<String, String> text, Map<String, Object> typed) {
		Map<String, ModuleItem<?>> params = StepRunner.parameters(info);
		for (ModuleItem<?> item : params.values()) {
			if (item.getType() == ImagePlus.class) {
				ImagePlus imp = WindowManager.getCurrentImage();
				if (imp == null) throw new JwstException("no image is open");
				typed.put(item.getName(), imp);
			}
		}
		String options = Macro.getOptions();
		if (options != null) {
			for (ModuleItem<?> item : params.values()) {
				if (item.getType() == ImagePlus.class) continue;
				String key = item.getName();
				String value = Macro.getValue(options, key, null);
				if (isBoolean(item)) {
					if (value == null && hasFlag(options, key)) value = "true";
					else if (value == null) value = String.valueOf(item.getDefaultValue());
				}
				if (value != null) text.put(key, value);
			}
			return true;
		}
		if (GraphicsEnvironment.isHeadless()) {
			throw new JwstException("running headless needs the parameters as macro options, e.g. run(\"" + title + "\", \"input=[file.fits]\")");
		}
		return dialog(params, title, text);
	}

	private static boolean dialog(Map<String, ModuleItem<?>> params, String title, Map<String, String> text) {
		GenericDialog gd = new GenericDialog(title);
		for (ModuleItem<?> item : params.values()) {
			Object def = item.getDefaultValue();
			String key = item.getName();
			List<?> choices = item.getChoices();
			if (item.getType() == ImagePlus.class) continue;
			if (isBoolean(item)) gd.addCheckbox(key, Boolean.TRUE.equals(def));
			else if (choices != null && !choices.isEmpty()) gd.addChoice(key, choices.stream().map(String::valueOf).toArray(String[]::new), String.valueOf(def));
			else if (item.getType() == File.class) {
				if ("directory".equals(item.getWidgetStyle())) gd.addDirectoryField(key, def == null ? "" : def.toString());
				else if ("input".equals(key) && activeProduct() != null) gd.addFileField(key, activeProduct()); // the open image's product
				else gd.addFileField(key, def == null ? "" : def.toString());
			}
			else if (item.getType() == File[].class) addFilesField(gd, key);
			else if (Number.class.isAssignableFrom(box(item.getType()))) gd.addStringField(key, def == null ? "" : def.toString());
			else gd.addStringField(key, def == null ? "" : def.toString(), 30);
		}
		gd.addHelp(helpPage(title, params));
		gd.showDialog();
		if (gd.wasCanceled()) return false;
		for (ModuleItem<?> item : params.values()) {
			String key = item.getName();
			List<?> choices = item.getChoices();
			if (item.getType() == ImagePlus.class) continue;
			if (isBoolean(item)) {
				boolean v = gd.getNextBoolean();
				text.put(key, Boolean.toString(v));
				// the recorder omits unchecked boxes; record them when the default is true so playback agrees
				if (!v && Boolean.TRUE.equals(item.getDefaultValue()) && Recorder.record) Recorder.recordOption(key, "false");
			}
			else if (choices != null && !choices.isEmpty()) text.put(key, gd.getNextChoice());
			else {
				String v = gd.getNextString().trim();
				if (!v.isEmpty()) text.put(key, v);
			}
		}
		return true;
	}

	/** The product file the active image was opened from (File > Import > JWST FITS...), or null. */
	private static String activeProduct() {
		ImagePlus imp = WindowManager.getCurrentImage();
		Object file = imp == null ? null : imp.getProperty(org.webbsteps.commands.OpenJwstFitsCommand.PROP_FILE);
		return file == null ? null : file.toString();
	}

	/** The Help button's page: every parameter with its description and default. */
	private static String helpPage(String title, Map<String, ModuleItem<?>> params) {
		StringBuilder html = new StringBuilder("<html><h3>").append(title).append("</h3><table>");
		for (ModuleItem<?> item : params.values()) {
			if (item.getType() == ImagePlus.class) continue;
			Object def = item.getDefaultValue();
			html.append("<tr><td><b>").append(item.getName()).append("</b></td><td>")
					.append(item.getDescription() == null ? "" : item.getDescription())
					.append(def == null || "".equals(def) ? "" : " (default " + def + ")").append("</td></tr>");
		}
		return html.append("</table><p>Macro keys are these names; see the README of Webb Steps.</p></html>").toString();
	}

	private static void showOutputs(CommandModule module, String title) {
		ImagePlus main = null;
		for (Map.Entry<String, Object> out : module.getOutputs().entrySet()) {
			Object v = out.getValue();
			if (v instanceof ImagePlus && "image".equals(out.getKey())) main = (ImagePlus) v;
			else if (v instanceof ImagePlus) ((ImagePlus) v).show();
			else if ("report".equals(out.getKey()) && v != null) IJ.log(v.toString());
		}
		if (main != null) main.show(); // last, so that the main image is the active one
		if (module.getCommand() instanceof StepCommand) {
			StepCommand step = (StepCommand) module.getCommand();
			if (step.getOutput() != null) {
				IJ.log(title + ": " + step.getStatus() + ", saved " + step.getOutput());
				// run from the menu (not a macro): show the result, as users expect after a processing command
				if (!IJ.isMacro() && !GraphicsEnvironment.isHeadless() && step.getOutput().getName().endsWith(".fits")) {
					IJ.run("JWST FITS...", "input=[" + step.getOutput().getAbsolutePath() + "] integrations=all");
				}
			}
		}
	}

	private static void fail(String title, String message) {
		if (IJ.isMacro() || Macro.getOptions() != null) {
			System.setProperty(FAILURE_PROPERTY, title + ": " + message);
			IJ.log(title + ": ERROR: " + message);
			ij.macro.Interpreter.abort();
			throw new RuntimeException(Macro.MACRO_CANCELED);
		}
		IJ.error(title, message);
	}

	/** A comma-separated list of files with a button that adds files chosen in a file dialog. */
	private static void addFilesField(GenericDialog gd, String key) {
		gd.addStringField(key, "", 40);
		TextField field = (TextField) gd.getStringFields().lastElement();
		gd.addButton("Add files to " + key + "...", e -> {
			JFileChooser chooser = new JFileChooser(OpenDialog.getDefaultDirectory());
			chooser.setMultiSelectionEnabled(true);
			chooser.setDialogTitle(key);
			// no parent component: headless ImageJ replaces GenericDialog by a class that is not one
			if (chooser.showOpenDialog(null) != JFileChooser.APPROVE_OPTION) return;
			StringBuilder text = new StringBuilder(field.getText().trim());
			for (File f : chooser.getSelectedFiles()) {
				if (text.length() > 0) text.append(',');
				text.append(f.getAbsolutePath());
			}
			field.setText(text.toString());
		});
	}

	private static boolean isBoolean(ModuleItem<?> item) {
		return item.getType() == boolean.class || item.getType() == Boolean.class;
	}

	private static boolean hasFlag(String options, String key) {
		return (" " + options + " ").contains(" " + key + " ");
	}

	private static Class<?> box(Class<?> c) {
		if (c == int.class) return Integer.class;
		if (c == double.class) return Double.class;
		if (c == float.class) return Float.class;
		if (c == long.class) return Long.class;
		return c;
	}
}
