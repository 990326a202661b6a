package org.webbsteps.flicker;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.webbsteps.stats.ClippedStats;
import org.webbsteps.stats.Selection;
import org.webbsteps.stats.SigmaClip;

/**
 * The low-resolution background model of {@code clean_flicker_noise} with
 * {@code background_method='model'}: photutils {@code Background2D} (3.0.0 semantics) as jwst calls
 * it, with filter (5, 5), 3-sigma clipping (5 iterations), the median estimator and the default
 * zoom interpolator. The result is in the units of the input image (DN or DN/s).
 * <p>
 * Images are flat float32 arrays in row-major order, x fastest: pixel (x, y) is at index
 * {@code y * width + x}. Box sizes are given in numpy order, rows first. Masks use the JWST polarity:
 * {@code true} = usable background pixel (photutils takes the opposite).
 * <p>
 * Steps:
 * <ol>
 * <li>per box, the sigma-clipped median of the usable finite pixels; a box is rejected when its
 * survivors are at most 90 % of the full box area ({@code ngood <= 0.9 * boxY * boxX}, photutils
 * 3.0.0; 3.1 accepts {@code ngood == 0.9 * boxY * boxX}), so partial edge boxes smaller than 90 % of
 * a box are always rejected;</li>
 * <li>rejected nodes are filled by inverse-distance weighting (1/d) of the 10 nearest valid nodes,
 * the neighbours being chosen as scipy's {@code cKDTree} chooses them among equidistant nodes;</li>
 * <li>5 x 5 median filter of the mesh, counting only the nodes inside the mesh at its border;</li>
 * <li>cubic B-spline upsampling equal to scipy {@code zoom(order=3, mode='reflect',
 * grid_mode=True)}, cropped to the image and clipped to the range of the filtered mesh; a constant
 * mesh gives a constant image.</li>
 * </ol>
 * Mesh values are rounded to float32 between the stages, as photutils keeps them for float32 data;
 * the arithmetic is float64. Rows of boxes and of output pixels are computed in parallel (common
 * fork-join pool); the result does not depend on the scheduling.
 *
 * @see <a href="https://github.com/spacetelescope/jwst">jwst.clean_flicker_noise.background_level</a>
 */
public final class Background2D {

