package org.webbsteps.service;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;

import org.scijava.service.SciJavaService;

/** DQ flags for commands and scripts: flag lists and masks over ImgLib2 DQ images. */
public interface DqService extends SciJavaService {

	/** Bit pattern of a flag list such as {@code "DO_NOT_USE+JUMP_DET"} (see {@link DqFlags#parse}). */
	int parse(String flags);

	/** Flag names of a DQ value. */
	String names(long dq);

	/** A mask image, true where the uint32 DQ image has any of {@code bits} set. */
	RandomAccessibleInterval<BitType> mask(RandomAccessibleInterval<UnsignedIntType> dq, int bits);

	/** A mask image, true where the uint8 GROUPDQ image has any of {@code bits} set. */
	RandomAccessibleInterval<BitType> groupMask(RandomAccessibleInterval<UnsignedByteType> groupDq, int bits);
}
