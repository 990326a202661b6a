package org.webbsteps.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.webbsteps.step.JwstException;

/**
 * Writes FITS files from parts: HDUs copied byte for byte from an input file, HDUs whose header
 * cards changed, and HDUs with new data. The file is written to a temporary name in the target
 * folder and renamed into place only when complete, so a failure leaves no partial output.
 */
public final class FitsWriter {

	/** One HDU of the output. */
	public interface Part {
		void writeTo(FileChannel out) throws IOException;
	}

	/** Whether outputs are flushed to the disk before the rename (system property webbsteps.sync, default false). */
	private static final boolean SYNC = Boolean.getBoolean("webbsteps.sync");

	private FitsWriter() {
	}

	/** An HDU copied unchanged (header and data bytes) from an open file. */
	public static Part copy(FitsFile source, Hdu hdu) {
		return out -> source.copyBytes(hdu.headerOffset(), hdu.headerBytes() + hdu.paddedDataBytes(), out);
	}

	/** An HDU without data (e.g. a primary header with NAXIS = 0). */
	public static Part headerOnly(FitsHeader header) {
		return out -> writeAll(out, ByteBuffer.wrap(header.toBytes()));
	}

	/** An HDU with an edited header and its data bytes copied unchanged. */
	public static Part withHeader(FitsFile source, Hdu hdu, FitsHeader header) {
		return out -> {
			if (header.has("CHECKSUM") || header.has("DATASUM")) {
				FitsChecksum.refresh(header, source.dataChecksum(hdu));
			}
			writeAll(out, ByteBuffer.wrap(header.toBytes()));
			source.copyBytes(hdu.dataOffset(), hdu.paddedDataBytes(), out);
		};
	}

	/**
	 * An image HDU with the given header and new data. The header's structural cards must already
	 * describe the data (same BITPIX and axes); CHECKSUM/DATASUM, if present, are refreshed.
	 */
	public static Part image(FitsHeader header, ImageArray data) {
		return out -> {
			boolean sums = header.has("CHECKSUM") || header.has("DATASUM");
			FitsChecksum sum = new FitsChecksum();
			if (sums) {
				for (int p = 0; p < data.planeCount(); p++) sum.add(encode(data, p));
				FitsChecksum.refresh(header, sum.value());
			}
			writeAll(out, ByteBuffer.wrap(header.toBytes()));
			long written = 0;
			for (int p = 0; p < data.planeCount(); p++) {
				ByteBuffer b = encode(data, p);
				written += b.remaining();
				writeAll(out, b);
			}
			pad(out, written);
		};
	}

	/** Writes the parts to {@code target} atomically (temporary file in the same folder, then rename). */
	public static void write(Path target, List<Part> parts) {
		Path dir = target.toAbsolutePath().getParent();
		if (dir == null || !Files.isDirectory(dir)) {
			throw JwstException.inFile(target, "cannot be written: the folder " + dir + " does not exist");
		}
		if (!Files.isWritable(dir)) {
			throw JwstException.inFile(target, "cannot be written: the folder " + dir + " is not writable");
		}
		Path tmp = null;
		try {
			tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
			makeReadable(tmp);
			try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				for (Part part : parts) part.writeTo(out);
				if (SYNC) out.force(false);
			}
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			tmp = null;
		}
		catch (IOException e) {
			throw JwstException.inFile(target, "cannot be written (" + e.getMessage() + ")", e);
		}
		finally {
			if (tmp != null) {
				try {
					Files.deleteIfExists(tmp);
				}
				catch (IOException e) {
					tmp.toFile().deleteOnExit();
				}
			}
		}
	}

	// -- Helper methods --

	/** Big-endian file bytes of one plane. */
	static ByteBuffer encode(ImageArray data, int planeIndex) {
		Object plane = data.plane(planeIndex);
		int n = java.lang.reflect.Array.getLength(plane);
		ByteBuffer b = ByteBuffer.allocate(n * data.type().bytes()).order(ByteOrder.BIG_ENDIAN);
		switch (data.type()) {
			case UINT8: b.put((byte[]) plane); break;
			case INT16: b.asShortBuffer().put((short[]) plane); break;
			case UINT16: {
				short[] s = (short[]) plane;
				for (int i = 0; i < n; i++) b.putShort(2 * i, (short) (s[i] ^ 0x8000));
				break;
			}
			case INT32: b.asIntBuffer().put((int[]) plane); break;
			case UINT32: {
				int[] v = (int[]) plane;
				for (int i = 0; i < n; i++) b.putInt(4 * i, v[i] ^ 0x80000000);
				break;
			}
			case INT64: b.asLongBuffer().put((long[]) plane); break;
			case FLOAT32: b.asFloatBuffer().put((float[]) plane); break;
			default: b.asDoubleBuffer().put((double[]) plane); break;
		}
		b.position(0);
		b.limit(b.capacity());
		return b;
	}

	/** Temporary files are owner-only; outputs get the usual rw-r--r-- where POSIX permissions exist. */
	private static void makeReadable(Path p) {
		try {
			Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
		}
		catch (UnsupportedOperationException | IOException e) {
			// not a POSIX file system: keep the default permissions
		}
	}

	private static void pad(FileChannel out, long written) throws IOException {
		int rest = (int) ((FitsHeader.BLOCK - written % FitsHeader.BLOCK) % FitsHeader.BLOCK);
		if (rest > 0) writeAll(out, ByteBuffer.allocate(rest));
	}

	private static void writeAll(FileChannel out, ByteBuffer b) throws IOException {
		while (b.hasRemaining()) out.write(b);
	}
}
