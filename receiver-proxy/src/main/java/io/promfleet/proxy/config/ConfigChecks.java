package io.promfleet.proxy.config;

import java.time.Duration;

/** Constructor checks shared by the configuration records; messages name the field. */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static void positive(String field, long value) {
        if (value <= 0) {
            throw new ConfigException(field + ": must be positive, got " + value);
        }
    }

    static void atMost(String field, long value, long max) {
        if (value > max) {
            throw new ConfigException(field + ": must be at most " + max + ", got " + value);
        }
    }

    static void notNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            throw new ConfigException(field + ": must be a non-negative duration, got " + value);
        }
    }

    static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(field + ": must be a positive duration, got " + value);
        }
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigException(field + ": is required");
        }
        return value;
    }
}
