package org.webbsteps.service;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;
import org.webbsteps.dq.DqFlags;

/** {@link DqService} over {@link DqFlags}; masks are lazy converted views, no pixel copies. */
@Plugin(type = Service.class)
public class DefaultDqService extends AbstractService implements DqService {

	@Override
	public int parse(String flags) {
		return DqFlags.parse(flags);
	}

	@Override
	public String names(long dq) {
		return DqFlags.names((int) dq);
	}

	@Override
	public RandomAccessibleInterval<BitType> mask(RandomAccessibleInterval<UnsignedIntType> dq, int bits) {
		final long b = bits & 0xFFFFFFFFL;
		return Converters.convert(dq, (in, out) -> out.set((in.get() & b) != 0), new BitType());
	}

	@Override
	public RandomAccessibleInterval<BitType> groupMask(RandomAccessibleInterval<UnsignedByteType> groupDq, int bits) {
		final int b = bits & 0xFF;
		return Converters.convert(groupDq, (in, out) -> out.set((in.get() & b) != 0), new BitType());
	}
}
