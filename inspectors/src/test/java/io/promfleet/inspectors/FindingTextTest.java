package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Where a finding's words matter: what it names, what it tells the reader to do and not to do. */
class FindingTextTest {

    @Nested
    class RemoteWriteTargetUnknown {
        private static final String CHECK = "remote-write-target-unknown";

        @Test
        void saysWhatTheCentralExposesAndThatItReachesASidecar() {
            Finding f = FixtureAudit.only(CHECK, "seed-like-central-without-receive");

            assertThat(f.message())
                    .contains("http://thanos-receiver.monitoring.svc.cluster-01.local:19291/api/v1/receive")
                    .contains("cluster-01 exposes no Thanos Receive")
                    .contains("LoadBalancer 192.168.101.211:10901")
                    // the wording of what sits behind may change; that it names the sidecar may not
                    .containsPattern("Service monitoring/kube-prometheus-stack-thanos-external → thanos[ -]sidecar")
                    .containsPattern("not (accept )?remote-write");
            assertThat(f.remediation()).contains("Deploy Thanos Receive on the central cluster");
            assertThat(f.evidence()).containsEntry("receiveEndpoints", "none")
                    .containsEntry("host", "thanos-receiver.monitoring.svc.cluster-01.local")
                    .containsEntry("port", "19291");
        }

        @Test
        void writingToTheSidecarLoadBalancerIsExplained() {
            Finding f = FixtureAudit.only(CHECK, "writes-to-sidecar-loadbalancer");

            assertThat(f.message()).contains("192.168.101.211:10901").containsPattern("→ thanos[ -]sidecar");
        }

        @Test
        void whenReceiveListensElsewhereTheRemediationNamesItsEndpoint() {
            Finding f = FixtureAudit.only(CHECK, "wrong-port-on-receive-loadbalancer");

            assertThat(f.message()).containsPattern("cluster-01 exposes (Thanos )?Receive at")
                    .containsPattern("192\\.168\\.101\\.212:19291 \\((LoadBalancer )?Service monitoring/thanos-receive");
            assertThat(f.remediation()).startsWith("Point this remote_write at one of the central Receive's")
                    .containsPattern("192\\.168\\.101\\.212:19291 \\((LoadBalancer )?Service monitoring/thanos-receive")
                    .doesNotContain("192.168.101.212:10908");
            assertThat(f.evidence()).containsEntry("port", "10908");
        }

        @Test
        void anOperatorAgentIsPointedAtByItsResource() {
            Finding f = FixtureAudit.only(CHECK, "operator-prometheusagent-unknown-address");

            assertThat(f.kind()).isEqualTo("PrometheusAgent");
            assertThat(f.evidence()).containsEntry("location",
                    "PrometheusAgent/monitoring/agent spec.remoteWrite[0]");
        }
    }

    @Nested
    class RemoteWriteUnresolvable {
        private static final String CHECK = "remote-write-unresolvable";

        @Test
        void namesBothDomains() {
            Finding f = FixtureAudit.only(CHECK, "other-cluster-domain");

            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("domain 'cluster-01.local'").contains("cluster-02's domain is 'cluster.local'");
            assertThat(f.evidence()).containsEntry("edgeDomain", "cluster.local")
                    .containsEntry("hostDomain", "cluster-01.local");
        }

        @Test
        void namesTheMissingService() {
            Finding f = FixtureAudit.only(CHECK, "missing-service-in-own-domain");

            assertThat(f.message()).contains("Service monitoring/thanos-receive, which cluster-02 does not have");
        }
    }

    @Nested
    class DuplicateFullPrometheus {
        private static final String CHECK = "duplicate-full-prometheus";

        @Test
        void operatorManagedServerPointsAtThePrometheusResourceAndWarnsOffTheStatefulSet() {
            Finding f = FixtureAudit.only(CHECK, "seed-like-operator-server-beside-agent");

            assertThat(f.kind()).isEqualTo("Prometheus");
            assertThat(f.name()).isEqualTo("kube-prometheus-stack-prometheus");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).contains("2.0 GiB memory").contains("15d of local TSDB on a 50.0 GiB volume")
                    .contains("scraped twice");
            assertThat(f.remediation())
                    .contains("Set `prometheus.enabled=false` in the values of Helm release `kube-prometheus-stack`")
                    .contains("Do not delete StatefulSet `prometheus-kube-prometheus-stack-prometheus` itself")
                    .contains("the Prometheus Operator recreates it");
        }