	/** Thrown when no model can be made (all pixels excluded, all boxes rejected). */
	public static final class FitFailedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public FitFailedException(String m) {
			super(m);
		}
	}

	/** Largest default box edge. */
	private static final int MAX_DEFAULT_BOX = 32;
	/** Sigma of the per-box clip, both sides. */
	private static final double CLIP_SIGMA = 3.0;
	/** Iterations of the per-box clip. */
	private static final int CLIP_ITERS = 5;
	/** Percentage of a box that may be masked (photutils {@code exclude_percentile}). */
	private static final double EXCLUDE_PERCENTILE = 10.0;
	/** Edge of the median filter applied to the mesh (photutils {@code filter_size}). */
	private static final int FILTER_SIZE = 5;
	/** Number of valid mesh nodes used to fill a rejected node. */
	private static final int IDW_NEIGHBOURS = 10;
	/** Pole of the cubic B-spline prefilter, sqrt(3) - 2. */
	private static final double POLE = Math.sqrt(3.0) - 2.0;

	private Background2D() {
	}

	/** Largest k in 1..32 dividing n exactly (2048 -> 32, 1032 -> 24, 2040 -> 30, 100 -> 25, 20 -> 20). */
	public static int defaultBoxSize(int n) {
		if (n < 1) throw new IllegalArgumentException("axis length must be positive: " + n);
		for (int k = Math.min(MAX_DEFAULT_BOX, n); k > 1; k--) {
			if (n % k == 0) return k;
		}
		return 1;
	}

	/**
	 * The Background2D model of an image, in the units of the image.
	 *
	 * @param image pixel values, row-major (index = y * width + x); non-finite values are excluded
	 * @param usable true = pixel may be used (background); same layout as {@code image}
	 * @param width number of columns (x, FITS NAXIS1)
	 * @param height number of rows (y, FITS NAXIS2)
	 * @param boxY box size in rows; clamped to {@code height}
	 * @param boxX box size in columns; clamped to {@code width}
	 * @return the model, float32, {@code width * height} values in the same layout
	 * @throws FitFailedException when every pixel is excluded or every box is rejected
	 */
	public static float[] model(float[] image, boolean[] usable, int width, int height, int boxY, int boxX) {
		if (width < 1 || height < 1) throw new IllegalArgumentException("empty image " + width + " x " + height);
		if (image.length != (long) width * height || usable.length != image.length) {
			throw new IllegalArgumentException("image and mask must hold " + width + " x " + height + " values");
		}
		if (boxY < 1 || boxX < 1) throw new IllegalArgumentException("box size must be positive: " + boxY + " x " + boxX);
		int by = Math.min(boxY, height);
		int bx = Math.min(boxX, width);
		if (!anyUsable(image, usable)) throw new FitFailedException("all pixels are masked or not finite");

		int ny = (height + by - 1) / by;
		int nx = (width + bx - 1) / bx;
		float[] mesh = boxMedians(image, usable, width, height, by, bx, ny, nx);
		fillRejected(mesh, ny, nx);
		float[] filtered = medianFilter(mesh, ny, nx);
		return upsample(filtered, ny, nx, by, bx, width, height);
	}

	// -- Box statistics --

	private static boolean anyUsable(float[] image, boolean[] usable) {
		for (int i = 0; i < image.length; i++) {
			if (usable[i] && Float.isFinite(image[i])) return true;
		}
		return false;
	}

	/**
	 * Sigma-clipped median of each box (float32), NaN for rejected boxes; mesh row-major, nx fastest.
	 * Edge boxes hold only the pixels inside the image, but the rejection threshold uses the full box
	 * area (photutils pads the image with masked pixels).
	 */
	static float[] boxMedians(float[] image, boolean[] usable, int width, int height, int by, int bx,
			int ny, int nx) {
		double minGood = (1.0 - EXCLUDE_PERCENTILE / 100.0) * ((double) by * bx);
		float[] mesh = new float[ny * nx];
		IntStream.range(0, ny).parallel().forEach(r -> {
			double[] work = new double[by * bx];
			int y0 = r * by;
			int y1 = Math.min(y0 + by, height);
			for (int c = 0; c < nx; c++) {
				int x0 = c * bx;
				int x1 = Math.min(x0 + bx, width);
				int n = 0;
				for (int y = y0; y < y1; y++) {
					int row = y * width;
					for (int x = x0; x < x1; x++) {
						float v = image[row + x];
						if (usable[row + x] && Float.isFinite(v)) work[n++] = v;
					}
				}
				float value = Float.NaN;
				if (n > 0) {
					ClippedStats s = SigmaClip.clipInPlace(work, n, CLIP_SIGMA, CLIP_SIGMA, CLIP_ITERS);
					if (s.count > minGood) value = (float) s.median;
				}
				mesh[r * nx + c] = value;
			}
		});
		for (float v : mesh) {
			if (!Float.isNaN(v)) return mesh;
		}
		throw new FitFailedException("every box of " + by + " x " + bx + " pixels has more than "
				+ EXCLUDE_PERCENTILE + " % of its pixels masked or clipped");
	}

	// -- Filling and filtering of the mesh --

	/**
	 * Replaces the NaN nodes by the inverse-distance weighted mean (weights 1/d, d in mesh units) of
	 * the nearest valid nodes, found with {@link NeighbourTree} so that ties between equidistant nodes
	 * are resolved as in the reference. The filled values are rounded to float32.
	 */
	static void fillRejected(float[] mesh, int ny, int nx) {
		int nValid = 0;
		for (float v : mesh) if (!Float.isNaN(v)) nValid++;
		if (nValid == mesh.length) return;
		double[] validY = new double[nValid];
		double[] validX = new double[nValid];
		double[] validV = new double[nValid];
		int k = 0;
		for (int i = 0; i < mesh.length; i++) {
			if (Float.isNaN(mesh[i])) continue;
			validY[k] = i / nx;
			validX[k] = i % nx;
			validV[k++] = mesh[i];
		}
		NeighbourTree tree = new NeighbourTree(validY, validX);
		int kMax = Math.min(IDW_NEIGHBOURS, nValid);
		int[] idx = new int[kMax];
		double[] dist = new double[kMax];
		float[] filled = mesh.clone();
		for (int i = 0; i < mesh.length; i++) {
			if (!Float.isNaN(mesh[i])) continue;
			tree.nearest(i / nx, i % nx, IDW_NEIGHBOURS, idx, dist);
			double sumW = 0;
			double sumWv = 0;
			for (int m = 0; m < kMax; m++) {
				double w = 1.0 / dist[m];
				sumW += w;
				sumWv += w * validV[idx[m]];
			}
			filled[i] = (float) (sumWv / sumW);
		}
		System.arraycopy(filled, 0, mesh, 0, mesh.length);
	}

	/** 5 x 5 median filter of the mesh; near the border only the neighbours inside the mesh count. */
	static float[] medianFilter(float[] mesh, int ny, int nx) {
		int half = FILTER_SIZE / 2;
		float[] out = new float[mesh.length];
		double[] window = new double[FILTER_SIZE * FILTER_SIZE];
		for (int r = 0; r < ny; r++) {
			for (int c = 0; c < nx; c++) {
				int n = 0;
				for (int rr = Math.max(0, r - half); rr <= Math.min(ny - 1, r + half); rr++) {
					for (int cc = Math.max(0, c - half); cc <= Math.min(nx - 1, c + half); cc++) {
						window[n++] = mesh[rr * nx + cc];
					}
				}
				out[r * nx + c] = (float) Selection.medianInPlace(window, n);
			}
		}
		return out;
	}

	// -- Spline upsampling --

	/**
	 * Cubic B-spline interpolation of the mesh at mesh coordinates u = (y + 0.5) / by - 0.5,
	 * v = (x + 0.5) / bx - 0.5 with half-sample symmetric boundaries, clipped to the mesh range.
	 */
	static float[] upsample(float[] mesh, int ny, int nx, int by, int bx, int width, int height) {
		float lo = Float.POSITIVE_INFINITY;
		float hi = Float.NEGATIVE_INFINITY;
		for (float v : mesh) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		float[] out = new float[width * height];
		if (lo == hi) {
			Arrays.fill(out, lo);
			return out;
		}
		double[] coef = new double[mesh.length];
		for (int i = 0; i < mesh.length; i++) coef[i] = mesh[i];
		double[] line = new double[Math.max(ny, nx)];
		for (int c = 0; c < nx; c++) {
			for (int r = 0; r < ny; r++) line[r] = coef[r * nx + c];
			prefilter(line, ny);
			for (int r = 0; r < ny; r++) coef[r * nx + c] = line[r];
		}
		for (int r = 0; r < ny; r++) {
			System.arraycopy(coef, r * nx, line, 0, nx);
			prefilter(line, nx);
			System.arraycopy(line, 0, coef, r * nx, nx);
		}

		int[] xIdx = new int[4 * width];
		double[] xW = new double[4 * width];
		for (int x = 0; x < width; x++) taps((x + 0.5) / bx - 0.5, nx, xIdx, xW, 4 * x);
		int[] yIdx = new int[4 * height];
		double[] yW = new double[4 * height];
		for (int y = 0; y < height; y++) taps((y + 0.5) / by - 0.5, ny, yIdx, yW, 4 * y);

		double[] rows = new double[ny * width];
		for (int r = 0; r < ny; r++) {
			int base = r * nx;
			int o = r * width;
			for (int x = 0; x < width; x++) {
				int t = 4 * x;
				rows[o + x] = xW[t] * coef[base + xIdx[t]] + xW[t + 1] * coef[base + xIdx[t + 1]]
						+ xW[t + 2] * coef[base + xIdx[t + 2]] + xW[t + 3] * coef[base + xIdx[t + 3]];
			}
		}
		float low = lo;
		float high = hi;
		IntStream.range(0, height).parallel().forEach(y -> {
			int t = 4 * y;
			int r0 = yIdx[t] * width;
			int r1 = yIdx[t + 1] * width;
			int r2 = yIdx[t + 2] * width;
			int r3 = yIdx[t + 3] * width;
			double w0 = yW[t];
			double w1 = yW[t + 1];
			double w2 = yW[t + 2];
			double w3 = yW[t + 3];
			int o = y * width;
			for (int x = 0; x < width; x++) {
				float v = (float) (w0 * rows[r0 + x] + w1 * rows[r1 + x] + w2 * rows[r2 + x] + w3 * rows[r3 + x]);
				out[o + x] = v < low ? low : v > high ? high : v;
			}
		});
		return out;
	}

	/**
	 * Turns samples s[0..n) into cubic B-spline coefficients in place, for a signal extended by
	 * half-sample symmetry (... s1 s0 | s0 s1 ... s(n-1) | s(n-1) s(n-2) ...), as scipy's
	 * {@code spline_filter1d(mode='reflect')} computes them. The causal pass starts from the sum over
	 * one period of the extension, and the anticausal pass from the symmetry c[n] = c[n-1].
	 * <p>
	 * [QUIRK] scipy accumulates that sum in c[0] itself, so the mirrored term of the last sample uses
	 * the partial sum instead of s[0]. The coefficients of a constant are then not exactly constant
	 * (for n = 2 they are off by up to 6e-4 of the level); the error falls as |z|^(2n-1) and is below
	 * 1e-8 from n = 8 on. It is reproduced here for parity.
	 */
	static void prefilter(double[] s, int n) {
		if (n < 2) return;
		double z = POLE;
		double gain = (1 - z) * (1 - 1 / z);
		for (int i = 0; i < n; i++) s[i] *= gain;
		double s0 = s[0];
		double zn = Math.pow(z, n);
		double sum = s0 + zn * s[n - 1];
		double zi = z;
		for (int i = 1; i < n; i++) {
			double mirrored = i == n - 1 ? sum : s[n - 1 - i];
			sum += zi * (s[i] + zn * mirrored);
			zi *= z;
		}
		s[0] = sum * (z / (1 - zn * zn)) + s0;
		for (int i = 1; i < n; i++) s[i] += z * s[i - 1];
		s[n - 1] *= z / (z - 1);
		for (int i = n - 2; i >= 0; i--) s[i] = z * (s[i + 1] - s[i]);
	}

	/**
	 * The four coefficient indices (reflected into 0..n) and cubic B-spline weights for mesh
	 * coordinate u, written at {@code idx[at..at+4)} and {@code w[at..at+4)}.
	 */
	static void taps(double u, int n, int[] idx, double[] w, int at) {
		int i0 = (int) Math.floor(u);
		double t = u - i0;
		double s = 1 - t;
		w[at] = s * s * s / 6;
		w[at + 1] = (4 - 6 * t * t + 3 * t * t * t) / 6;
		w[at + 2] = (4 - 6 * s * s + 3 * s * s * s) / 6;
		w[at + 3] = t * t * t / 6;
		for (int k = 0; k < 4; k++) idx[at + k] = reflect(i0 - 1 + k, n);
	}

	/** Index i mapped into 0..n by half-sample symmetric reflection (period 2n). */
	static int reflect(int i, int n) {
		int p = 2 * n;
		int m = i % p;
		if (m < 0) m += p;
		return m < n ? m : p - 1 - m;
	}

	// -- Nearest valid nodes --

	/**
	 * k-nearest-neighbour search over 2-D points that reproduces scipy's {@code cKDTree} (as photutils
	 * builds it: balanced median splits, compact cells, leaves of at most 10 points) including which
	 * of several equidistant points it returns. The tree is built with the same selection and
	 * partition steps (those of the GNU C++ library's {@code nth_element} and {@code partition}), and
	 * the query visits cells and keeps candidates in binary heaps that break ties the same way, so
	 * the k-th neighbour is the same point when several lie at that distance.
	 */
	static final class NeighbourTree {

		private static final int LEAF_SIZE = 10;

		/** Coordinates by dimension (0 = mesh row, 1 = mesh column), indexed by point. */
		private final double[][] coord;
		/** Point indices, permuted by the build so that each node owns a contiguous range. */
		private final int[] order;
		private final double[] rawMin = new double[2];
		private final double[] rawMax = new double[2];
		private int nodes;
		private int[] start = new int[16];
		private int[] end = new int[16];
		private int[] splitDim = new int[16];
		private double[] split = new double[16];
		private int[] less = new int[16];
		private int[] greater = new int[16];

		NeighbourTree(double[] y, double[] x) {
			coord = new double[][] { y, x };
			int n = y.length;
			order = new int[n];
			for (int i = 0; i < n; i++) order[i] = i;
			for (int d = 0; d < 2; d++) {
				double lo = Double.POSITIVE_INFINITY;
				double hi = Double.NEGATIVE_INFINITY;
				for (double v : coord[d]) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
				rawMin[d] = lo;
				rawMax[d] = hi;
			}
			build(0, n);
		}

		/**
		 * The k nearest points to (y, x), closest first: their indices in {@code idx} and Euclidean
		 * distances in {@code dist}. Returns how many were found (fewer than k if the tree is smaller).
		 */
		int nearest(double y, double x, int k, int[] idx, double[] dist) {
			double[] q = { y, x };
			Heap cells = new Heap();
			Heap found = new Heap();
			Cell c = new Cell(0);
			for (int d = 0; d < 2; d++) {
				double side = q[d] > rawMax[d] ? q[d] - rawMax[d] : Math.max(0, rawMin[d] - q[d]);
				c.update(d, side * side);
			}
			double bound = Double.POSITIVE_INFINITY;
			while (true) {
				int node = c.node;
				if (splitDim[node] < 0) {
					for (int i = start[node]; i < end[node]; i++) {
						int p = order[i];
						double dy = coord[0][p] - y;
						double dx = coord[1][p] - x;
						double d2 = dy * dy + dx * dx;
						if (d2 < bound) {
							if (found.size == k) found.remove();
							found.push(-d2, p, null);
							if (found.size == k) bound = -found.priority[0];
						}
					}
					if (cells.size == 0) break;
					c = cells.pop();
				}
				else {
					if (c.minDistance > bound) break;
					int sd = splitDim[node];
					Cell far = c.copy();
					double side;
					if (q[sd] < split[node]) {
						c.node = less[node];
						far.node = greater[node];
						side = split[node] - q[sd];
					}
					else {
						c.node = greater[node];
						far.node = less[node];
						side = q[sd] - split[node];
					}
					far.update(sd, side * side);
					if (c.minDistance > far.minDistance) {
						Cell t = c;
						c = far;
						far = t;
					}
					if (far.minDistance <= bound) cells.push(far.minDistance, 0, far);
				}
			}
			int n = found.size;
			for (int i = n - 1; i >= 0; i--) {
				dist[i] = Math.sqrt(-found.priority[0]);
				idx[i] = found.item[0];
				found.remove();
			}
			return n;
		}

		// -- Build --

		private int build(int from, int to) {
			int node = newNode(from, to);
			if (to - from <= LEAF_SIZE) return node;
			int p = splitAndPartition(node, from, to);
			if (p < 0) return node;
			int l = build(from, p);
			int g = build(p, to);
			less[node] = l;
			greater[node] = g;
			return node;
		}

		private int newNode(int from, int to) {
			if (nodes == start.length) {
				int n = 2 * nodes;
				start = Arrays.copyOf(start, n);
				end = Arrays.copyOf(end, n);
				splitDim = Arrays.copyOf(splitDim, n);
				split = Arrays.copyOf(split, n);
				less = Arrays.copyOf(less, n);
				greater = Arrays.copyOf(greater, n);
			}
			start[nodes] = from;
			end[nodes] = to;
			splitDim[nodes] = -1;
			return nodes++;
		}

		/** Splits at the median of the widest dimension; returns the first index of the upper part, or -1 for a leaf. */
		private int splitAndPartition(int node, int from, int to) {
			int dim = 0;
			double size = 0;
			double lo = 0;
			for (int d = 0; d < 2; d++) {
				double mn = Double.POSITIVE_INFINITY;
				double mx = Double.NEGATIVE_INFINITY;
				for (int i = from; i < to; i++) {
					double v = coord[d][order[i]];
					mn = Math.min(mn, v);
					mx = Math.max(mx, v);
				}
				if (mx - mn > size) {
					dim = d;
					size = mx - mn;
					lo = mn;
				}
			}
			if (size == 0) return -1;
			double[] key = coord[dim];
			int mid = from + (to - from) / 2;
			nthElement(order, from, mid, to, key);
			double s = key[order[mid]];
			int p = partition(order, from, mid, key, s);
			if (p == from) {
				s = Math.nextUp(lo);
				p = partition(order, from, to, key, s);
			}
			splitDim[node] = dim;
			split[node] = s;
			return p;
		}

		/** Moves the elements with key below {@code pivot} to the front (two-ended scan); returns their count end. */
		private static int partition(int[] a, int first, int last, double[] key, double pivot) {
			while (true) {
				while (true) {
					if (first == last) return first;
					if (key[a[first]] < pivot) first++;
					else break;
				}
				last--;
				while (true) {
					if (first == last) return first;
					if (!(key[a[last]] < pivot)) last--;
					else break;
				}
				swap(a, first, last);
				first++;
			}
		}

		/** Introselect: puts the element of rank {@code nth - first} at {@code nth}, smaller keys before it. */
		private static void nthElement(int[] a, int first, int nth, int last, double[] key) {
			if (first == last || nth == last) return;
			int depth = 2 * (31 - Integer.numberOfLeadingZeros(last - first));
			while (last - first > 3) {
				if (depth == 0) {
					heapSelect(a, first, nth + 1, last, key);
					swap(a, first, nth);
					return;
				}
				depth--;
				int cut = pivotPartition(a, first, last, key);
				if (cut <= nth) first = cut;
				else last = cut;
			}
			insertionSort(a, first, last, key);
		}

		private static int pivotPartition(int[] a, int first, int last, double[] key) {
			int mid = first + (last - first) / 2;
			medianToFirst(a, first, first + 1, mid, last - 1, key);
			int lo = first + 1;
			int hi = last;
			double pivot = key[a[first]];
			while (true) {
				while (key[a[lo]] < pivot) lo++;
				hi--;
				while (pivot < key[a[hi]]) hi--;
				if (!(lo < hi)) return lo;
				swap(a, lo, hi);
				lo++;
			}
		}

		private static void medianToFirst(int[] a, int result, int i, int j, int k, double[] key) {
			double x = key[a[i]];
			double y = key[a[j]];
			double z = key[a[k]];
			if (x < y) {
				if (y < z) swap(a, result, j);
				else if (x < z) swap(a, result, k);
				else swap(a, result, i);
			}
			else if (x < z) swap(a, result, i);
			else if (y < z) swap(a, result, k);
			else swap(a, result, j);
		}

		private static void insertionSort(int[] a, int first, int last, double[] key) {
			if (first == last) return;
			for (int i = first + 1; i < last; i++) {
				int v = a[i];
				if (key[v] < key[a[first]]) {
					System.arraycopy(a, first, a, first + 1, i - first);
					a[first] = v;
				}
				else {
					int j = i;
					while (key[v] < key[a[j - 1]]) {
						a[j] = a[j - 1];
						j--;
					}
					a[j] = v;
				}
			}
		}

		private static void heapSelect(int[] a, int first, int middle, int last, double[] key) {
			int len = middle - first;
			if (len >= 2) {
				for (int parent = (len - 2) / 2; parent >= 0; parent--) {
					adjustHeap(a, first, parent, len, a[first + parent], key);
				}
			}
			for (int i = middle; i < last; i++) {
				if (key[a[i]] < key[a[first]]) {
					int v = a[i];
					a[i] = a[first];
					adjustHeap(a, first, 0, len, v, key);
				}
			}
		}

		private static void adjustHeap(int[] a, int first, int hole, int len, int value, double[] key) {
			int top = hole;
			int child = hole;
			while (child < (len - 1) / 2) {
				child = 2 * (child + 1);
				if (key[a[first + child]] < key[a[first + child - 1]]) child--;
				a[first + hole] = a[first + child];
				hole = child;
			}
			if ((len & 1) == 0 && child == (len - 2) / 2) {
				child = 2 * (child + 1);
				a[first + hole] = a[first + child - 1];
				hole = child - 1;
			}
			int parent = (hole - 1) / 2;
			while (hole > top && key[a[first + parent]] < key[value]) {
				a[first + hole] = a[first + parent];
				hole = parent;
				parent = (hole - 1) / 2;
			}
			a[first + hole] = value;
		}

		private static void swap(int[] a, int i, int j) {
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}

		/** A cell waiting to be searched: its node and squared distances from the query, per side and in total. */
		private static final class Cell {
			int node;
			double minDistance;
			final double[] side = new double[2];

			Cell(int node) {
				this.node = node;
			}

			Cell copy() {
				Cell c = new Cell(node);
				c.minDistance = minDistance;
				c.side[0] = side[0];
				c.side[1] = side[1];
				return c;
			}

			void update(int d, double s) {
				minDistance += s - side[d];
				side[d] = s;
			}
		}

		/** Binary min-heap on a double priority with an int or cell payload (cKDTree's sift rules). */
		private static final class Heap {
			double[] priority = new double[16];
			int[] item = new int[16];
			Cell[] cell = new Cell[16];
			int size;

			void push(double p, int i, Cell c) {
				if (size == priority.length) {
					priority = Arrays.copyOf(priority, 2 * size);
					item = Arrays.copyOf(item, 2 * size);
					cell = Arrays.copyOf(cell, 2 * size);
				}
				int at = size++;
				set(at, p, i, c);
				while (at > 0 && priority[at] < priority[(at - 1) / 2]) {
					exchange(at, (at - 1) / 2);
					at = (at - 1) / 2;
				}
			}

			void remove() {
				size--;
				set(0, priority[size], item[size], cell[size]);
				int at = 0;
				while (true) {
					int j = 2 * at + 1;
					int k = j + 1;
					if (!((j < size && priority[at] > priority[j]) || (k < size && priority[at] > priority[k]))) break;
					int l = k < size && priority[j] > priority[k] ? k : j;
					exchange(at, l);
					at = l;
				}
			}

			Cell pop() {
				Cell c = cell[0];
				remove();
				return c;
			}

			private void set(int at, double p, int i, Cell c) {
				priority[at] = p;
				item[at] = i;
				cell[at] = c;
			}

			private void exchange(int a, int b) {
				double p = priority[a];
				int i = item[a];
				Cell c = cell[a];
				set(a, priority[b], item[b], cell[b]);
				set(b, p, i, c);
			}
		}
	}
}
