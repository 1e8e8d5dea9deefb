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

    public byte[] decompress(byte[] in, int offset, int length) throws MalformedRequestException {
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
        byte[] out = new byte[(int) declared];
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
        return out;
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