        @Test
        void helmManagedServerIsChangedThroughItsRelease() {
            Finding f = FixtureAudit.only(CHECK, "helm-chart-server-beside-agent");

            assertThat(f.kind()).isEqualTo("Deployment");
            assertThat(f.message()).contains("8.0 GiB volume");
            assertThat(f.remediation()).contains("Helm release `prometheus`").contains("helm upgrade")
                    .doesNotContain("Prometheus Operator");
        }

        @Test
        void plainServerIsScaledDownBeforeDeletion() {
            Finding f = FixtureAudit.only(CHECK, "plain-server-beside-agent");

            assertThat(f.remediation()).contains("Scale StatefulSet `monitoring/prometheus` to zero first");
            // no retention flag: the evidence says Prometheus' default applies, not that there is none
            assertThat(f.evidence().get("retention")).contains("15d").contains("default");
        }
    }

    @Nested
    class PodFailed {
        private static final String CHECK = "pod-failed";

        @Test
        void helmTestPodIsLow() {
            Finding f = FixtureAudit.only(CHECK, "helm-test-pod-error");

            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.message()).contains("Helm test pod monitoring/kube-prometheus-stack-grafana-test")
                    .contains("Error (exit code 1)");
            assertThat(f.evidence()).containsEntry("helmHook", "test-success");
        }

        @Test
        void crashLoopIsMediumAndNamesContainerAndRestarts() {
            Finding f = FixtureAudit.only(CHECK, "crashloopbackoff");

            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).contains("container kube-state-metrics is CrashLoopBackOff (exit code 2) after 27 restarts");
            assertThat(f.remediation()).contains("-c kube-state-metrics --previous");
        }

        @Test
        void imagePullBackOffIsMedium() {
            Finding f = FixtureAudit.only(CHECK, "imagepullbackoff");

            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.evidence()).containsEntry("reason", "ImagePullBackOff");
        }
    }

    @Nested
    class EdgeAlertmanager {
        @Test
        void operatorOwnedPointsAtTheResourceAndWarnsOffTheStatefulSet() {
            Finding f = FixtureAudit.only("edge-alertmanager", "operator-owned");

            assertThat(f.remediation()).contains("`alertmanager.enabled=false`")
                    .contains("Do not delete StatefulSet `alertmanager-kube-prometheus-stack-alertmanager` itself");
        }
    }

    @Nested
    class ReceiveHashringInconsistent {
        private static final String CHECK = "receive-hashring-inconsistent";

        @Test
        void aHashringNamingAReplicaThatDoesNotExistIsHighAndNamesIt() {
            Finding f = FixtureAudit.only(CHECK, "three-endpoints-two-replicas");

            assertThat(f.severity()).isEqualTo(io.promfleet.api.Severity.HIGH);
            assertThat(f.message()).contains("thanos-receive-2.thanos-receive-headless.monitoring.svc.cluster.local:10901")
                    .contains("2 replicas").contains("ConfigMap/monitoring/thanos-receive-hashrings key hashrings.json");
            assertThat(f.remediation()).contains("kubectl --context cluster-01 -n monitoring get configmap thanos-receive-hashrings");
            assertThat(f.evidence()).containsEntry("endpoints", "3").containsEntry("replicationFactor", "1");
        }

        @Test
        void aHashringThatOnlyLeavesAReplicaOutIsMediumAndNamesTheReplica() {
            Finding f = FixtureAudit.only(CHECK, "inline-hashring-misses-a-replica");

            assertThat(f.severity()).isEqualTo(io.promfleet.api.Severity.MEDIUM);
            assertThat(f.message()).contains("--receive.hashrings of StatefulSet/monitoring/thanos-receive")
                    .contains("nothing is routed to thanos-receive-2");
        }

        @Test
        void aReplicationFactorAboveTheEndpointsSaysSo() {
            assertThat(FixtureAudit.only(CHECK, "replication-factor-above-endpoints").message())
                    .contains("hashring 'default' has 2 endpoint(s), fewer than --receive.replication-factor=3");
        }

        @Test
        void invalidJsonNamesTheLineNeverTheText() {
            Finding f = FixtureAudit.only(CHECK, "invalid-json");

            assertThat(f.message()).contains("invalid JSON at line 1").doesNotContain("thanos-receive-0.");
        }

        @Test
        void inKoreanTheMessageIsKorean() {
            Finding f = FixtureAudit.audit(CHECK, "three-endpoints-two-replicas",
                    new io.promfleet.api.Settings(java.util.Map.of(io.promfleet.api.InspectionContext.LANGUAGE_SETTING, "ko")))
                    .findings().get(0);

            assertThat(f.message()).contains("해시링").contains("thanos-receive-2.thanos-receive-headless");
            assertThat(f.remediation()).contains("검증:");
        }
    }
}
