package io.promfleet.testkit;

import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.Stable;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.Promfleet;
import io.promfleet.core.audit.AuditEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs one inspector over a fixture fleet exactly as {@code promfleet audit} would (same engine, same
 * suppressions, same coverage gaps for a check that throws or hangs), and hands back an
 * {@link InspectorRun} to assert on:
 *
 * <pre>{@code
 * InspectorTestKit.run(new ScrapeIntervalTooShortInspector(), Path.of("src/test/resources/fixtures/fast-agent"))
 *         .assertNoCoverageGaps()
 *         .assertFindings().hasSize(1).contains(finding().cluster("cluster-02").messageContains("5s"));
 * }</pre>
 *
 * <p>A fixture is a directory holding a {@code fleet.yaml} and the snapshot directories it names (or the
 * {@code fleet.yaml} itself). For a PMD-style catalogue of cases, {@code fixtures/<check-id>/<case>/}
 * with the expected findings beside the fleet, see {@link #runCase} and {@link #fixtureTests}.
 */
@Stable(since = "0.1")
public final class InspectorTestKit {

    /** One line per expected finding: {@code cluster namespace kind name}, {@code -} for none. */
    public static final String EXPECTED_FINDINGS = "expected.txt";
    /** Optional: one line per expected coverage gap, {@code cluster reason-fragment}. */
    public static final String EXPECTED_GAPS = "expected-gaps.txt";
    /** Optional: settings of the case, as Java properties (e.g. prices). */
    public static final String SETTINGS = "settings.properties";

    private final Inspector inspector;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Duration checkTimeout = Duration.ofSeconds(10);

    private InspectorTestKit(Inspector inspector) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
    }

    /** Starts configuring a run of {@code inspector}, e.g. with settings. */
    public static InspectorTestKit of(Inspector inspector) {
        return new InspectorTestKit(inspector);
    }

    /** Runs {@code inspector} over the fleet of {@code fixture} with no settings. */
    public static InspectorRun run(Inspector inspector, Path fixture) {
        return of(inspector).run(fixture);
    }

    /** Runs {@code inspector} over {@code fleet}, for a test that builds its fleet in code. */
    public static InspectorRun run(Inspector inspector, Fleet fleet) {
        return of(inspector).run(fleet);
    }

    public InspectorTestKit setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public InspectorTestKit settings(Settings values) {
        settings.putAll(values.values());
        return this;
    }

    /** How long the check may run before it counts as hung (default 10 s: fixtures are small). */
    public InspectorTestKit checkTimeout(Duration timeout) {
        this.checkTimeout = timeout;
        return this;
    }

    /** Runs the inspector over the fleet of {@code fixture} (a directory with a fleet.yaml, or the file). */
    public InspectorRun run(Path fixture) {
        return run(Fixtures.fleet(fixture), fixture.toString());
    }

    public InspectorRun run(Fleet fleet) {
        return run(fleet, "fleet '" + fleet.name() + "'");
    }

    private InspectorRun run(Fleet fleet, String fixture) {
        try (Promfleet promfleet = Promfleet.builder().builtIns(false).inspector(inspector)
                .settings(new Settings(settings)).checkTimeout(checkTimeout == null ? AuditEngine.DEFAULT_CHECK_TIMEOUT : checkTimeout).build()) {
            return new InspectorRun(inspector.id(), fixture, promfleet.audit(fleet));
        }
    }

    /**
     * Runs one PMD-style case directory, {@code <case>/{fleet.yaml, <cluster dirs>, expected.txt}}, and
     * asserts that the findings are exactly the lines of {@code expected.txt} (an empty one, comments
     * aside, is a negative case) and the coverage gaps exactly those of {@code expected-gaps.txt} (none
     * when it is absent). {@code settings.properties}, when present, gives the case's settings.
     */
    public static InspectorRun runCase(Inspector inspector, Path caseDir) {
        InspectorTestKit kit = of(inspector);
        Fixtures.settings(caseDir).forEach(kit::setting);
        InspectorRun run = kit.run(caseDir);
        run.assertFindings().matchLines(Fixtures.lines(caseDir.resolve(EXPECTED_FINDINGS)));
        Path gaps = caseDir.resolve(EXPECTED_GAPS);
        run.assertCoverageGapLines(Files.exists(gaps) ? Fixtures.lines(gaps) : List.of());
        return run;
    }

    /** The case directories of one check's folder, {@code fixtures/<check-id>/}, sorted by name. */
    public static List<Path> cases(Path checkDir) {
        try (Stream<Path> children = Files.list(checkDir)) {
            return children.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("fleet.yaml"))).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list fixture cases in " + checkDir, e);
        }
    }

    /**
     * One JUnit 5 dynamic test per case of {@code checkDir}, each {@link #runCase}; return it from a
     * {@code @TestFactory}. Needs junit-jupiter-api on the test class path.
     *
     * @throws AssertionError when the folder holds no case, so a mistyped path cannot pass silently
     */
    public static Stream<DynamicTest> fixtureTests(Inspector inspector, Path checkDir) {
        List<Path> cases = cases(checkDir);
        if (cases.isEmpty()) {
            throw new AssertionError("no fixture case (a directory with a fleet.yaml) in " + checkDir);
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), c.toUri(),
                () -> runCase(inspector, c)));
    }
}
