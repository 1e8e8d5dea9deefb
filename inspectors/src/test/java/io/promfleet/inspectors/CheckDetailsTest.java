package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Details of the checks that a case folder's {@code expected.txt} cannot show: severities chosen per
 * case, the endpoints a message names, the chart value a remediation gives.
 */
class CheckDetailsTest {

    @Nested
    class PodFailed {
        private static final String CHECK = "pod-failed";

        /** A Prometheus or Thanos pod down means samples are not collected or not stored: as urgent as a broken remote-write. */
        @Test
        void aCrashLoopingAgentIsHighAndNamesItsWorkload() {
            Finding f = FixtureAudit.only(CHECK, "agent-pod-in-crashloop");

            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("container prometheus is CrashLoopBackOff (exit code 1) after 7 restarts")
                    .contains("StatefulSet/monitoring/prometheus-agent, part of the monitoring data path");
            assertThat(f.evidence()).containsEntry("phase", "Running").containsEntry("reason", "CrashLoopBackOff")
                    .containsEntry("exitCode", "1").containsEntry("restarts", "7")
                    .containsEntry("monitoringWorkload", "StatefulSet/monitoring/prometheus-agent");
        }

        @Test
        void ordinaryPodsThatCannotStartAreMedium() {
            List<Finding> findings = FixtureAudit.findings(CHECK, "app-pod-image-pull-backoff-and-config-error");

            assertThat(findings).hasSize(2).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
            assertThat(findings).extracting(f -> f.evidence().get("reason"))
                    .containsExactlyInAnyOrder("ImagePullBackOff", "CreateContainerConfigError");
            assertThat(findings).allSatisfy(f -> assertThat(f.evidence()).doesNotContainKey("monitoringWorkload"));
        }

        @Test
        void aHelmTestPodsRemediationSaysItIsAHookAndHowToStopItLingering() {
            Finding f = FixtureAudit.only(CHECK, "helm-test-pod-error");

            assertThat(f.remediation()).contains("This is a Helm test hook (`helm.sh/hook: test-success`)")
                    .contains("kubectl delete pod -n monitoring kube-prometheus-stack-grafana-test")
                    .contains("helm.sh/hook-delete-policy");
        }
    }

    @Nested
    class RemoteWriteTargetUnknown {
        private static final String CHECK = "remote-write-target-unknown";

        @Test
        void theReceiveGrpcPortIsNotMistakenForRemoteWrite() {
            Finding f = FixtureAudit.only(CHECK, "agent-writes-to-receive-grpc-port");

            assertThat(f.message()).contains("http://192.168.101.220:10901/api/v1/receive")
                    .contains("cluster-01 exposes Thanos Receive at ")
                    .contains("LoadBalancer 192.168.101.220:19291 (Service monitoring/thanos-receive-external)")
                    .doesNotContain("192.168.101.220:10901 (");
            assertThat(f.remediation()).startsWith("Point this remote_write at one of the central Receive's external")
                    .contains("LoadBalancer 192.168.101.220:19291")
                    // an in-cluster DNS name is no advice for an edge
                    .doesNotContain("svc.cluster.local");
            assertThat(f.evidence()).containsEntry("port", "10901");
        }

        @Test
        void anIngressToAnotherServiceIsListedAsWhatTheCentralExposes() {
            Finding f = FixtureAudit.only(CHECK, "ingress-host-routes-to-grafana-not-receive");

            assertThat(f.message()).contains("https://grafana.central.example.internal/api/v1/receive")
                    .contains("cluster-01 exposes Thanos Receive at Service DNS name "
                            + "thanos-receive.monitoring.svc.cluster.local:19291");
            assertThat(f.remediation()).startsWith("Expose the central Receive outside its cluster");
        }
    }

    @Nested
    class Owners {
        @Test
        void aPrometheusChartServerIsSwitchedOffWithServerEnabled() {
            Finding f = FixtureAudit.only("duplicate-full-prometheus", "helm-chart-server-beside-agent");

            assertThat(f.remediation()).contains("Set `server.enabled=false` in the values of Helm release `prometheus`")
                    .contains("chart prometheus").doesNotContain("prometheus.enabled=false");
        }

        @Test
        void replicasMultiplyTheCostInTheMessage() {
            Finding f = FixtureAudit.only("duplicate-full-prometheus", "plain-server-beside-prometheus-agent-resource");

            assertThat(f.message()).contains("1.0 GiB memory and 0.25 CPU per replica × 2 replicas = 2.0 GiB")
                    .contains("15d (Prometheus' default) of local TSDB on a 20.0 GiB volume per replica")
                    .contains("beside its agent (PrometheusAgent/monitoring/edge-agent)");
            assertThat(f.remediation()).contains("Scale StatefulSet `monitoring/prometheus` to zero first");
        }
    }
}
