package io.promfleet.core.plugin;

import java.util.Objects;

/**
 * Something questionable about a plugin that was loaded regardless, e.g. a jar that does not say which SPI
 * version it was built for. {@code promfleet plugins} lists it and {@code promfleet audit} says it on
 * standard error; unlike a {@link PluginProblem} it leaves no gap in a report.
 *
 * @param source  the jar or plugin directory concerned
 * @param message what is questionable and what to do about it
 */
public record PluginWarning(String source, String message) {

    public PluginWarning {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return source + ": " + message;
    }
}
