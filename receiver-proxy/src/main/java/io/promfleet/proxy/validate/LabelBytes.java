package io.promfleet.proxy.validate;

/** Byte-level checks on label names and values, so validation needs no String per label. */
public final class LabelBytes {

    private LabelBytes() {
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*} (spec "Labels"). */
    static boolean isValidLabelName(byte[] b, int off, int len) {
        if (len == 0 || !isLetterOrUnderscore(b[off])) {
            return false;
        }
        for (int i = off + 1; i < off + len; i++) {
            if (!isLetterOrUnderscore(b[i]) && !isDigit(b[i])) {
                return false;
            }
        }
        return true;
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

    /** Unsigned lexicographic order, which for UTF-8 equals code point order (Prometheus' sort order). */
    static int compare(byte[] b, int aOff, int aLen, int bOff, int bLen) {
        int n = Math.min(aLen, bLen);
        for (int i = 0; i < n; i++) {
            int d = (b[aOff + i] & 0xff) - (b[bOff + i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return aLen - bLen;
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
}
