package org.webbsteps.flicker;

/**
 * Where the Gaussian kernels of the Fourier-space (NSClean) cleaners are centred.
 * <p>
 * The JWST reference centres its weight and buffing kernels one sample off before {@code ifftshift},
 * so the kernels end up displaced by one sample: in {@link NsCleanFullFrame} a detector line takes
 * its sample density from the previous line shifted by one pixel, and the buffed model of a line
 * is centred on the previous line, shifted by one pixel; in {@link NsCleanSubarray} the density of
 * a tick is taken one tick late.
 */
public enum NsCleanCentring {
	/** Kernels centred on the sample they weight or smooth (the default). */
	CENTRED,
	/** The reference's one-sample offsets, for parity checks against the JWST pipeline. */
	PIPELINE
}
