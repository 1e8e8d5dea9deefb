package io.promfleet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.thirdparty.ThirdPartyInspector;
import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.plugin.RegisteredInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PromfleetTest {

    @TempDir
    Path work;

    private static final Fleet FLEET = new Fleet("f", List.of(TestFleets.cluster("edge-1", ClusterRole.EDGE)));

    @Test
    void auditsWithTheBuiltInsAndTheProgramsOwnInspectorsAndSettings() {
        try (Promfleet promfleet = Promfleet.builder()
                .inspector(new TestInspector("own-check", Severity.INFO, c -> c.report(c.finding()
                        .message("price " + c.settings().getString("price.currency", "?")).build())))
                .setting("price.currency", "KRW")
                .build()) {
            AuditReport report = promfleet.audit(FLEET);

            assertThat(report.findings()).extracting(Finding::check).contains(ThirdPartyInspector.ID, "own-check");
            assertThat(report.firstOf("own-check")).get().extracting(Finding::message).isEqualTo("price KRW");
            assertThat(promfleet.inspectors()).extracting(RegisteredInspector::id)
                    .containsExactly("own-check", ThirdPartyInspector.ID);
        }
    }

    @Test
    void withoutBuiltInsOnlyTheGivenInspectorsRun() {
        try (Promfleet promfleet = Promfleet.builder().builtIns(false)
                .inspector(TestInspector.reporting("only", Severity.LOW, "edge-1", "Pod", "ns", "p")).build()) {
            assertThat(promfleet.audit(FLEET).checks()).extracting(c -> c.id()).containsExactly("only");
        }
    }

    @Test
    @Timeout(20)
    void aCheckThatHangsBecomesACoverageGapAndTheOthersStillReport() {
        CountDownLatch never = new CountDownLatch(1);
        try (Promfleet promfleet = Promfleet.builder().builtIns(false)
                .inspector(new TestInspector("hangs", Severity.HIGH, c -> {
                    c.report(c.finding().message("before hanging").build());
                    while (true) {
                        try {
                            never.await(); // ignores interruption, like a badly written plugin
                        } catch (InterruptedException ignored) {
                            // keep hanging
                        }
                    }
                }))
                .inspector(TestInspector.reporting("works", Severity.LOW, "edge-1", "Pod", "ns", "p"))
                .checkTimeout(Duration.ofMillis(300))
                .build()) {
            long start = System.nanoTime();
            AuditReport report = promfleet.audit(FLEET);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            // What the check reported before it hung stands, as for a check that throws; the gap says it is partial.
            assertThat(report.findings()).extracting(Finding::check).containsExactlyInAnyOrder("hangs", "works");
            assertThat(report.coverageGaps()).singleElement().satisfies(g -> {
                assertThat(g.check()).isEqualTo("hangs");
                assertThat(g.reason()).contains("did not finish within 300ms");
            });
        }
    }

    @Test
    void aBrokenPluginIsACoverageGapOfEveryReportAndNotAFailure() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});

        try (Promfleet promfleet = Promfleet.builder().pluginDirectory(plugins).build()) {
            assertThat(promfleet.pluginProblems()).singleElement().satisfies(p ->
                    assertThat(p.source()).isEqualTo(plugins.resolve("broken.jar").toString()));
            AuditReport report = promfleet.audit(FLEET);

            assertThat(report.findings()).extracting(Finding::check).contains(ThirdPartyInspector.ID);
            assertThat(report.coverageGaps()).extracting(CoverageGap::check).containsExactly("plugin broken.jar");
            assertThat(report.coverageGaps().get(0).reason()).contains(plugins.resolve("broken.jar").toString());
        }
    }

    @Test
    void aNonPositiveCheckTimeoutIsRefused() {
        assertThatThrownBy(() -> Promfleet.builder().checkTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
