package io.promfleet.proxy.decode;

import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Decompresses a snappy block-format body with a bound on what it may allocate.
 *
 * <p>A snappy block starts with the uncompressed length as a varint. That header is read and checked
 * against the limit <em>before</em> the output array exists, so a 100-byte body that claims 4 GiB
 * costs nothing. A header that lies the other way (claims less than the data expands to) makes the
 * decompressor fail rather than overrun: it writes at most the declared length, into an array with at
 * least that much room, and fails unless the data expands to exactly that.
 */
public final class SnappyBlockDecoder {

    /** Stream identifier chunk of the snappy framing format: type 0xff, length 6, "sNaPpY". */
    private static final byte[] FRAMED_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    /**
     * Decompressed arrays up to this size are kept for the next request: the common 2,000-series batch
     * decompresses to ~460 KiB, and a fresh array per request was half of all the proxy allocated (JFR),
     * which set the pace of its young collections. Larger, rare requests get an array of their own that
     * is not kept, so an event loop never holds more than this between requests.
     */
    static final int RETAINED_BYTES = 4 * 1024 * 1024;

    private final long maxDecompressedBytes;
    private byte[] scratch = new byte[0];

    public SnappyBlockDecoder(long maxDecompressedBytes) {
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /** Decompressed bytes in {@code [0, length)} of {@code bytes}; the array may be longer. */
    public record Block(byte[] bytes, int length) {
    }

    /** Decompresses into a new array exactly as long as the data. */
    public byte[] decompress(byte[] in, int offset, int length) throws MalformedRequestException {
        int declared = checkedLength(in, offset, length);
        byte[] out = new byte[declared];
        uncompress(in, offset, length, out, declared);
        return out;
    }

    /**
     * Decompresses into this decoder's own array, which the next call overwrites: the caller must be
     * done with the result before it decompresses again (one decoder per event loop).
     */
    public Block decompressReusing(byte[] in, int offset, int length) throws MalformedRequestException {
        int declared = checkedLength(in, offset, length);
        byte[] out;
        if (declared <= scratch.length) {
            out = scratch;
        } else if (declared <= RETAINED_BYTES) {
            out = scratch = new byte[declared];
        } else {
            out = new byte[declared];
        }
        uncompress(in, offset, length, out, declared);
        return new Block(out, declared);
    }

    /** The length the snappy header declares, once the body passed the checks that need no allocation. */
    private int checkedLength(byte[] in, int offset, int length) throws MalformedRequestException {
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
        return (int) declared;
    }

    /**
     * The native decompressor (snappy's {@code RawUncompress}) writes no more than the header declares,
     * which {@code out} has room for from index 0 (the header was read by {@link #declaredLength} with
     * the same varint rules), checks every copy against what it has written and every read against the
     * input, and fails unless the data expands to exactly the declared length. So no separate
     * {@code isValidCompressedBuffer} pass first: it walked the whole body a second time (~a third of
     * this stage) to learn what the decompressor reports anyway.
     */
    private static void uncompress(byte[] in, int offset, int length, byte[] out, int declared)
            throws MalformedRequestException {
        try {
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
