// Flags residual bad pixels of one IFU science exposure (NIRSpec IFU or MIRI MRS rate/cal) with the
// JWST badpix_selfcal step, from the minimum of it and its background exposures; writes
// <root>_badpix_selfcal.fits and the flagged backgrounds <root>_badpix_selfcal_bkg_<i>.fits into the
// output folder. Backgrounds are comma-separated; an association (.json) may replace the science file.
// Headless: bin/webb-steps-batch macros/badpix_selfcal_with_backgrounds.ijm "/data/sci_cal.fits /data/bkg1_cal.fits,/data/bkg2_cal.fits /data/out"
// Fiji:     ./fiji --headless -macro macros/badpix_selfcal_with_backgrounds.ijm "/data/sci_cal.fits /data/bkg1_cal.fits,/data/bkg2_cal.fits /data/out"
args = split(getArgument(), " ");
if (args.length < 3) exit("usage: badpix_selfcal_with_backgrounds.ijm \"<science> <background,background,...> <output folder>\"");
setBatchMode(true);
run("Badpix Selfcal", "input=[" + args[0] + "] bkg_list=[" + args[1] + "] output_dir=[" + args[2] + "]"
    + " flagfrac_lower=0.001 flagfrac_upper=0.001 kernel_size=15 force_single=false save_flagged_bkg=true");
print("badpix_selfcal done for " + args[0]);
