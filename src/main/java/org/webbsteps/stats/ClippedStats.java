package org.webbsteps.stats;

/** Mean, median and population standard deviation of a sigma-clipped sample, and its size. */
public final class ClippedStats {

	public final double mean;
	public final double median;
	public final double std;
	public final int count;

	public ClippedStats(double mean, double median, double std, int count) {
		this.mean = mean;
		this.median = median;
		this.std = std;
		this.count = count;
	}

	@Override
	public String toString() {
		return "mean " + mean + ", median " + median + ", std " + std + ", n " + count;
	}
}
