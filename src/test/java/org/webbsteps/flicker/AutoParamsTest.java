package org.webbsteps.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webbsteps.step.StepLog;

/** The reference's autoparam tests (spec §5.3), on the same synthetic images. */
class AutoParamsTest {

	private static float[] ones(int n) {
		float[] a = new float[n];
		Arrays.fill(a, 1f);
		return a;
	}

	private static void addLargeSource(float[] img, int w, int h, double cy, double cx, double radius, float value) {
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if ((y - cy) * (y - cy) + (x - cx) * (x - cx) < radius * radius) img[y * w + x] += value;
	}

	/** The reference test's 100 sources on a 100x100 image (positions drawn by numpy, stored as a resource). */
	private static void addSmallSources(float[] img, int w) throws Exception {
		java.util.List<String> lines = new java.util.ArrayList<>();
		try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
				AutoParamsTest.class.getResourceAsStream("autoparam_sources_100.txt"), java.nio.charset.StandardCharsets.US_ASCII))) {
			for (String l; (l = r.readLine()) != null;) if (!l.startsWith("#")) lines.add(l);
		}
		String[] ys = lines.get(0).trim().split(" ");
		String[] xs = lines.get(1).trim().split(" ");
		for (int k = 0; k < ys.length; k++) img[Integer.parseInt(ys[k]) * w + Integer.parseInt(xs[k])] += 10f;
	}

	private static float[] gradientFlat(int n) {
		float[] f = new float[n];
		for (int i = 0; i < n; i++) f[i] = i;
		return f;
	}

	private static AutoParams.Choice choose(String type, float[] img, int w, int h, float[] flat) {
		int slow = type.equals("NIS_IMAGE") ? -1 : -2;
		float[] prepared = flat == null ? null : FlatField.prepare(flat, w, h, 1, 1, 1, 1, w, h, StepLog.NONE);
		return AutoParams.choose(type, img, w, h, slow, prepared, StepLog.NONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "NIS_IMAGE", "NRC_IMAGE" })
	void highMaskHighSlope(String type) {
		float[] img = ones(100);
		float[] flat = gradientFlat(100);
		AutoParams.Choice c;
		if (type.equals("NRC_IMAGE")) { // divided in directly for NIRCam, as the reference test does
			for (int i = 0; i < 100; i++) img[i] /= flat[i] == 0 ? 1 : flat[i];
			c = choose(type, img, 10, 10, null);
		}
		else c = choose(type, img, 10, 10, flat);
		assertTrue(c.reason.startsWith("High mask, low offset, high slope"), c.reason);
		assertEquals("model", c.backgroundMethod);
		assertFalse(c.fitByChannel);
	}

	@ParameterizedTest
	@ValueSource(strings = { "NIS_IMAGE", "NRC_IMAGE" })
	void highMaskLowSlope(String type) {
		float[] img = ones(100);
		addLargeSource(img, 10, 10, 5, 5, 3, 10f);
		AutoParams.Choice c = choose(type, img, 10, 10, ones(100));
		assertTrue(c.reason.startsWith("High mask, low offset, low slope"), c.reason);
		assertEquals("median", c.backgroundMethod);
		assertTrue(c.applyFlatField);
	}

	@ParameterizedTest
	@ValueSource(strings = { "NIS_IMAGE", "NRC_IMAGE" })
	void lowMask(String type) {
		AutoParams.Choice c = choose(type, ones(100), 10, 10, ones(100));
		assertTrue(c.reason.startsWith("Low mask, low offset, low slope"), c.reason);
		assertEquals("median", c.backgroundMethod);
		assertFalse(c.fitByChannel);
		assertFalse(choose(type, ones(100), 10, 10, null).applyFlatField);
	}

	@Test
	void nirissChannelOffsetsFitByChannel() {
		int w = 2048, h = 2048;
		float[] img = ones(w * h);
		float[] add = { 1, 10, 100, 100 };
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img[y * w + x] += add[y / 512];
		AutoParams.Choice c = choose("NIS_IMAGE", img, w, h, ones(w * h));
		assertTrue(c.reason.startsWith("Low mask, high offset"), c.reason);
		assertEquals("median", c.backgroundMethod);
		assertTrue(c.fitByChannel);
	}

	@Test
	void nircamChannelOffsetsFitByChannel() {
		int w = 2048, h = 2048;
		float[] img = ones(w * h);
		float[] add = { 1, 10, 100, 100 };
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img[y * w + x] += add[x / 512];
		AutoParams.Choice c = choose("NRC_IMAGE", img, w, h, null);
		assertTrue(c.reason.startsWith("Low mask, high offset"), c.reason);
		assertTrue(c.fitByChannel);
		assertFalse(c.applyFlatField);
	}

	@Test
	void mediumSlopeHighRatioAndLowRatio() throws Exception {
		int w = 100, h = 100;
		float[] img = ones(w * h);
		addSmallSources(img, w);
		for (int i = 0; i < 50 * w; i++) img[i] += 0.001f;
		AutoParams.Choice c = choose("NIS_IMAGE", img, w, h, ones(w * h));
		assertTrue(c.reason.startsWith("Low mask, low offset, medium slope, high slope ratio"), c.reason);
		assertTrue(c.reason.contains("Low channel sigma"), c.reason);
		assertEquals("median", c.backgroundMethod);
		float[] img2 = ones(w * h);
		addSmallSources(img2, w);
		addLargeSource(img2, w, h, 47, 47, 40, 0.01f);
		addLargeSource(img2, w, h, 53, 53, 40, 0.01f);
		AutoParams.Choice c2 = choose("NIS_IMAGE", img2, w, h, ones(w * h));
		assertTrue(c2.reason.startsWith("Low mask, low offset, medium slope, low slope ratio"), c2.reason);
		assertEquals("model", c2.backgroundMethod);
	}

	@Test
	void lineFitOfARampAndOfAConstant() {
		double[] ramp = new double[10];
		for (int i = 0; i < 10; i++) ramp[i] = i;
		double[] f = AutoParams.lineFit(ramp);
		assertEquals(0, f[0], 1e-12);
		assertEquals(1, f[1], 1e-12);
		assertEquals(0, f[2], 1e-12);
		double[] ones = new double[10];
		Arrays.fill(ones, 1);
		double[] g = AutoParams.lineFit(ones);
		assertEquals(1, g[0], 1e-12);
		assertEquals(0, g[1], 1e-12);
		assertEquals(0, g[2], 1e-12);
		assertEquals(38, AutoParams.roundHalfEven(300, 8)); // 37.5 -> 38
		assertEquals(62, AutoParams.roundHalfEven(500, 8)); // 62.5 -> 62
	}
}
