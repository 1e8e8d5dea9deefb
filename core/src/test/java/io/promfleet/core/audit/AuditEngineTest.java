package io.promfleet.core.audit;

import static io.promfleet.core.TestFleets.cluster;
import static io.promfleet.core.TestFleets.object;
import static io.promfleet.core.TestInspector.reporting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.TestInspector;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final Fleet fleet = new Fleet("f", List.of(
            cluster("hub", ClusterRole.CENTRAL,
                    object("Pod", "monitoring", "ignored", "promfleet.io/ignore", "check-a, check-b"),
                    object("Pod", "monitoring", "plain")),
            cluster("edge-1", ClusterRole.EDGE, object("Pod", "monitoring", "ignored"))));

    private AuditReport audit(Inspector... inspectors) {
        return new AuditEngine(List.of(inspectors), Settings.empty(), Clock.fixed(NOW, ZoneOffset.UTC)).audit(fleet);
    }

    @Test
    void anInspectorThatThrowsBecomesACoverageGapAndTheAuditContinues() {
        AuditReport report = audit(
                reporting("before", Severity.LOW, "hub", "Pod", "monitoring", "plain"),
                new TestInspector("broken", Severity.HIGH, c -> {
                    throw new IllegalStateException("boom");
                }),
                reporting("after", Severity.MEDIUM, "hub", "Pod", "monitoring", "plain"));
        assertThat(report.findings()).extracting(Finding::check).containsExactly("after", "before");
        assertThat(report.coverageGaps()).singleElement().satisfies(gap -> {
            assertThat(gap.check()).isEqualTo("broken");
            assertThat(gap.cluster()).isNull();
            assertThat(gap.reason()).contains("IllegalStateException").contains("boom");
        });
        assertThat(report.checks()).extracting(CheckInfo::id).containsExactly("before", "broken", "after");
        assertThat(report.generatedAt()).isEqualTo(NOW);
    }

    @Test
    void gapReasonsAreWrittenInTheAuditsLanguage() {
        Inspector broken = new TestInspector("broken", Severity.HIGH, c -> {
            throw new IllegalStateException("boom");
        });
        Settings korean = Settings.empty().with(io.promfleet.api.InspectionContext.LANGUAGE_SETTING, "ko");
        AuditReport report = new AuditEngine(List.of(broken), korean, Clock.fixed(NOW, ZoneOffset.UTC)).audit(fleet);
        assertThat(report.coverageGaps()).singleElement().satisfies(gap ->
                assertThat(gap.reason()).isEqualTo("점검이 실패하여 끝나지 않았습니다: IllegalStateException: boom"));
    }

    @Test
    void theEnginesEnglishAndKoreanBundlesHaveTheSameKeys() throws java.io.IOException {
        java.util.Properties en = new java.util.Properties();
        java.util.Properties ko = new java.util.Properties();
        try (var in = AuditEngine.class.getResourceAsStream("messages.properties");
                var inKo = new java.io.InputStreamReader(AuditEngine.class.getResourceAsStream("messages_ko.properties"),
                        java.nio.charset.StandardCharsets.UTF_8)) {
            en.load(in);
            ko.load(inKo);
        }
        assertThat(ko.stringPropertyNames()).isEqualTo(en.stringPropertyNames()).isNotEmpty();
    }

    @Test
    void anInspectorFailingWithAnErrorOrACheckedExceptionIsAGapToo() {
        AuditReport report = audit(
                new TestInspector("overflow", Severity.HIGH, c -> {
                    throw new StackOverflowError();
                }),
                new TestInspector("checked", Severity.HIGH, c -> sneakyThrow(new java.io.IOException("disk"))),
                reporting("fine", Severity.LOW, null, null, null, null));
        assertThat(report.coverageGaps()).extracting(CoverageGap::check).containsExactly("overflow", "checked");
        assertThat(report.coverageGaps().get(1).reason()).contains("IOException: disk");
        assertThat(report.findings()).extracting(Finding::check).containsExactly("fine");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    @Test
    void aFindingWithAForeignCheckIdOrAnUnknownClusterIsDroppedAsAGapAndTheRestIsKept() {
        AuditReport report = audit(new TestInspector("mine", Severity.HIGH, c -> {
            c.report(Finding.builder("someone-else", Severity.CRITICAL).cluster("hub").message("spoof").build());
            c.report(c.finding().cluster("no-such-cluster").message("lost").build());
            c.report(c.finding().cluster("hub").message("real").build());
        }));
        assertThat(report.findings()).extracting(Finding::check, Finding::message).containsExactly(tuple("mine", "real"));
        assertThat(report.coverageGaps()).extracting(CoverageGap::check).containsOnly("mine");
        assertThat(report.coverageGaps()).extracting(CoverageGap::reason)
                .anySatisfy(r -> assertThat(r).contains("someone-else"))
                .anySatisfy(r -> assertThat(r).contains("no-such-cluster"));
    }

    @Test
    void theIgnoreAnnotationSuppressesExactlyTheNamedChecksOnThatObject() {
        AuditReport report = audit(
                reporting("check-a", Severity.HIGH, "hub", "Pod", "monitoring", "ignored"),
                reporting("check-b", Severity.HIGH, "hub", "Pod", "monitoring", "ignored"),
                reporting("check-c", Severity.HIGH, "hub", "Pod", "monitoring", "ignored"),
                // Another object of the same cluster, and the same name in another cluster, are not ignored.
                reporting("check-a", Severity.HIGH, "hub", "Pod", "monitoring", "plain"),
                reporting("check-b", Severity.HIGH, "edge-1", "Pod", "monitoring", "ignored"));
        assertThat(report.suppressed()).isEqualTo(2);
        assertThat(report.findings()).extracting(Finding::check, Finding::cluster, Finding::name)
                .containsExactlyInAnyOrder(
                        tuple("check-c", "hub", "ignored"),
                        tuple("check-a", "hub", "plain"),
                        tuple("check-b", "edge-1", "ignored"));
    }

    @Test
    void findingsAreSortedMostSevereFirst() {
        AuditReport report = audit(
                reporting("info-check", Severity.INFO, "hub", "Pod", "monitoring", "plain"),
                reporting("critical-check", Severity.CRITICAL, null, null, null, null),
                reporting("low-check", Severity.LOW, "edge-1", "Pod", "monitoring", "ignored"),
                reporting("high-check", Severity.HIGH, "hub", "Pod", "monitoring", "plain"),
                reporting("medium-check", Severity.MEDIUM, "hub", "Pod", "monitoring", "plain"));
        assertThat(report.findings()).extracting(Finding::severity).containsExactly(
                Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO);
        assertThat(report.summary().worst()).contains(Severity.CRITICAL);
        assertThat(report.fleetFindings()).extracting(Finding::check).containsExactly("critical-check");
    }

    @Test
    void coverageGapsAnInspectorReportsAreCarried() {
        AuditReport report = audit(new TestInspector("partial", Severity.LOW,
                c -> c.coverageGap("edge-1", "no metrics in an offline snapshot")));
        assertThat(report.coverageGaps()).containsExactly(
                new CoverageGap("partial", "edge-1", "no metrics in an offline snapshot"));
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void hasFindingAtLeastComparesWithTheMostSevereFinding() {
        AuditReport report = audit(reporting("m", Severity.MEDIUM, "hub", "Pod", "monitoring", "plain"));
        assertThat(report.hasFindingAtLeast(Severity.INFO)).isTrue();
        assertThat(report.hasFindingAtLeast(Severity.MEDIUM)).isTrue();
        assertThat(report.hasFindingAtLeast(Severity.HIGH)).isFalse();
        assertThat(audit().hasFindingAtLeast(Severity.INFO)).isFalse();
    }

    @Test
    void aFindingMaySetItsOwnSeverityAndSettingsReachTheInspector() {
        Settings settings = Settings.empty().with("price.memory.gib-month", "3.5");
        AuditReport report = new AuditEngine(List.of(new TestInspector("priced", Severity.LOW, c -> c.report(
                c.finding().severity(Severity.HIGH)
                        .message("price " + c.settings().getDouble("price.memory.gib-month", 0)).build()))),
                settings).audit(fleet);
        assertThat(report.findings()).extracting(Finding::severity, Finding::message)
                .containsExactly(tuple(Severity.HIGH, "price 3.5"));
    }
}
