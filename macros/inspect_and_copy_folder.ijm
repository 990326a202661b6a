// Runs the inspect and copy steps on every FITS file of a folder; the copies go to a second
// folder as <root>_copy.fits. A file that is not a usable JWST product stops the macro with its
// error (headless launchers then exit non-zero).
// Headless: bin/webb-steps-batch macros/inspect_and_copy_folder.ijm "in_folder out_folder"
args = split(getArgument(), " ");
if (args.length < 2) exit("usage: inspect_and_copy_folder.ijm \"<input folder> <output folder>\"");
setBatchMode(true);
dir = args[0];
if (!endsWith(dir, "/")) dir = dir + "/";
files = getFileList(dir);
n = 0;
for (i = 0; i < files.length; i++) {
    if (endsWith(files[i], ".fits") || endsWith(files[i], ".fits.gz")) {
        run("Inspect JWST Product", "input=[" + dir + files[i] + "]");
        run("Copy JWST Product", "input=[" + dir + files[i] + "] output_dir=[" + args[1] + "]");
        n++;
    }
}
print("Copied " + n + " products");
