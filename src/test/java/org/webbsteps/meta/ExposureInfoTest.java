package org.webbsteps.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.webbsteps.TestData;
import org.webbsteps.io.JwstProduct;
import org.webbsteps.io.ProductKind;
import org.webbsteps.service.FitsMetadataService;
import org.webbsteps.step.JwstException;

class ExposureInfoTest {

	@Test
	void readsFactsOfARealCalFile() {
		try (JwstProduct p = JwstProduct.open(TestData.DIR.resolve("nrs_msa_p2565_nod2_nrs2_cal.fits"))) {
			ExposureInfo info = ExposureInfo.of(p);
			assertEquals(ProductKind.MULTISLIT, info.kind());
			assertEquals("NIRSPEC", info.instrument());
			assertEquals("NRS2", info.detector());
			assertEquals("NRS_MSASPEC", info.expType());
			assertEquals(-2, info.fastAxis());
			assertEquals(-1, info.slowAxis());
			assertEquals(1, info.dispAxis()); // from the SCI header
			assertEquals(419, info.width());
			assertEquals(38, info.height());
			assertTrue(info.isFullFrame());
			assertEquals("PRISM", info.text(Fact.GRATING));
			assertEquals(14.58889, info.real(Fact.TFRAME), 1e-9);
		}
	}

	@Test
	void shapesComeFromTheArrays() {
		try (JwstProduct p = JwstProduct.open(TestData.DIR.resolve("eureka_miri_lrs_sim_rateints.fits"))) {
			ExposureInfo info = ExposureInfo.of(p);
			assertEquals(ProductKind.CUBE, info.kind());
			assertEquals(4, info.nints());
			assertEquals(1, info.ngroups());
			assertEquals(72, info.width());
			assertTrue(info.has(Fact.TSOVISIT));
		}
	}

	@Test
	void missingFactIsAClearError() {
		Path file = TestData.DIR.resolve("crds_nirspec_dark_0046_nrs1_sub512_ground.fits");
		try (JwstProduct p = JwstProduct.open(file)) {
			ExposureInfo info = ExposureInfo.of(p);
			assertFalse(info.has(Fact.EXP_TYPE));
			JwstException e = assertThrows(JwstException.class, info::expType);
			assertEquals(file + ": the primary header has no EXP_TYPE keyword (exposure type), which this step needs", e.getMessage());
		}
	}

	@Test
	void serviceCachesPerFile() {
		try (Context ctx = new Context(FitsMetadataService.class)) {
			FitsMetadataService s = ctx.getService(FitsMetadataService.class);
			Path f = TestData.DIR.resolve("nrs_msa_ceers1345_nod1_nrs2_phot_slitcutout.fits");
			ExposureInfo a = s.exposureInfo(f);
			assertSame(a, s.exposureInfo(f));
			assertEquals("NRS2", a.detector());
		}
	}
}
