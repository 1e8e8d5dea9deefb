package io.promfleet.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Named settings of one audit, e.g. {@code price.memory.gib-month}. Keys are dotted lower-case words;
 * a plugin prefixes its own with its id.
 */
@Stable(since = "0.1")
public record Settings(Map<String, String> values) {

    public Settings {
        values = Map.copyOf(values);
    }

    public static Settings empty() {
        return new Settings(Map.of());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * A decimal setting, or {@code fallback} when absent.
     *
     * @throws IllegalArgumentException naming the key when the value is not a number
     */
    public double getDouble(String key, double fallback) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a number, got '" + raw + "'", e);
        }
    }

    public String getString(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** A copy with {@code key} set to {@code value}. */
    public Settings with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Settings(copy);
    }
}
