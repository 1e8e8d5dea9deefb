package io.promfleet.cli;

import io.promfleet.cli.plugins.PluginOptions;
import io.promfleet.core.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The distribution's defaults, {@code conf/promfleet.properties}: check settings (prices) and limits.
 * Command-line options override them; outside a distribution (tests, embedding) there are none.
 */
public final class Conf {

    /** The per-check time limit, a Prometheus duration such as {@code 60s}. */
    public static final String CHECK_TIMEOUT = "check.timeout";

    private Conf() {}

    /** The properties of {@code $promfleet.home/conf/promfleet.properties}, empty when there is none. */
    public static Map<String, String> load() {
        String home = System.getProperty(PluginOptions.HOME_PROPERTY);
        return home == null ? Map.of() : load(Path.of(home, "conf", "promfleet.properties"));
    }

    static Map<String, String> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        return values;
    }
}
