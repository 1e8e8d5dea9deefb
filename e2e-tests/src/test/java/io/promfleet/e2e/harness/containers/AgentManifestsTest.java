package io.promfleet.e2e.harness.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promfleet.e2e.harness.AgentConfig;
import io.promfleet.e2e.harness.EdgeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * What the k3s Testcontainers backend applies to each edge's cluster, checked without Docker: the objects parse,
 * carry the edge's labels, run the agent as the local backend does, and give it the configuration the local
 * backend would (the same {@code cluster} external label, remote-write URL scheme and token).
 */
class AgentManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String HOST = "host.testcontainers.internal";

    private static String config(EdgeSpec edge) {
        return AgentConfig.render(edge, Duration.ofSeconds(1), HOST + ":41000", "localhost:9090",
                "http://" + HOST + ":42000/api/v1/receive", "token-a");
    }

    private static List<JsonNode> parse(String yaml) throws Exception {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            return it.readAll();
        }
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void theObjectsParseAndLiveInTheEdgeNamespace() throws Exception {
        List<JsonNode> docs = parse(AgentManifests.render("edge-1", config(EdgeSpec.of("edge-1")),
                TestcontainersBackend.PROMETHEUS_IMAGE, HOST, "172.17.0.3"));

        assertThat(docs).extracting(d -> d.path("kind").asText())
                .containsExactly("Namespace", "ConfigMap", "Deployment", "Service");
        assertThat(kind(docs, "Namespace").at("/metadata/name").asText()).isEqualTo(AgentManifests.NAMESPACE);
        for (JsonNode d : docs.subList(1, docs.size())) {
            assertThat(d.at("/metadata/namespace").asText()).isEqualTo(AgentManifests.NAMESPACE);
            assertThat(d.at("/metadata/name").asText()).isEqualTo(AgentManifests.NAME);
        }
        for (JsonNode d : docs) {
            assertThat(d.at("/metadata/labels/promfleet.io~1cluster").asText()).isEqualTo("edge-1");
        }
    }

    @Test
    void theDeploymentRunsOneAgentAsTheLocalBackendDoes() throws Exception {
        List<JsonNode> docs = parse(AgentManifests.render("edge-2", config(EdgeSpec.of("edge-2")),
                TestcontainersBackend.PROMETHEUS_IMAGE, HOST, "172.17.0.3"));
        JsonNode deployment = kind(docs, "Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(container.path("image").asText()).isEqualTo(TestcontainersBackend.PROMETHEUS_IMAGE);
        assertThat(StreamSupport.stream(container.path("args").spliterator(), false).map(JsonNode::asText))
                .contains("--enable-feature=agent", "--config.file=/etc/prometheus/prometheus.yml",
                        "--web.listen-address=0.0.0.0:9090", "--web.enable-lifecycle",
                        "--storage.remote.flush-deadline=10s");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/-/ready");
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/etc/prometheus");
        assertThat(pod.at("/volumes/0/configMap/name").asText()).isEqualTo(AgentManifests.NAME);

        // the selector must pick the pod template, and the template carries the edge's labels
        deployment.at("/spec/selector/matchLabels").fields().forEachRemaining(e ->
                assertThat(deployment.at("/spec/template/metadata/labels").path(e.getKey()).asText())
                        .isEqualTo(e.getValue().asText()));
        assertThat(deployment.at("/spec/template/metadata/labels/promfleet.io~1cluster").asText())
                .isEqualTo("edge-2");

        // pods do not read the node's /etc/hosts: the test host's name comes as a host alias
        assertThat(pod.at("/hostAliases/0/ip").asText()).isEqualTo("172.17.0.3");
        assertThat(pod.at("/hostAliases/0/hostnames/0").asText()).isEqualTo(HOST);
    }

    @Test
    void theServicePublishesTheAgentOnTheFixedNodePort() throws Exception {
        JsonNode service = kind(parse(AgentManifests.render("edge-1", config(EdgeSpec.of("edge-1")),
                TestcontainersBackend.PROMETHEUS_IMAGE, HOST, "172.17.0.3")), "Service");

        assertThat(service.at("/spec/type").asText()).isEqualTo("NodePort");
        assertThat(service.at("/spec/ports/0/nodePort").asInt()).isEqualTo(AgentManifests.NODE_PORT)
                .isBetween(30000, 32767);
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(AgentManifests.AGENT_PORT);
        assertThat(service.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo(AgentManifests.NAME);
    }

    @Test
    void theConfigMapHoldsTheLocalBackendsConfigurationVerbatim() throws Exception {
        EdgeSpec edge = EdgeSpec.of("edge-3").withTenant("team-a").withHeader("THANOS-TENANT", "spoofed");
        String config = config(edge);
        JsonNode configMap = kind(parse(AgentManifests.render(edge.cluster(), config,
                TestcontainersBackend.PROMETHEUS_IMAGE, HOST, "10.0.0.9")), "ConfigMap");

        String stored = configMap.at("/data/prometheus.yml").asText();
        assertThat(stored).isEqualTo(config);
        JsonNode prometheus = YAML.readTree(stored);
        assertThat(prometheus.at("/global/external_labels/cluster").asText()).isEqualTo("edge-3");
        assertThat(prometheus.at("/remote_write/0/url").asText())
                .isEqualTo("http://" + HOST + ":42000/api/v1/receive");
        assertThat(prometheus.at("/remote_write/0/authorization/credentials").asText()).isEqualTo("token-a");
        assertThat(prometheus.at("/remote_write/0/headers/THANOS-TENANT").asText()).isEqualTo("spoofed");
        assertThat(prometheus.at("/remote_write/0/metadata_config/send").asBoolean(true)).isFalse();
        assertThat(prometheus.at("/scrape_configs").size()).isEqualTo(2);
    }

    @Test
    void theHostAliasAddressIsReadFromTheNodesHostsFile() {
        String hosts = """
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                # host.testcontainers.internal is not this comment
                172.17.0.5\thost.testcontainers.internal
                172.17.0.6\t3f2c1a9b7d10
                """;
        assertThat(EdgeCluster.hostsEntry(hosts, HOST)).isEqualTo("172.17.0.5");
        assertThatThrownBy(() -> EdgeCluster.hostsEntry("127.0.0.1 localhost\n", HOST))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exposeHostPorts");
    }

    @Test
    void everyEdgeGetsItsOwnConfigurationButTheSameObjectNames() throws Exception {
        List<JsonNode> configMaps = new ArrayList<>();
        for (String c : List.of("edge-1", "edge-2")) {
            configMaps.add(kind(parse(AgentManifests.render(c, config(EdgeSpec.of(c)),
                    TestcontainersBackend.PROMETHEUS_IMAGE, HOST, "172.17.0.3")), "ConfigMap"));
        }
        assertThat(configMaps.get(0).path("data")).isNotEqualTo(configMaps.get(1).path("data"));
        assertThat(configMaps).extracting(m -> m.at("/metadata/name").asText()).containsOnly(AgentManifests.NAME);
    }
}
