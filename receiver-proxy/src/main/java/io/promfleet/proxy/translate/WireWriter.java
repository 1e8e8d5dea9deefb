package io.promfleet.proxy.translate;

import io.promfleet.proxy.decode.MalformedRequestException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A growable protobuf output buffer, reused from request to request. Length-delimited fields whose
 * size is not known in advance are written with {@link #beginMessage} / {@link #endMessage}: five
 * bytes are reserved for the length varint and the body is shifted left afterwards when the length
 * needs fewer (a memmove of one small message, cheaper than sizing every message twice).
 */
final class WireWriter {

    private static final int INITIAL_CAPACITY = 64 * 1024;
    /** Past this, the buffer is dropped after use rather than kept by the event loop. */
    private static final int RETAINED_CAPACITY = 4 * 1024 * 1024;
    private static final int MAX_VARINT32 = 5;
    private static final int COPY_OVERSHOOT = 16;
    private static final int SLACK = 2 * MAX_VARINT32 + COPY_OVERSHOOT;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long limit;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int pos;

    /** @param limit the most bytes one message may take; past it the request is refused as too large */
    WireWriter(long limit) {
        this.limit = limit;
    }

    void reset() {
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
        pos = 0;
    }

    byte[] array() {
        return buf;
    }

    int length() {
        return pos;
    }

    void tag(int field, int wireType) throws MalformedRequestException {
        varint32((field << 3) | wireType);
    }

    void varint32(int value) throws MalformedRequestException {
        ensure(MAX_VARINT32);
        rawVarint32(value);
    }

    void varint64(long value) throws MalformedRequestException {
        ensure(10);
        while ((value & ~0x7fL) != 0) {
            buf[pos++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    void fixed64(long value) throws MalformedRequestException {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (value >>> (8 * i));
        }
    }

    void bytes(byte[] src, int off, int len) throws MalformedRequestException {
        ensure(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    // proto3 leaves zero values out; -0.0 is not zero bits, so it is written, as protobuf-java does.

    /** A {@code double} field given as its bits (one-byte tag). */
    void doubleField(int field, long bits) throws MalformedRequestException {
        if (bits != 0) {
            tag(field, 1);
            fixed64(bits);
        }
    }

    static int doubleFieldSize(long bits) {
        return bits == 0 ? 0 : 9;
    }

    /** An {@code int64} field (one-byte tag). */
    void int64Field(int field, long value) throws MalformedRequestException {
        if (value != 0) {
            tag(field, 0);
            varint64(value);
        }
    }

    static int int64FieldSize(long value) {
        return value == 0 ? 0 : 1 + varint64Size(value);
    }

    /** A string field; proto3 leaves an empty string out. */
    void string(int field, byte[] src, int off, int len) throws MalformedRequestException {
        if (len == 0) {
            return;
        }
        tag(field, 2);
        varint32(len);
        bytes(src, off, len);
    }

    /** A {@code Label}-shaped message (name = 1, value = 2) as field {@code field}, sized up front. */
    void label(int field, byte[] src, int nameOff, int nameLen, int valueOff, int valueLen)
            throws MalformedRequestException {
        int size = (nameLen == 0 ? 0 : 1 + varint32Size(nameLen) + nameLen)
                + (valueLen == 0 ? 0 : 1 + varint32Size(valueLen) + valueLen);
        ensure(2 * MAX_VARINT32 + size + COPY_OVERSHOOT);
        rawVarint32((field << 3) | 2);
        rawVarint32(size);
        if (nameLen != 0) {
            buf[pos++] = (1 << 3) | 2;
            rawVarint32(nameLen);
            copyShort(src, nameOff, nameLen);
        }
        if (valueLen != 0) {
            buf[pos++] = (2 << 3) | 2;
            rawVarint32(valueLen);
            copyShort(src, valueOff, valueLen);
        }
    }

    /**
     * Label names and values are mostly a few bytes, where {@code System.arraycopy}'s set-up costs more
     * than the copy: up to 16 bytes go as two longs, overshooting into room {@link #label} ensured and
     * the next write overwrites.
     */
    private void copyShort(byte[] src, int off, int len) {
        if (len <= 16 && src.length - off >= 16) {
            LONGS.set(buf, pos, (long) LONGS.get(src, off));
            LONGS.set(buf, pos + 8, (long) LONGS.get(src, off + 8));
        } else {
            System.arraycopy(src, off, buf, pos, len);
        }
        pos += len;
    }

    /** A varint with the room already ensured. */
    private void rawVarint32(int value) {
        while ((value & ~0x7f) != 0) {
            buf[pos++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    /** Writes the tag of a length-delimited field and reserves its length; returns the mark for {@link #endMessage}. */
    int beginMessage(int field) throws MalformedRequestException {
        tag(field, 2);
        ensure(MAX_VARINT32);
        int mark = pos;
        pos += MAX_VARINT32;
        return mark;
    }

    void endMessage(int mark) {
        int bodyStart = mark + MAX_VARINT32;
        int length = pos - bodyStart;
        int size = varint32Size(length);
        int p = mark;
        int v = length;
        while ((v & ~0x7f) != 0) {
            buf[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[p] = (byte) v;
        if (size < MAX_VARINT32) {
            System.arraycopy(buf, bodyStart, buf, mark + size, length);
            pos -= MAX_VARINT32 - size;
        }
    }

    /** Bytes of {@code value} as an unsigned varint (negative int32 lengths do not occur). */
    static int varint32Size(int value) {
        if ((value & (~0 << 7)) == 0) {
            return 1;
        }
        if ((value & (~0 << 14)) == 0) {
            return 2;
        }
        if ((value & (~0 << 21)) == 0) {
            return 3;
        }
        if ((value & (~0 << 28)) == 0) {
            return 4;
        }
        return 5;
    }

    static int varint64Size(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    /** Refuses a finished message over the limit (room asked for is a little more than what is kept). */
    void checkLimit() throws MalformedRequestException {
        if (pos > limit) {
            throw tooLarge();
        }
    }

    private MalformedRequestException tooLarge() {
        return new MalformedRequestException("translated-too-large", "the 2.0 request translates to more than "
                + limit + " bytes of 1.0 protobuf (the decompressed-size limit)", true);
    }

    private void ensure(int more) throws MalformedRequestException {
        if (pos + more <= buf.length) {
            return;
        }
        long needed = (long) pos + more;
        if (needed > limit + SLACK) {
            throw tooLarge();
        }
        long grown = Math.max(needed, Math.min((long) buf.length * 2, limit + SLACK));
        byte[] bigger = new byte[(int) grown];
        System.arraycopy(buf, 0, bigger, 0, pos);
        buf = bigger;
    }
}
