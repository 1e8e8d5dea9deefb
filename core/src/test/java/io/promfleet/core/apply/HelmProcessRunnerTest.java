package io.promfleet.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.plan.HelmValuesChange;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The helm command apply runs with --run-helm: the cluster's context (not its fleet name), no shell, server dry run. */
class HelmProcessRunnerTest {

    final HelmValuesChange change = new HelmValuesChange("cluster-02", "kube-prometheus-stack", "monitoring",
            "prometheus-community/kube-prometheus-stack", "45.7.1", Map.of("prometheus.enabled", "false"),
            Map.of("prometheus.enabled", "true"));

    @Test
    void theArgumentVectorUsesTheContextAndKeepsTheChartVersion() {
        HelmProcessRunner runner = new HelmProcessRunner(Map.of("cluster-02", "edge-2-admin"), Path.of("/tmp/kubeconfig"));
        assertThat(runner.argv(change, change.set(), false)).containsExactly("helm", "--kube-context", "edge-2-admin",
                "--kubeconfig", "/tmp/kubeconfig", "upgrade", "kube-prometheus-stack",
                "prometheus-community/kube-prometheus-stack", "--namespace", "monitoring", "--reuse-values",
                "--version", "45.7.1", "--set", "prometheus.enabled=false");
        assertThat(runner.argv(change, change.previous(), true)).endsWith("--set", "prometheus.enabled=true",
                "--dry-run=server");
    }
}
