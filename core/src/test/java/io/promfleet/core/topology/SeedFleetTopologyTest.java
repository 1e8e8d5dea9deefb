package io.promfleet.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.topology.OwnerType;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.RemoteWriteTarget;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.core.fleet.FleetLoader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topology derived from the seed fleet's realistic exports (examples/seed-fleet). */
class SeedFleetTopologyTest {

    static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");
    private static Fleet fleet;

    @BeforeAll
    static void load() {
        fleet = FleetLoader.load(SEED);
    }

    @Test
    void readsEveryClusterInEveryExportFormat() {
        assertThat(fleet.name()).isEqualTo("seed-fleet");
        assertThat(fleet.clusters()).extracting(Cluster::name)
                .containsExactly("cluster-01", "cluster-02", "cluster-03", "cluster-04");
        // cluster-03 is exported as JSON, cluster-04 as multi-document YAML: both must yield pods.
        for (Cluster cluster : fleet.clusters()) {
            assertThat(cluster.objectsOfKind("Pod").count()).as(cluster.name()).isGreaterThan(5);
        }
    }

    @Test
    void edgeHasAnAgentAndAnOperatorOwnedFullServer() {
        Cluster edge = fleet.cluster("cluster-03").orElseThrow();
        assertThat(edge.topology().agents()).hasSize(1);
        assertThat(edge.topology().servers()).hasSize(1);

        PrometheusInstance server = edge.topology().servers().get(0);
        assertThat(server.owner().type()).isEqualTo(OwnerType.OPERATOR);
        assertThat(server.owner().kind()).isEqualTo("Prometheus");
        assertThat(server.owner().name()).isEqualTo("kube-prometheus-stack-prometheus");
        assertThat(server.owner().helmRelease()).isEqualTo("kube-prometheus-stack");
        assertThat(server.workload().kind()).isEqualTo("StatefulSet");
        assertThat(server.resources().memoryRequestBytes()).isEqualTo(2L << 30);
        assertThat(server.storageBytes()).isEqualTo(50L << 30);
        assertThat(server.retention()).isEqualTo(Duration.ofDays(15));
        assertThat(server.config().source().kind()).isEqualTo("Prometheus");
    }

    @Test
    void agentConfigurationIsReadFromItsMountedConfigMap() {
        PrometheusInstance agent = fleet.cluster("cluster-02").orElseThrow().topology().agents().get(0);
        assertThat(agent.owner().type()).isEqualTo(OwnerType.PLAIN);
        assertThat(agent.resources().memoryRequestBytes()).isEqualTo(200L << 20);
        assertThat(agent.config().problems()).isEmpty();
        assertThat(agent.config().source().kind()).isEqualTo("ConfigMap");
        assertThat(agent.config().source().name()).isEqualTo("prometheus-agent-config");
        assertThat(agent.config().externalLabels()).containsEntry("cluster", "cluster-02");
        assertThat(agent.config().remoteWrites()).hasSize(1);
        RemoteWriteTarget target = agent.config().remoteWrites().get(0);
        assertThat(target.url()).isEqualTo("http://thanos-receiver.monitoring.svc.cluster-01.local:19291/api/v1/receive");
        assertThat(target.host()).contains("thanos-receiver.monitoring.svc.cluster-01.local");
        assertThat(target.port()).isEqualTo(19291);
        assertThat(target.queue().capacity()).isEqualTo(10000);
        assertThat(target.queue().maxShards()).isEqualTo(10);
        assertThat(target.queue().maxSamplesPerSend()).isEqualTo(5000);
        assertThat(agent.config().scrapeJobs()).isNotEmpty();
    }

    @Test
    void centralRunsASidecarAndNoReceive() {
        Cluster central = fleet.cluster("cluster-01").orElseThrow();
        assertThat(central.topology().thanos(ThanosRole.RECEIVE)).isEmpty();
        assertThat(central.topology().thanos(ThanosRole.SIDECAR)).hasSize(1);
        assertThat(central.topology().thanos(ThanosRole.SIDECAR).get(0).flags().first("grpc-address")).contains(":10901");
        assertThat(central.topology().thanos(ThanosRole.QUERY)).hasSize(1);
        ServiceEndpoint lb = central.topology().services().stream()
                .filter(s -> s.type().equals("LoadBalancer") && s.externalAddresses().contains("192.168.101.211"))
                .findFirst().orElseThrow();
        assertThat(lb.ports()).anyMatch(p -> p.port() == 10901);
        assertThat(central.topology().nodeAddresses()).contains("192.168.101.194");
    }

    @Test
    void everyClusterHasOneAlertmanagerAndOneGrafana() {
        for (Cluster cluster : fleet.clusters()) {
            assertThat(cluster.topology().alertmanagers()).as(cluster.name()).hasSize(1);
            assertThat(cluster.topology().grafanas()).as(cluster.name()).hasSize(1);
            assertThat(cluster.topology().alertmanagers().get(0).owner().kind()).isEqualTo("Alertmanager");
        }
    }

    @Test
    void secretValuesAreNeverKept() {
        for (Cluster cluster : fleet.clusters()) {
            for (KubeObject secret : cluster.objectsOfKind("Secret").toList()) {
                secret.at("data").fields().values()
                        .forEach(v -> assertThat(v.text("")).as(secret.ref()).isEmpty());
                assertThat(secret.annotations()).doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
            }
        }
    }
}
