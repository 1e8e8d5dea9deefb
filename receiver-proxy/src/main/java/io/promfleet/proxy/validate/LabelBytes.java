package io.promfleet.proxy.validate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte-level checks on label names and values, so validation needs no String per label. */
public final class LabelBytes {

    private LabelBytes() {
    }

    /** {@link #checkName}'s answer for a name that does not match {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static final int INVALID_NAME = Integer.MIN_VALUE;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final boolean[] NAME_CHAR = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            NAME_CHAR[c] = isLetterOrUnderscore((byte) c) || isDigit((byte) c);
        }
    }

    /**
     * One pass over a label name: whether it is valid, and how it orders after the previous name of the
     * series (the label check runs for every label of every request, so the two loops are one).
     *
     * @param prevLen the previous name's length, or -1 for the series' first label
     * @return {@link #INVALID_NAME}, or below zero when the previous name sorts first (the valid case),
     *     zero when they are equal, above zero when the previous name sorts after this one
     */
    static int checkName(byte[] b, int off, int len, int prevOff, int prevLen) {
        if (len == 0 || !isLetterOrUnderscore(b[off])) {
            return INVALID_NAME;
        }
        int order = prevLen < 0 ? -1 : 0; // 0: equal so far
        for (int k = 0; k < len; k++) {
            int c = b[off + k] & 0xff;
            if (!NAME_CHAR[c]) {
                return INVALID_NAME;
            }
            if (order == 0) {
                // Unsigned byte order is code point order for UTF-8 (Prometheus' sort order).
                order = k >= prevLen ? -1 : Integer.signum((b[prevOff + k] & 0xff) - c);
            }
        }
        return order == 0 && prevLen > len ? 1 : order;
    }

    /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*} (spec "Labels": the metric name may also hold colons). */
    static boolean isValidMetricName(byte[] b, int off, int len) {
        if (len == 0 || !(isLetterOrUnderscore(b[off]) || b[off] == ':')) {
            return false;
        }
        for (int i = off + 1; i < off + len; i++) {
            byte c = b[i];
            if (!isLetterOrUnderscore(c) && !isDigit(c) && c != ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrUnderscore(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code b[x..x+len)} and {@code b[y..y+len)} hold the same bytes, eight at a time. */
    static boolean sameBytes(byte[] b, int x, int y, int len) {
        int i = 0;
        for (; len - i >= 8; i += 8) {
            if ((long) LONGS.get(b, x + i) != (long) LONGS.get(b, y + i)) {
                return false;
            }
        }
        if (i < len && b.length - Math.max(x, y) - i >= 8) {
            // The tail in one masked long; the bytes read past it are ignored.
            long diff = (long) LONGS.get(b, x + i) ^ (long) LONGS.get(b, y + i);
            return (diff & tailMask(len - i)) == 0;
        }
        for (; i < len; i++) {
            if (b[x + i] != b[y + i]) {
                return false;
            }
        }
        return true;
    }

    /** The low {@code n} bytes (1..7) of a little-endian long. */
    private static long tailMask(int n) {
        return (1L << (8 * n)) - 1;
    }

    static boolean equals(byte[] b, int off, int len, byte[] other) {
        if (len != other.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != other[i]) {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF (spec: values are UTF-8). */
    public static boolean isValidUtf8(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        // Label values are mostly ASCII: eight bytes at a time while no high bit is set.
        while (end - i >= 8 && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
            i += 8;
        }
        if (i < end && b.length - i >= 8 && ((long) LONGS.get(b, i) & 0x8080808080808080L & tailMask(end - i)) == 0) {
            return true; // an ASCII tail, read as one masked long
        }
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            if (c < 0xc2 || c > 0xf4) {
                return false;
            }
            int need = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
            if (i + need >= end) { // continuation bytes are cut off
                return false;
            }
            int c1 = b[i + 1] & 0xff;
            if ((c1 & 0xc0) != 0x80
                    || (c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0)
                    || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90)) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }

    /** Code points in valid UTF-8: every byte that is not a continuation byte starts one. */
    static int codePoints(byte[] b, int off, int len) {
        int n = 0;
        for (int i = off; i < off + len; i++) {
            if ((b[i] & 0xc0) != 0x80) {
                n++;
            }
        }
        return n;
    }
}
