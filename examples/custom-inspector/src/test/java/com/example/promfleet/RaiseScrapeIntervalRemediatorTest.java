package com.example.promfleet;

import static io.promfleet.testkit.ActionPattern.action;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promfleet.api.plan.Phase;
import io.promfleet.testkit.RemediatorTestKit;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fix planned for what the inspector finds, on the inspector's own fixtures, with the test kit. */
class RaiseScrapeIntervalRemediatorTest {

    static final Path CASES = ScrapeIntervalTooShortInspectorTest.CASES;
    static final String CONFIG = "prometheus.yml";

    private static RemediatorTestKit kit() {
        return RemediatorTestKit.of(new RaiseScrapeIntervalRemediator())
                .findingsFrom(new ScrapeIntervalTooShortInspector());
    }

    @Test
    void aGlobalIntervalOf5sIsRaisedTo15sAndTheAgentRestarted() {
        kit().plan(CASES.resolve("edge-agent-global-5s"))
                .assertNoProblems()
                .assertEveryFindingAddressed()
                .assertActions()
                .containsExactlyInAnyOrder(action()
                        .id("raise-scrape-interval-cluster-02-prometheus-agent")
                        .phase(Phase.REPOINT_REMOTE_WRITE)
                        .cluster("cluster-02")
                        .addresses(ScrapeIntervalTooShortInspector.ID)
                        .replaces("ConfigMap", "monitoring", "prometheus-agent-config")
                        .afterContains("scrape_interval: 15s", "data", CONFIG)
                        .afterLacks("scrape_interval: 5s", "data", CONFIG)
                        // the rest of the configuration is untouched
                        .afterContains("remote_write:\n  - url: https://receive.example.com/api/v1/receive", "data", CONFIG)
                        .replaces("StatefulSet", "monitoring", "prometheus-agent"));
    }

    @Test
    void onlyTheFastJobChangesAndTheOtherEdgeIsLeftAlone() {
        kit().plan(CASES.resolve("edge-agent-one-job-10s"))
                .assertNoProblems()
                .assertActions()
                .containsExactlyInAnyOrder(action()
                        .cluster("cluster-02")
                        .replaces("ConfigMap", "monitoring", "prometheus-agent-config")
                        .afterContains("  scrape_interval: 30s\n", "data", CONFIG)
                        .afterContains("    scrape_interval: 15s\n", "data", CONFIG)
                        .afterLacks("10s", "data", CONFIG));
    }

    @Test
    void noFindingNoAction() {
        kit().plan(CASES.resolve("edge-agents-at-30s")).assertNoProblems().assertActions().isEmpty();
        kit().plan(CASES.resolve("central-agent-at-5s-is-not-an-edge")).assertActions().isEmpty();
    }

    @Test
    void theMinimumIsTheInspectorsSetting() {
        kit().setting(ScrapeIntervalTooShortInspector.MINIMUM_SETTING, "1m")
                .plan(CASES.resolve("edge-agents-at-30s"))
                .assertActions()
                .hasSize(2)
                .contains(action().cluster("cluster-02").afterContains("scrape_interval: 1m", "data", CONFIG),
                        action().cluster("cluster-03").afterLacks("15s", "data", CONFIG));
    }

    @Test
    void quotesAndCommentsAreKeptAndWhatIsNotADurationIsLeftAlone() {
        String config = "global:\n  scrape_interval: \"5s\"  # too fast\n  scrape_timeout: 5s\n"
                + "scrape_configs:\n  - job_name: a\n    scrape_interval: ${INTERVAL}\n";
        assertEquals("global:\n  scrape_interval: \"15s\"  # too fast\n  scrape_timeout: 5s\n"
                        + "scrape_configs:\n  - job_name: a\n    scrape_interval: ${INTERVAL}\n",
                RaiseScrapeIntervalRemediator.raise(config, Duration.ofSeconds(15)));
    }
}
