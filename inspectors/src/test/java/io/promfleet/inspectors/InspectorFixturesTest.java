package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plugin.InspectorRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture case under {@code src/test/resources/fixtures/<check-id>/<case>/}, PMD-style: the
 * case's {@code fleet.yaml} is audited by the one inspector whose id is the folder name, and the findings
 * ({@code cluster namespace kind name}, {@code -} for null) must equal {@code expected.txt} exactly, in any
 * order. A coverage gap fails the case unless {@code expected-gaps.txt} lists it as
 * {@code cluster reason-fragment}.
 *
 * <p>The inspectors are found through {@link InspectorRegistry#discover}, so a check missing from
 * {@code META-INF/services} fails here too.
 */
class InspectorFixturesTest {

    static final Path FIXTURES = Paths.get("src", "test", "resources", "fixtures");

    /** Positive cases expect a finding; negative ones (an empty expected.txt) guard a false positive. */
    static final int MIN_CASES_EACH_WAY = 3;

    private static Map<String, Inspector> registered() {
        return InspectorRegistry.discover(InspectorFixturesTest.class.getClassLoader()).inspectors().stream()
                .collect(Collectors.toMap(Inspector::id, i -> i));
    }

    @TestFactory
    Stream<DynamicNode> everyFixtureCase() throws IOException {
        Map<String, Inspector> inspectors = registered();
        List<DynamicNode> checks = new ArrayList<>();
        for (Path checkDir : directories(FIXTURES)) {
            String id = checkDir.getFileName().toString();
            List<DynamicNode> cases = new ArrayList<>();
            for (Path caseDir : directories(checkDir)) {
                cases.add(DynamicTest.dynamicTest(caseDir.getFileName().toString(), caseDir.toUri(),
                        () -> runCase(inspectors, id, caseDir)));
            }
            checks.add(DynamicContainer.dynamicContainer(id, checkDir.toUri(), cases.stream()));
        }
        assertThat(checks).as("fixture check folders under %s", FIXTURES).isNotEmpty();
        return checks.stream();
    }

    private static void runCase(Map<String, Inspector> inspectors, String id, Path caseDir) {
        Inspector inspector = inspectors.get(id);
        assertThat(inspector).as("no registered inspector has the id '%s' of fixture folder %s", id, caseDir)
                .isNotNull();
        Fleet fleet = FleetLoader.load(caseDir.resolve("fleet.yaml"));
        AuditReport report = new AuditEngine(List.of(inspector), Settings.empty()).audit(fleet);

        List<String> actual = report.findings().stream().map(InspectorFixturesTest::line).sorted().toList();
        List<String> expected = lines(caseDir.resolve("expected.txt")).stream()
                .map(l -> String.join(" ", l.trim().split("\\s+"))).sorted().toList();
        assertEquals(expected, actual, () -> "findings of " + id + " for " + caseDir + ":\n" + describe(report));

        List<String> expectedGaps = Files.exists(caseDir.resolve("expected-gaps.txt"))
                ? lines(caseDir.resolve("expected-gaps.txt")) : List.of();
        assertThat(report.coverageGaps()).as("coverage gaps of %s for %s", id, caseDir)
                .hasSameSizeAs(expectedGaps);
        for (String gap : expectedGaps) {
            String[] parts = gap.trim().split("\\s+", 2);
            String cluster = parts[0].equals("-") ? null : parts[0];
            String fragment = parts.length > 1 ? parts[1] : "";
            assertThat(report.coverageGaps()).as("coverage gaps of %s for %s", id, caseDir)
                    .anySatisfy(g -> {
                        assertEquals(cluster, g.cluster());
                        assertThat(g.reason()).contains(fragment);
                    });
        }
    }

    @Test
    void everyRegisteredInspectorHasThreePositiveAndThreeNegativeCases() throws IOException {
        for (String id : registered().keySet()) {
            Path checkDir = FIXTURES.resolve(id);
            assertThat(checkDir).as("fixture folder of registered check %s", id).isDirectory();
            int positive = 0;
            int negative = 0;
            for (Path caseDir : directories(checkDir)) {
                if (lines(caseDir.resolve("expected.txt")).isEmpty()) {
                    negative++;
                } else {
                    positive++;
                }
            }
            assertThat(positive).as("positive cases of %s", id).isGreaterThanOrEqualTo(MIN_CASES_EACH_WAY);
            assertThat(negative).as("negative cases of %s", id).isGreaterThanOrEqualTo(MIN_CASES_EACH_WAY);
        }
    }

    @Test
    void everyFixtureFileSaysWhatItGuards() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("expected")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(text).as("%s starts with a # line saying what the case guards", file).startsWith("# ");
            }
        }
    }

    /** {@code cluster namespace kind name}, {@code -} for null. */
    static String line(Finding f) {
        return Stream.of(f.cluster(), f.namespace(), f.kind(), f.name())
                .map(v -> v == null ? "-" : v).collect(Collectors.joining(" "));
    }

    private static String describe(AuditReport report) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : report.findings()) {
            sb.append("  finding ").append(line(f)).append(": ").append(f.message()).append('\n');
        }
        for (CoverageGap g : report.coverageGaps()) {
            sb.append("  gap ").append(g.cluster()).append(": ").append(g.reason()).append('\n');
        }
        return sb.toString();
    }

    /** The non-blank lines of {@code file} that are not {@code #} comments. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.trim().startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> directories(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).filter(Objects::nonNull).sorted().toList();
        }
    }
}
