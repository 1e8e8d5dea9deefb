package io.promfleet.testkit;

import io.promfleet.api.model.Fleet;
import io.promfleet.core.fleet.FleetLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reading fixtures, shared by {@link InspectorTestKit} and {@link RemediatorTestKit}. */
final class Fixtures {

    private Fixtures() {}

    /** The fleet of {@code fixture}: a directory with a fleet.yaml, or the fleet.yaml itself. */
    static Fleet fleet(Path fixture) {
        Path fleetFile = Files.isDirectory(fixture) ? fixture.resolve("fleet.yaml") : fixture;
        if (!Files.isRegularFile(fleetFile)) {
            throw new IllegalArgumentException("fixture " + fixture + " has no fleet.yaml");
        }
        return FleetLoader.load(fleetFile);
    }

    /** The settings of a case, from its {@value InspectorTestKit#SETTINGS} when it has one. */
    static Map<String, String> settings(Path caseDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        Path file = caseDir.resolve(InspectorTestKit.SETTINGS);
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
        }
        return settings;
    }

    /** The non-blank lines of {@code file} that are not {@code #} comments. */
    static List<String> lines(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("fixture case " + file.getParent() + " has no " + file.getFileName()
                    + " (an empty one says: no finding)");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.trim().startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
