package io.promfleet.core.plugin;

import io.promfleet.api.CoverageGap;
import java.util.Objects;

/**
 * A plugin, or one check of it, that could not be loaded. The other plugins load regardless, and the
 * audit report lists the problem as a coverage gap: what the plugin would have checked was not.
 *
 * @param source  the jar or plugin directory at fault
 * @param check   the check id concerned, or {@code null} when the plugin failed before naming one
 * @param message what is wrong, in words that say what to do
 */
public record PluginProblem(String source, String check, String message) {

    public PluginProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** The gap this problem leaves in an audit: the check's id, or the plugin's file when it has none. */
    public CoverageGap toCoverageGap() {
        return new CoverageGap(check != null ? check : "plugin " + fileName(),
                null, "plugin " + source + " was not loaded: " + message);
    }

    private String fileName() {
        String trimmed = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return source + ": " + message;
    }
}
