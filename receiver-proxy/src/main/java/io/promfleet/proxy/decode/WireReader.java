package io.promfleet.proxy.decode;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * A protobuf wire reader over one byte array, positions as plain ints: the validator and the 2.0
 * translator walk every label of every request with it, so it does only what they need, with every
 * read bounds-checked against the current limit (a length prefix may lie; the array never overruns).
 *
 * <p>Groups (wire types 3 and 4) are refused: neither remote-write version has them, and skipping
 * them would need recursion an attacker could nest deeply.
 */
public final class WireReader {

    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private byte[] buf;
    private int pos;
    private int limit;

    public WireReader reset(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
        return this;
    }

    public static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    public static int wireType(int tag) {
        return tag & 7;
    }

    /** The array being read, for checks that look at bytes in place. */
    public byte[] array() {
        return buf;
    }

    /** The absolute index in the array of the next byte to read. */
    public int position() {
        return pos;
    }

    public boolean atEnd() {
        return pos >= limit;
    }

    /** The next tag, or 0 at the current limit. */
    public int readTag() throws InvalidProtocolBufferException {
        if (pos >= limit) {
            return 0;
        }
        int tag = readVarint32();
        if (tag >>> 3 == 0) {
            throw new InvalidProtocolBufferException("field number 0 at byte " + pos);
        }
        return tag;
    }

    /** A varint truncated to 32 bits, as protobuf reads {@code uint32}, {@code int32} and lengths. */
    public int readVarint32() throws InvalidProtocolBufferException {
        int p = pos;
        if (limit - p >= 2) {
            // One and two bytes inline: lengths, tags and the symbol references of 2.0 (under 16,384).
            byte b0 = buf[p];
            if (b0 >= 0) {
                pos = p + 1;
                return b0;
            }
            byte b1 = buf[p + 1];
            if (b1 >= 0) {
                pos = p + 2;
                return (b0 & 0x7f) | (b1 << 7);
            }
        } else if (p < limit && buf[p] >= 0) {
            pos = p + 1;
            return buf[p];
        }
        return (int) readVarint64Slow();
    }

    public long readVarint64() throws InvalidProtocolBufferException {
        int p = pos;
        if (p < limit) {
            byte b = buf[p];
            if (b >= 0) {
                pos = p + 1;
                return b;
            }
        }
        return readVarint64Slow();
    }

    private long readVarint64Slow() throws InvalidProtocolBufferException {
        if (limit - pos >= 10) {
            return readVarint64Unrolled();
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw truncated();
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new InvalidProtocolBufferException("varint longer than 10 bytes at byte " + pos);
    }

    /** At least ten bytes remain, so no bounds check per byte. */
    private long readVarint64Unrolled() throws InvalidProtocolBufferException {
        byte[] b = buf;
        int p = pos;
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b[p++];
            result |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                pos = p;
                return result;
            }
        }
        throw new InvalidProtocolBufferException("varint longer than 10 bytes at byte " + p);
    }

    public long readFixed64() throws InvalidProtocolBufferException {
        if (limit - pos < 8) {
            throw truncated();
        }
        int p = pos;
        pos = p + 8;
        return (buf[p] & 0xffL) | (buf[p + 1] & 0xffL) << 8 | (buf[p + 2] & 0xffL) << 16 | (buf[p + 3] & 0xffL) << 24
                | (buf[p + 4] & 0xffL) << 32 | (buf[p + 5] & 0xffL) << 40 | (buf[p + 6] & 0xffL) << 48
                | (buf[p + 7] & 0xffL) << 56;
    }

    /** A length prefix, checked to fit within the current limit. */
    public int readLength() throws InvalidProtocolBufferException {
        int length = readVarint32();
        if (length < 0 || length > limit - pos) {
            throw truncated();
        }
        return length;
    }

    /** Narrows reading to the next {@code length} bytes (from {@link #readLength}); returns the limit to restore. */
    public int pushLimit(int length) {
        int old = limit;
        limit = pos + length;
        return old;
    }

    /** Restores the outer limit, continuing after the nested message whether or not it was read to its end. */
    public void popLimit(int oldLimit) {
        pos = limit;
        limit = oldLimit;
    }

    public void skipBytes(int length) throws InvalidProtocolBufferException {
        if (length < 0 || length > limit - pos) {
            throw truncated();
        }
        pos += length;
    }

    public void skipField(int tag) throws InvalidProtocolBufferException {
        switch (tag & 7) {
            case VARINT -> readVarint64();
            case FIXED64 -> skipBytes(8);
            case LENGTH_DELIMITED -> skipBytes(readLength());
            case FIXED32 -> skipBytes(4);
            default -> throw new InvalidProtocolBufferException("field " + (tag >>> 3) + " has wire type " + (tag & 7)
                    + ", which remote-write never uses");
        }
    }

    public void requireWireType(int tag, int wireType, String field) throws InvalidProtocolBufferException {
        if ((tag & 7) != wireType) {
            throw new InvalidProtocolBufferException(field + " has wire type " + (tag & 7) + ", expected " + wireType);
        }
    }

    private InvalidProtocolBufferException truncated() {
        return new InvalidProtocolBufferException("message truncated at byte " + pos);
    }
}
