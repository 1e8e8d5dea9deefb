package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.Finding;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plugin.InspectorRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every built-in check over the seed fleet (examples/seed-fleet): each problem of the original audit is
 * found on the object a reader must change, at the severity the check documents, and nothing else is.
 */
class SeedFleetChecksTest {

    private static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");
    private static AuditReport report;

    @BeforeAll
    static void audit() {
        List<Inspector> all = InspectorRegistry.discover(SeedFleetChecksTest.class.getClassLoader()).inspectors();
        report = new AuditEngine(all, Settings.empty()).audit(FleetLoader.load(SEED));
    }

    @Test
    void findsExactlyTheSeedAuditsProblemsOnTheObjectsToChange() {
        List<String> lines = report.findings().stream()
                .map(f -> f.check() + " " + f.severity().id() + " " + InspectorFixturesTest.line(f)).toList();
        assertThat(lines).containsExactlyInAnyOrder(
                "receive-missing high cluster-01 - - -",
                "sidecar-pattern medium cluster-01 monitoring Prometheus kube-prometheus-stack-prometheus",
                "duplicate-full-prometheus medium cluster-02 monitoring Prometheus kube-prometheus-stack-prometheus",
                "duplicate-full-prometheus medium cluster-03 monitoring Prometheus kube-prometheus-stack-prometheus",
                "duplicate-full-prometheus medium cluster-04 monitoring Prometheus kube-prometheus-stack-prometheus",
                "edge-alertmanager medium cluster-02 monitoring Alertmanager kube-prometheus-stack-alertmanager",
                "edge-alertmanager medium cluster-03 monitoring Alertmanager kube-prometheus-stack-alertmanager",
                "edge-alertmanager medium cluster-04 monitoring Alertmanager kube-prometheus-stack-alertmanager",
                "pod-failed low cluster-02 monitoring Pod kube-prometheus-stack-grafana-test",
                "remote-write-unresolvable high cluster-02 monitoring ConfigMap prometheus-agent-config",
                "remote-write-unresolvable high cluster-03 monitoring ConfigMap prometheus-agent-config",
                "remote-write-unresolvable high cluster-04 monitoring ConfigMap prometheus-agent-config",
                "remote-write-target-unknown high cluster-02 monitoring ConfigMap prometheus-agent-config",
                "remote-write-target-unknown high cluster-03 monitoring ConfigMap prometheus-agent-config",
                "remote-write-target-unknown high cluster-04 monitoring ConfigMap prometheus-agent-config",
                "resource-waste medium - - - -",
                // Real for the seed, by the design's definitions (seed README, "Expected findings"): the agents
                // write plain http to another cluster's Service name ...
                "remote-write-insecure medium cluster-02 monitoring ConfigMap prometheus-agent-config",
                "remote-write-insecure medium cluster-03 monitoring ConfigMap prometheus-agent-config",
                "remote-write-insecure medium cluster-04 monitoring ConfigMap prometheus-agent-config",
                // ... and each edge's full Prometheus alone evaluates the chart's PrometheusRules.
                "edge-rules-stranded medium cluster-02 monitoring Prometheus kube-prometheus-stack-prometheus",
                "edge-rules-stranded medium cluster-03 monitoring Prometheus kube-prometheus-stack-prometheus",
                "edge-rules-stranded medium cluster-04 monitoring Prometheus kube-prometheus-stack-prometheus");
        assertThat(report.coverageGaps()).isEmpty();
    }

    @Test
    void strandedRulesAreCountedAndGroupsNamed() {
        Finding f = first("edge-rules-stranded");
        assertThat(Integer.parseInt(f.evidence().get("alertingRules"))).isPositive();
        assertThat(Integer.parseInt(f.evidence().get("recordingRules"))).isPositive();
        assertThat(f.evidence().get("groups")).isNotBlank();
        assertThat(f.message()).contains("alerting and").contains("recording rules in").contains("Thanos Ruler");
    }

    @Test
    void insecureSaysPlainHttpLeavesTheEdge() {
        Finding f = first("remote-write-insecure");
        assertThat(f.message()).contains("plain http").contains("thanos-receiver.monitoring.svc.cluster-01.local");
        assertThat(f.evidence()).containsEntry("scheme", "http");
    }

    @Test
    void targetUnknownSaysTheCentralExposesOnlyTheSidecarsGrpcPort() {
        Finding f = first("remote-write-target-unknown");
        assertThat(f.message())
                .contains("remote-writes to http://thanos-receiver.monitoring.svc.cluster-01.local:19291/api/v1/receive")
                .contains("cluster-01 exposes no Thanos Receive; its external endpoints: ")
                .contains("LoadBalancer 192.168.101.211:10901 (Service monitoring/kube-prometheus-stack-thanos-external"
                        + " → thanos-sidecar gRPC, not remote-write)");
    }

    @Test
    void unresolvableSaysWhereTheSamplesGo() {
        Finding f = first("remote-write-unresolvable");
        assertThat(f.message()).contains("samples pile up in the WAL and are lost");
        assertThat(f.evidence()).containsEntry("location",
                "ConfigMap/monitoring/prometheus-agent-config key prometheus.yml remote_write[0]");
    }

    @Test
    void wasteReproducesTheAuditsMemoryFigures() {
        Finding f = first("resource-waste");
        assertThat(f.cluster()).isNull();
        assertThat(f.message()).contains("request 6.6 GiB of memory")
                .contains("150.0 GiB of storage (15d retention")
                .contains("falls from 6.6 GiB to 600 MiB (6.0 GiB, 91% saved)");
    }

    @Test
    void operatorOwnedDuplicatesAreRemovedThroughTheirOwnerNeverByDeletingTheStatefulSet() {
        for (String check : List.of("duplicate-full-prometheus", "edge-alertmanager")) {
            for (Finding f : report.findings().stream().filter(x -> x.check().equals(check)).toList()) {
                assertThat(f.remediation()).as(check)
                        .contains("in the values of Helm release `kube-prometheus-stack`")
                        .containsPattern("Do not delete StatefulSet `[a-z-]+` itself: the Prometheus Operator recreates it")
                        .doesNotContain("kubectl delete statefulset");
            }
        }
        assertThat(first("duplicate-full-prometheus").remediation())
                .contains("`prometheus.enabled=false`")
                .contains("First move its alerting and recording rules");
    }

    @Test
    void severitiesAreTheDocumentedDefaults() {
        List<Inspector> all = InspectorRegistry.discover(getClass().getClassLoader()).inspectors();
        assertThat(all).extracting(i -> i.id() + " " + i.defaultSeverity().id()).contains(
                "receive-missing high", "remote-write-unresolvable high", "remote-write-target-unknown high",
                "sidecar-pattern medium", "duplicate-full-prometheus medium", "edge-alertmanager medium",
                "pod-failed medium", "resource-waste medium", "agent-missing high", "remote-write-missing high",
                "remote-write-insecure medium", "external-labels-missing high", "queue-config medium",
                "edge-rules-stranded medium", "receive-not-exposed high", "receive-objstore-missing high",
                "plaintext-credentials high", "agent-rule-files high");
        assertThat(all).allSatisfy(i -> assertThat(i.requiresLiveCluster()).as(i.id()).isFalse());
    }

    private static Finding first(String check) {
        return report.firstOf(check).orElseThrow(() -> new AssertionError("no " + check + " finding"));
    }
}
