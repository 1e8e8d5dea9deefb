package com.example.promfleet;

import static io.promfleet.testkit.FindingPattern.finding;

import io.promfleet.api.Severity;
import io.promfleet.testkit.InspectorTestKit;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ScrapeIntervalTooShortInspectorTest {

    static final Path CASES = Path.of("src/test/resources/fixtures/scrape-interval-too-short");

    /** Every case folder: fleet.yaml, one directory per cluster, expected.txt with the findings. */
    @TestFactory
    Stream<DynamicTest> fixtureCases() {
        return InspectorTestKit.fixtureTests(new ScrapeIntervalTooShortInspector(), CASES);
    }

    @Test
    void theFindingNamesTheIntervalsAndTheFix() {
        InspectorTestKit.run(new ScrapeIntervalTooShortInspector(), CASES.resolve("edge-agent-one-job-10s"))
                .assertNoCoverageGaps()
                .assertFindings()
                .hasSize(1)
                .contains(finding()
                        .cluster("cluster-02")
                        .object("monitoring", "StatefulSet", "prometheus-agent")
                        .severity(Severity.LOW)
                        .messageContains("jobs kubernetes-pods (10s)")
                        .remediationContains("15s")
                        .evidence("fastJobs", "kubernetes-pods (10s)"));
    }

    @Test
    void theMinimumIsASetting() {
        InspectorTestKit.of(new ScrapeIntervalTooShortInspector())
                .setting(ScrapeIntervalTooShortInspector.MINIMUM_SETTING, "1m")
                .run(CASES.resolve("edge-agents-at-30s"))
                .assertFindings()
                .inClusters("cluster-02", "cluster-03")
                .contains(finding().cluster("cluster-02").messageContains("global scrape_interval is 30s"));
    }
}
