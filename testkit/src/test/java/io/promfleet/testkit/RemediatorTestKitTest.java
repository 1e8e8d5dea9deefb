package io.promfleet.testkit;

import static io.promfleet.testkit.ActionPattern.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Severity;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Phase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemediatorTestKitTest {

    static final Path CASES = Path.of("src/test/resources/fixtures/configmap-named-bad");

    @Test
    void theInspectorsFindingsOnTheFixtureArePlannedForAndAssertedFluently() {
        RemediatorRun run = RemediatorTestKit.plan(new RenameBadConfigMapRemediator(), new ConfigMapNamedBadInspector(),
                CASES.resolve("bad-configmap-on-edge"));

        run.assertNoProblems().assertEveryFindingAddressed().assertActions()
                .hasSize(1)
                .containsExactlyInAnyOrder(action().id("label-cluster-02-bad").phase(Phase.VERIFY).cluster("cluster-02")
                        .addresses("configmap-named-bad").replaces("ConfigMap", "monitoring", "bad")
                        .afterContains("reviewed", "metadata", "labels", "state"));
        assertThat(run.findings()).hasSize(1);
        // The engine's own gates are in the plan the kit returns: the run is what `promfleet plan` makes.
        assertThat(run.plan().steps()).anyMatch(s -> s.isGate());
    }

    @Test
    void settingsReachTheRemediatorAndANegativeCasePlansNothing() {
        RemediatorTestKit.of(new RenameBadConfigMapRemediator()).findingsFrom(new ConfigMapNamedBadInspector())
                .setting("label", "renamed")
                .plan(CASES.resolve("bad-configmap-on-edge"))
                .assertActions().contains(action().afterContains("renamed", "metadata", "labels", "state"));

        RemediatorTestKit.plan(new RenameBadConfigMapRemediator(), new ConfigMapNamedBadInspector(),
                CASES.resolve("good-configmaps-only")).assertNoProblems().assertActions().isEmpty();
    }

    @Test
    void findingsCanBeGivenInsteadOfAnInspector() {
        Finding given = Finding.builder("configmap-named-bad", Severity.LOW).cluster("cluster-02")
                .object("monitoring", "ConfigMap", "bad").message("bad").build();

        RemediatorTestKit.of(new RenameBadConfigMapRemediator()).findings(given)
                .plan(CASES.resolve("bad-configmap-on-edge"))
                .assertActions().hasSize(1);
        assertThatThrownBy(() -> RemediatorTestKit.of(new RenameBadConfigMapRemediator())
                .plan(CASES.resolve("bad-configmap-on-edge")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("findingsFrom(inspector)");
    }

    @Test
    void aFailedAssertionListsWhatWasPlannedAndARemediatorThatThrowsIsAProblem() {
        RemediatorRun run = RemediatorTestKit.plan(new RenameBadConfigMapRemediator(), new ConfigMapNamedBadInspector(),
                CASES.resolve("bad-configmap-on-edge"));
        assertThatThrownBy(() -> run.assertActions().isEmpty()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("action label-cluster-02-bad [verify, cluster-02]")
                .hasMessageContaining("replace ConfigMap/monitoring/bad");
        assertThatThrownBy(() -> run.assertActions().contains(action().deletes("ConfigMap", "monitoring", "bad")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("deletes ConfigMap/monitoring/bad");
        assertThatThrownBy(() -> run.assertActions()
                .contains(action().replaces("ConfigMap", "monitoring", "bad").afterContains("nope", "metadata", "labels", "state")))
                .isInstanceOf(AssertionError.class);

        RemediatorRun broken = RemediatorTestKit.plan(new RenameBadConfigMapRemediator() {
            @Override
            public List<Action> plan(RemediationContext context, List<Finding> findings) {
                throw new IllegalStateException("kaput");
            }
        }, new ConfigMapNamedBadInspector(), CASES.resolve("bad-configmap-on-edge"));
        assertThat(broken.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("kaput"));
        assertThatThrownBy(broken::assertNoProblems).isInstanceOf(AssertionError.class)
                .hasMessageContaining("problem label-bad-configmaps").hasMessageContaining("kaput");
        assertThatThrownBy(broken::assertEveryFindingAddressed).isInstanceOf(AssertionError.class)
                .hasMessageContaining("unaddressed configmap-named-bad cluster-02 monitoring ConfigMap bad");
    }
}
