// Opens the SCI array of a JWST product, changes it with an ordinary ImageJ command and saves it
// back into a copy of the product (every other extension and header card is kept).
// Headless: bin/webb-steps-batch macros/open_scale_save.ijm "in_rate.fits out_rate.fits"
// Fiji:     ./fiji --headless -macro macros/open_scale_save.ijm "in_rate.fits out_rate.fits"
args = split(getArgument(), " ");
if (args.length < 2) exit("usage: open_scale_save.ijm \"<input.fits> <output.fits>\"");
setBatchMode(true);
run("JWST FITS...", "input=[" + args[0] + "] integrations=all");
print("Opened " + getTitle() + ": " + getWidth() + " x " + getHeight() + " x " + nSlices + " planes");
run("Multiply...", "value=2 stack");
run("JWST FITS product...", "output=[" + args[1] + "]");
close("*");
