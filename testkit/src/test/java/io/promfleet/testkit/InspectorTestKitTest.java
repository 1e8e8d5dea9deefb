package io.promfleet.testkit;

import static io.promfleet.testkit.FindingPattern.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.api.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class InspectorTestKitTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "configmap-named-bad");
    static final Path POSITIVE = FIXTURES.resolve("bad-configmap-on-edge");
    static final Path NEGATIVE = FIXTURES.resolve("good-configmaps-only");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyCaseOfTheCheckFolderRunsAsADynamicTest() {
        return InspectorTestKit.fixtureTests(new ConfigMapNamedBadInspector(), FIXTURES);
    }

    @Test
    void fluentAssertionsPassOnWhatTheCheckReported() {
        InspectorRun run = InspectorTestKit.run(new ConfigMapNamedBadInspector(), POSITIVE);

        run.assertNoCoverageGaps()
                .assertFindings()
                .hasSize(1)
                .inClusters("cluster-02")
                .allHaveSeverity(Severity.LOW)
                .contains(finding().cluster("cluster-02").object("monitoring", "ConfigMap", "bad")
                        .messageContains("is bad").remediationContains("rename").evidence("cluster", "cluster-02"))
                .doesNotContain(finding().name("fine"))
                .containsExactlyInAnyOrder(finding().name("bad"))
                .matchLines("cluster-02 monitoring ConfigMap bad");
        InspectorTestKit.run(new ConfigMapNamedBadInspector(), NEGATIVE.resolve("fleet.yaml")).assertFindings().isEmpty();
    }

    @Test
    void settingsReachTheCheck() {
        InspectorTestKit.of(new ConfigMapNamedBadInspector()).setting("suffix", "!").run(POSITIVE)
                .assertFindings().contains(finding().messageContains("is bad!"));
    }

    @Test
    void aFailedAssertionListsEverythingTheCheckReported() {
        InspectorRun run = InspectorTestKit.run(new ConfigMapNamedBadInspector(), POSITIVE);

        assertThatThrownBy(() -> run.assertFindings().isEmpty()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected no finding of configmap-named-bad but got 1")
                .hasMessageContaining("finding cluster-02 monitoring ConfigMap bad [low]: ConfigMap bad is bad");
        assertThatThrownBy(() -> run.assertFindings().contains(finding().cluster("cluster-01")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("finding(cluster=cluster-01)");
        assertThatThrownBy(() -> run.assertFindings().containsExactlyInAnyOrder())
                .isInstanceOf(AssertionError.class).hasMessageContaining("also reported cluster-02 monitoring ConfigMap bad");
        assertThatThrownBy(() -> run.assertFindings().matchLines("cluster-02 ConfigMap bad"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster namespace kind name");
    }

    @Test
    void aCaseWhoseExpectedFindingsDifferFailsNamingTheCase() throws IOException {
        Path wrong = copyCase(POSITIVE, "wrong");
        Files.writeString(wrong.resolve("expected.txt"), "# wrong on purpose\ncluster-01 monitoring ConfigMap bad\n");

        assertThatThrownBy(() -> InspectorTestKit.runCase(new ConfigMapNamedBadInspector(), wrong))
                .isInstanceOf(AssertionError.class).hasMessageContaining("cluster=cluster-01")
                .hasMessageContaining(wrong.toString());
    }

    @Test
    void aCheckThatThrowsOrHangsLeavesACoverageGapToAssertOn() {
        InspectorRun thrown = InspectorTestKit.run(new ConfigMapNamedBadInspector() {
            @Override
            public void inspect(io.promfleet.api.InspectionContext context) {
                throw new IllegalStateException("no luck");
            }
        }, POSITIVE);
        thrown.assertCoverageGap(null, "IllegalStateException: no luck").assertFindings().isEmpty();
        assertThatThrownBy(thrown::assertNoCoverageGaps).isInstanceOf(AssertionError.class)
                .hasMessageContaining("gap -: the check failed");

        InspectorRun hung = InspectorTestKit.of(new ConfigMapNamedBadInspector() {
            @Override
            public void inspect(io.promfleet.api.InspectionContext context) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).checkTimeout(Duration.ofMillis(200)).run(POSITIVE);
        hung.assertCoverageGapLines(java.util.List.of("- did not finish within 200ms"));
    }

    @Test
    void aFolderWithoutCasesIsAnError() {
        assertThatThrownBy(() -> InspectorTestKit.fixtureTests(new ConfigMapNamedBadInspector(), temp))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no fixture case");
        assertThat(InspectorTestKit.cases(FIXTURES)).containsExactly(POSITIVE, NEGATIVE);
    }

    private Path copyCase(Path source, String name) throws IOException {
        Path target = temp.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path t = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
        return target;
    }
}
