package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.model.Cluster;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.plugin.InspectorRegistry;
import io.promfleet.core.report.Language;
import io.promfleet.core.report.ReportFormat;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The streaming audit ({@link AuditEngine#audit(FleetSpec)}: one cluster at a time, then the topology
 * checks over a summary of the fleet) must write the very report the audit of the whole fleet in memory
 * writes — every format, both languages — for the seed fleet and every fixture case, with every built-in
 * check at once. A check that needs an object the summary dropped, or reports differently per cluster
 * pass, fails here.
 */
class StreamingAuditTest {

    private static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    private static List<Inspector> builtIns() {
        return InspectorRegistry.discover(StreamingAuditTest.class.getClassLoader()).inspectors();
    }

    @Test
    void everyBuiltInCheckCanBeStreamed() {
        assertThat(builtIns()).allSatisfy(i -> assertThat(i.scope()).as(i.id()).isNotEqualTo(InspectionScope.FLEET));
    }

    @Test
    void theSeedFleetsReportIsTheSameStreamed() throws IOException {
        assertSameReports(SEED, builtIns());
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureCasesReportIsTheSameStreamed() throws IOException {
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(InspectorFixturesTest.FIXTURES)) {
            files.filter(f -> f.getFileName().toString().equals("fleet.yaml")).sorted().forEach(cases::add);
        }
        assertThat(cases).hasSizeGreaterThan(100);
        return cases.stream().map(c -> DynamicTest.dynamicTest(InspectorFixturesTest.FIXTURES.relativize(c.getParent())
                .toString(), () -> assertSameReports(c, builtIns())));
    }

    /** A check built before SPI 1.3 sees the whole fleet, objects and all, even in a streaming audit. */
    @Test
    void aCheckThatDeclaresNoScopeSeesEveryObjectOfEveryCluster() throws IOException {
        Inspector counting = new Inspector() {
            @Override
            public String id() {
                return "count-objects";
            }

            @Override
            public String description() {
                return "counts every cluster's objects";
            }

            @Override
            public io.promfleet.api.Severity defaultSeverity() {
                return io.promfleet.api.Severity.INFO;
            }

            @Override
            public void inspect(InspectionContext context) {
                for (Cluster cluster : context.fleet().clusters()) {
                    context.report(context.finding().cluster(cluster.name())
                            .message(cluster.name() + " has " + cluster.objects().size() + " objects").build());
                }
            }
        };
        List<Inspector> inspectors = new ArrayList<>(builtIns());
        inspectors.add(counting);
        AuditReport streamed = assertSameReports(SEED, inspectors);
        assertThat(streamed.findings().stream().filter(f -> f.check().equals("count-objects")))
                .hasSize(4).allSatisfy(f -> assertThat(f.message()).doesNotEndWith(" 0 objects"));
    }

    /** What the streaming audit keeps of an edge: its topology, and of its objects only what is still needed. */
    @Test
    void aStreamedReportKeepsOfAnEdgeOnlyTheObjectsSomethingStillLooksUp() {
        FleetSpec spec = new FleetFileParser().parse(SEED);
        AuditReport streamed = new AuditEngine(builtIns(), Settings.empty(), CLOCK).audit(spec);
        Cluster full = FleetLoader.load(spec).cluster("cluster-02").orElseThrow();
        Cluster kept = streamed.fleet().cluster("cluster-02").orElseThrow();
        assertThat(kept.topology()).isEqualTo(full.topology());
        assertThat(kept.objects()).isNotEmpty().hasSizeLessThan(full.objects().size() / 2);
        // pod-failed points at the Grafana test pod: SARIF names its file and line, so it stays.
        assertThat(kept.object("Pod", "monitoring", "kube-prometheus-stack-grafana-test")).isPresent();
        assertThat(kept.objectsOfKind("Pod")).hasSize(1);
        // The central clusters are kept whole: every edge is judged against them.
        assertThat(streamed.fleet().cluster("cluster-01").orElseThrow().objects())
                .hasSameSizeAs(FleetLoader.load(spec).cluster("cluster-01").orElseThrow().objects());
    }

    private static AuditReport assertSameReports(Path fleetFile, List<Inspector> inspectors) throws IOException {
        FleetSpec spec = new FleetFileParser().parse(fleetFile);
        // A fixture case's settings (e.g. prices), as InspectorFixturesTest reads them.
        Map<String, String> values = new TreeMap<>();
        Path caseSettings = fleetFile.resolveSibling("settings.properties");
        if (Files.exists(caseSettings)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(caseSettings, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        }
        for (Language language : Language.values()) {
            values.put(InspectionContext.LANGUAGE_SETTING, language.locale().toLanguageTag());
            Settings settings = new Settings(values);
            AuditReport whole = new AuditEngine(inspectors, settings, CLOCK).audit(FleetLoader.load(spec));
            AuditReport streamed = new AuditEngine(inspectors, settings, CLOCK).audit(spec);
            assertEquals(whole.findings(), streamed.findings(), fleetFile + " findings");
            assertEquals(whole.coverageGaps(), streamed.coverageGaps(), fleetFile + " coverage gaps");
            assertEquals(whole.suppressed(), streamed.suppressed(), fleetFile + " suppressed");
            for (ReportFormat format : ReportFormat.values()) {
                assertEquals(render(whole, format, language), render(streamed, format, language),
                        fleetFile + " " + format + " " + language);
            }
            if (language == Language.EN) {
                continue;
            }
            return streamed;
        }
        throw new AssertionError("no language");
    }

    private static String render(AuditReport report, ReportFormat format, Language language) throws IOException {
        StringWriter out = new StringWriter();
        format.writer().write(report, language, out);
        return out.toString();
    }
}
