// Removes 1/f noise from every *_ramp.fits (and *_ramp.fits.gz) file of a folder with the JWST
// clean_flicker_noise step (median fit, median background), writing <root>_clean_flicker_noise.fits
// and the scene mask <root>_mask.fits into the output folder.
// Headless: bin/webb-steps-batch macros/clean_flicker_noise_folder.ijm "/data/ramps /data/cleaned"
// Fiji:     ./fiji --headless -macro macros/clean_flicker_noise_folder.ijm "/data/ramps /data/cleaned"
args = split(getArgument(), " ");
if (args.length < 2) exit("usage: clean_flicker_noise_folder.ijm \"<input folder> <output folder>\"");
setBatchMode(true);
dir = args[0];
if (!endsWith(dir, "/")) dir = dir + "/";
files = getFileList(dir);
n = 0;
for (i = 0; i < files.length; i++) {
    if (endsWith(files[i], "_ramp.fits") || endsWith(files[i], "_ramp.fits.gz")) {
        run("Clean Flicker Noise", "input=[" + dir + files[i] + "] output_dir=[" + args[1] + "]"
            + " fit_method=median background_method=median n_sigma=2.0 single_mask=true save_mask=true");
        n++;
    }
}
print("Cleaned " + n + " ramps");
