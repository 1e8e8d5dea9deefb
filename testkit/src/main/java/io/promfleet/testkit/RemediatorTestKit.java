package io.promfleet.testkit;

import io.promfleet.api.Experimental;
import io.promfleet.api.Finding;
import io.promfleet.api.Inspector;
import io.promfleet.api.Remediator;
import io.promfleet.api.Settings;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.plan.PlanEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans with one remediator over a fixture fleet exactly as {@code promfleet plan} would (same engine, same
 * safety rules, same ordering and gates), and hands back a {@link RemediatorRun} to assert on. The findings
 * to answer come from an inspector run over the same fixture, as in production, or are given:
 *
 * <pre>{@code
 * RemediatorTestKit.of(new RaiseScrapeIntervalRemediator())
 *         .findingsFrom(new ScrapeIntervalTooShortInspector())
 *         .plan(Path.of("src/test/resources/fixtures/scrape-interval-too-short/edge-agent-global-5s"))
 *         .assertNoProblems()
 *         .assertActions().hasSize(1)
 *         .contains(action().cluster("cluster-02").replaces("ConfigMap", "monitoring", "prometheus-agent-config")
 *                 .afterContains("scrape_interval: 15s", "data", "prometheus.yml"));
 * }</pre>
 *
 * <p>Fixtures are those of {@link InspectorTestKit}: a directory with a {@code fleet.yaml} and the snapshot
 * directories it names; a case's {@code settings.properties} is read too.
 */
@Experimental(since = "0.1")
public final class RemediatorTestKit {

    /** Plans carry their creation time; a fixed one keeps runs comparable. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Remediator remediator;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Inspector inspector;
    private List<Finding> findings;

    private RemediatorTestKit(Remediator remediator) {
        this.remediator = Objects.requireNonNull(remediator, "remediator");
    }

    /** Starts configuring a plan with {@code remediator}. */
    public static RemediatorTestKit of(Remediator remediator) {
        return new RemediatorTestKit(remediator);
    }

    /** Plans with {@code remediator} for what {@code inspector} finds in the fleet of {@code fixture}. */
    public static RemediatorRun plan(Remediator remediator, Inspector inspector, Path fixture) {
        return of(remediator).findingsFrom(inspector).plan(fixture);
    }

    /** The findings to answer are those {@code inspector} reports on the fleet planned for (with these settings). */
    public RemediatorTestKit findingsFrom(Inspector inspector) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.findings = null;
        return this;
    }

    /** The findings to answer, e.g. built with {@link Finding#builder}. */
    public RemediatorTestKit findings(List<Finding> findings) {
        this.findings = List.copyOf(findings);
        this.inspector = null;
        return this;
    }

    public RemediatorTestKit findings(Finding... findings) {
        return findings(List.of(findings));
    }

    public RemediatorTestKit setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public RemediatorTestKit settings(Settings values) {
        settings.putAll(values.values());
        return this;
    }

    /** Plans for the fleet of {@code fixture} (a directory with a fleet.yaml, or the file), with its settings.properties. */
    public RemediatorRun plan(Path fixture) {
        if (java.nio.file.Files.isDirectory(fixture)) {
            Fixtures.settings(fixture).forEach(settings::putIfAbsent);
        }
        return plan(Fixtures.fleet(fixture), fixture.toString());
    }

    /** Plans for {@code fleet}, for a test that builds its fleet in code. */
    public RemediatorRun plan(Fleet fleet) {
        return plan(fleet, "fleet '" + fleet.name() + "'");
    }

    private RemediatorRun plan(Fleet fleet, String fixture) {
        Settings values = new Settings(settings);
        List<Finding> answered;
        if (inspector != null) {
            answered = InspectorTestKit.of(inspector).settings(values).run(fleet).findings();
        } else if (findings != null) {
            answered = findings;
        } else {
            throw new IllegalStateException("give the findings to answer: findingsFrom(inspector) or findings(...)");
        }
        return new RemediatorRun(remediator.id(), fixture, new ArrayList<>(answered),
                new PlanEngine(List.of(remediator), values, CLOCK).plan(fleet, answered));
    }
}
