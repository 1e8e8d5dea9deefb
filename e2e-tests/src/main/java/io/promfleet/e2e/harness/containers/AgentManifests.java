package io.promfleet.e2e.harness.containers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kubernetes objects that run one edge agent inside its k3s cluster, as YAML for {@code kubectl apply}:
 * a Namespace, a ConfigMap holding the {@code prometheus.yml} that {@link io.promfleet.e2e.harness.AgentConfig}
 * renders (the same file, with the same {@code cluster} external label and remote-write URL scheme, as the
 * local backend's), a Deployment running {@code prometheus --enable-feature=agent} with it, and a NodePort
 * Service on a fixed node port, which the k3s container publishes to the test JVM.
 * <p>
 * Kept free of Docker so that a unit test can parse what it renders on machines without a Docker engine.
 */
final class AgentManifests {

    static final String NAMESPACE = "promfleet-edge";
    static final String NAME = "prometheus-agent";
    static final int AGENT_PORT = 9090;
    /** In k3s's default NodePort range (30000-32767); one agent per cluster, so it never collides. */
    static final int NODE_PORT = 30090;
    static final String CONFIG_DIR = "/etc/prometheus";

    /** The agent's command line after the program, as the local backend runs it (paths inside the pod). */
    static final List<String> AGENT_ARGS = List.of(
            "--enable-feature=agent",
            "--config.file=" + CONFIG_DIR + "/prometheus.yml",
            "--storage.agent.path=/prometheus",
            "--web.listen-address=0.0.0.0:" + AGENT_PORT,
            "--web.enable-lifecycle",
            "--storage.remote.flush-deadline=10s");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private AgentManifests() {
    }

    /**
     * @param cluster        the edge's {@code cluster} external label
     * @param prometheusYml  the agent's configuration
     * @param image          the Prometheus image
     * @param hostAlias      the name the configuration uses for the test host ({@code host.testcontainers.internal})
     * @param hostAliasIp    the address Docker gave that name in the k3s container; pods do not read the node's
     *                       {@code /etc/hosts} (cluster DNS answers them), so the pod gets it as a {@code hostAliases}
     *                       entry
     */
    static String render(String cluster, String prometheusYml, String image, String hostAlias, String hostAliasIp) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(prometheusYml, "prometheusYml");
        Map<String, Object> labels = map(
                "app.kubernetes.io/name", NAME,
                "app.kubernetes.io/part-of", "promfleet-e2e",
                "promfleet.io/cluster", cluster);
        Map<String, Object> selector = map("app.kubernetes.io/name", NAME);

        Map<String, Object> namespace = map("apiVersion", "v1", "kind", "Namespace",
                "metadata", map("name", NAMESPACE, "labels", labels));

        Map<String, Object> configMap = map("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", metadata(labels),
                "data", map("prometheus.yml", prometheusYml));

        Map<String, Object> container = map(
                "name", "prometheus",
                "image", image,
                "imagePullPolicy", "IfNotPresent",
                "args", AGENT_ARGS,
                "ports", List.of(map("name", "web", "containerPort", AGENT_PORT)),
                "readinessProbe", map("httpGet", map("path", "/-/ready", "port", "web"),
                        "periodSeconds", 2, "failureThreshold", 60),
                "volumeMounts", List.of(
                        map("name", "config", "mountPath", CONFIG_DIR, "readOnly", true),
                        map("name", "wal", "mountPath", "/prometheus")));
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("hostAliases", List.of(map("ip", hostAliasIp, "hostnames", List.of(hostAlias))));
        // SIGTERM lets the agent flush its queue (within its flush deadline) before the pod goes away
        podSpec.put("terminationGracePeriodSeconds", 30);
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", List.of(
                map("name", "config", "configMap", map("name", NAME)),
                map("name", "wal", "emptyDir", map())));
        Map<String, Object> deployment = map("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", metadata(labels),
                "spec", map(
                        "replicas", 1,
                        // never two pods with the same cluster label writing at once
                        "strategy", map("type", "Recreate"),
                        "selector", map("matchLabels", selector),
                        "template", map("metadata", map("labels", labels), "spec", podSpec)));

        Map<String, Object> service = map("apiVersion", "v1", "kind", "Service",
                "metadata", metadata(labels),
                "spec", map("type", "NodePort", "selector", selector,
                        "ports", List.of(map("name", "web", "port", AGENT_PORT, "targetPort", "web",
                                "nodePort", NODE_PORT))));

        StringBuilder out = new StringBuilder();
        for (Map<String, Object> doc : List.of(namespace, configMap, deployment, service)) {
            try {
                out.append(YAML.writeValueAsString(doc)); // each starts with its own "---"
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    private static Map<String, Object> metadata(Map<String, Object> labels) {
        return map("name", NAME, "namespace", NAMESPACE, "labels", labels);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
