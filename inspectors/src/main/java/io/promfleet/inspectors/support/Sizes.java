package io.promfleet.inspectors.support;

import java.util.Locale;

/** Writes byte counts and CPU millicores the way an operator reads them in a report. */
public final class Sizes {

    private static final double GIB = 1024d * 1024 * 1024;

    private Sizes() {}

    public static double gib(long bytes) {
        return bytes / GIB;
    }

    /** {@code 2.0 GiB}, {@code 200 MiB}: GiB from 1 GiB up, MiB below. */
    public static String bytes(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
        }
        return String.format(Locale.ROOT, "%d MiB", Math.round(bytes / (1024d * 1024)));
    }

    /** {@code 500m CPU} as {@code 0.5 CPU}. */
    public static String cpu(long millis) {
        return String.format(Locale.ROOT, "%s CPU", trim(millis / 1000d));
    }

    /** A decimal without trailing zeros, e.g. 1.5 or 2. */
    public static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
