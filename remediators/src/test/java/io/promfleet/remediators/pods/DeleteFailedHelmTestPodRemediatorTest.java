package io.promfleet.remediators.pods;

import static io.promfleet.testkit.ActionPattern.action;

import io.promfleet.api.plan.Phase;
import io.promfleet.inspectors.workload.PodFailedInspector;
import io.promfleet.testkit.RemediatorTestKit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The remediator planned for what {@code pod-failed} finds, through the test kit plugin authors use. The
 * cases are the inspector's own fixtures: the same fleet, its finding, and now its fix.
 */
class DeleteFailedHelmTestPodRemediatorTest {

    static final Path CASES = Path.of("../inspectors/src/test/resources/fixtures/pod-failed");

    @Test
    void aFailedHelmTestPodIsDeletedAndNothingElse() {
        RemediatorTestKit.plan(new DeleteFailedHelmTestPodRemediator(), new PodFailedInspector(),
                        CASES.resolve("helm-test-pod-error"))
                .assertNoProblems()
                .assertEveryFindingAddressed()
                .assertActions()
                .containsExactlyInAnyOrder(action()
                        .id("delete-pod-cluster-02-kube-prometheus-stack-grafana-test")
                        .phase(Phase.REMOVE_DUPLICATES)
                        .cluster("cluster-02")
                        .addresses("pod-failed")
                        .deletes("Pod", "monitoring", "kube-prometheus-stack-grafana-test")
                        .verificationContains("NotFound"));
    }

    @Test
    void failedPodsOfOrdinaryDeploymentsNeedAPersonNotAPlan() {
        // Their ReplicaSet would recreate a deleted pod: the finding stays for a person to read.
        var run = RemediatorTestKit.plan(new DeleteFailedHelmTestPodRemediator(), new PodFailedInspector(),
                CASES.resolve("app-pod-image-pull-backoff-and-config-error"));
        run.assertNoProblems().assertActions().isEmpty();
        org.assertj.core.api.Assertions.assertThat(run.unaddressed()).hasSize(2);
    }
}
