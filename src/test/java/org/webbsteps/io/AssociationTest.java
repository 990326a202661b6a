package org.webbsteps.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webbsteps.step.JwstException;

class AssociationTest {

	@TempDir
	Path dir;

	@Test
	void readsMembersByExptype() throws Exception {
		Path asn = dir.resolve("jw01_spec2_asn.json");
		Files.writeString(asn, "{\"asn_type\": \"spec2\", \"asn_rule\": \"x\", \"products\": [ {\"name\": \"jw01\", \"members\": ["
				+ "{\"expname\": \"sci_rate.fits\", \"exptype\": \"science\"},"
				+ "{\"expname\": \"bkg1_rate.fits\", \"exptype\": \"BACKGROUND\"},"
				+ "{\"expname\": \"bkg2_rate.fits\", \"exptype\": \"background\"},"
				+ "{\"expname\": \"self_rate.fits\", \"exptype\": \"selfcal\", \"note\": \"esc\\\"aped \\u00e9\", \"n\": -1.5e3, \"ok\": true, \"x\": null}]}]}");
		Association a = Association.read(asn);
		assertEquals(dir.resolve("sci_rate.fits"), a.science());
		assertEquals(2, a.members("background").size());
		assertEquals(dir.resolve("self_rate.fits"), a.members("selfcal").get(0));
		JwstException e = assertThrows(JwstException.class, a::requireMembersExist);
		assertTrue(e.getMessage().contains("sci_rate.fits, which does not exist"), e.getMessage());
	}

	@Test
	void badAssociationsAreNamed() throws Exception {
		Path bad = dir.resolve("bad_asn.json");
		Files.writeString(bad, "{\"products\": [ {\"members\": [ {\"expname\": 3} ] } ]}");
		assertTrue(assertThrows(JwstException.class, () -> Association.read(bad)).getMessage().contains("without expname/exptype"));
		Files.writeString(bad, "{not json");
		assertTrue(assertThrows(JwstException.class, () -> Association.read(bad)).getMessage().startsWith(bad + ": is not a valid association"));
		Files.writeString(bad, "[1, 2]");
		assertTrue(assertThrows(JwstException.class, () -> Association.read(bad)).getMessage().contains("no products list"));
		Files.writeString(bad, "{\"products\": [ {\"members\": [] } ]}");
		assertThrows(JwstException.class, () -> Association.read(bad).science());
	}
}
