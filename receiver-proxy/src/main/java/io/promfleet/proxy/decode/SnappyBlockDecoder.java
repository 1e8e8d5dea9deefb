package io.promfleet.proxy.decode;

import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Decompresses a snappy block-format body with a bound on what it may allocate.
 *
 * <p>A snappy block starts with the uncompressed length as a varint. That header is read and checked
 * against the limit <em>before</em> the output array exists, so a 100-byte body that claims 4 GiB
 * costs nothing. A header that lies the other way (claims less than the data expands to) makes the
 * decompressor fail rather than overrun: the output array is exactly as long as the header says.
 */
public final class SnappyBlockDecoder {

    /** Stream identifier chunk of the snappy framing format: type 0xff, length 6, "sNaPpY". */
    private static final byte[] FRAMED_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    private final long maxDecompressedBytes;

    public SnappyBlockDecoder(long maxDecompressedBytes) {
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /** A decompressed message: {@code array[0..length)}. */
    public record Block(byte[] array, int length) {
    }

    /** Past this, the reused array is dropped after the request rather than kept by the event loop. */
    private static final int RETAINED_CAPACITY = 4 * 1024 * 1024;

    private byte[] scratch = new byte[0];

    /** Decompresses into a new array of exactly the declared length. */
    public byte[] decompress(byte[] in, int offset, int length) throws MalformedRequestException {
        long declared = check(in, offset, length);
        byte[] out = new byte[(int) declared];
        uncompress(in, offset, length, out, declared);
        return out;
    }

    /**
     * Decompresses into an array this decoder keeps from request to request (the request path then
     * allocates no message-sized array). The block is valid until the next call; not thread-safe.
     */
    public Block decompressReusing(byte[] in, int offset, int length) throws MalformedRequestException {
        long declared = check(in, offset, length);
        if (scratch.length < declared || (scratch.length > RETAINED_CAPACITY && declared <= RETAINED_CAPACITY)) {
            scratch = new byte[(int) Math.max(declared, 64 * 1024)];
        }
        uncompress(in, offset, length, scratch, declared);
        return new Block(scratch, (int) declared);
    }

    private long check(byte[] in, int offset, int length) throws MalformedRequestException {
        if (length == 0) {
            throw new MalformedRequestException("empty-body", "empty body: expected a snappy-compressed protobuf message");
        }
        if (startsWithFramedMagic(in, offset, length)) {
            // Remote-Write spec, "Protocol": the block format MUST be used, the framed format MUST NOT.
            throw new MalformedRequestException("snappy-framed",
                    "body uses the snappy framing format; remote-write requires the snappy block format");
        }
        long declared = declaredLength(in, offset, length);
        if (declared > maxDecompressedBytes) {
            throw new MalformedRequestException("decompressed-too-large", "snappy header declares " + declared
                    + " uncompressed bytes, over the limit of " + maxDecompressedBytes, true);
        }
        return declared;
    }

    private static void uncompress(byte[] in, int offset, int length, byte[] out, long declared)
            throws MalformedRequestException {
        try {
            if (!Snappy.isValidCompressedBuffer(in, offset, length)) {
                throw new MalformedRequestException("snappy-invalid", "body is not valid snappy block data");
            }
            int n = Snappy.uncompress(in, offset, length, out, 0);
            if (n != declared) {
                throw new MalformedRequestException("snappy-invalid", "snappy data does not match its length header");
            }
        } catch (IOException e) {
            throw new MalformedRequestException("snappy-invalid", "body is not valid snappy block data");
        }
    }

    /**
     * Reads the varint length header ourselves instead of {@code Snappy.uncompressedLength}: it must
     * not throw or overflow on garbage, and a length over 32 bits is simply "too large".
     */
    static long declaredLength(byte[] in, int offset, int length) throws MalformedRequestException {
        long result = 0;
        for (int i = 0; i < 5; i++) {
            if (i >= length) {
                throw new MalformedRequestException("snappy-invalid", "snappy length header is truncated");
            }
            int b = in[offset + i] & 0xff;
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedRequestException("snappy-invalid", "snappy length header is longer than 32 bits");
    }

    private static boolean startsWithFramedMagic(byte[] in, int offset, int length) {
        if (length < FRAMED_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < FRAMED_MAGIC.length; i++) {
            if (in[offset + i] != FRAMED_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
