package io.promfleet.api;

import java.util.Locale;

/** How urgently a finding needs attention, most severe first. */
@Stable(since = "0.1")
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO;

    /** The lower-case name used in reports and on the command line, e.g. {@code "high"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is as severe as {@code threshold} or more. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }

    /**
     * Parses a severity id case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static Severity parse(String text) {
        if (text != null) {
            for (Severity severity : values()) {
                if (severity.id().equalsIgnoreCase(text.trim())) {
                    return severity;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown severity '" + text + "' (expected one of critical, high, medium, low, info)");
    }
}
