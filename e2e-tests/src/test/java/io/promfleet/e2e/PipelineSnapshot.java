package io.promfleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.promfleet.e2e.harness.EdgeAgent;
import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.ProxyCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running local pipeline written as an offline fleet snapshot (design.md, "Fleet input"): what
 * {@code kubectl get -A -o yaml} would show if each component ran in Kubernetes the way it runs here.
 *
 * <p>Each edge is a cluster holding a {@code prometheus-agent} StatefulSet and the ConfigMap it mounts,
 * which holds the agent's configuration file read from disk, exactly as the harness (or a test) wrote it.
 * The central cluster ({@value #CENTRAL}, domain {@value #CENTRAL_DOMAIN}: the seed fleet's central) holds
 * the receiver-proxy Deployment behind a LoadBalancer Service whose address is the one the agents really
 * send to (127.0.0.1 and the proxy's port), and Thanos Receive, Query and Store with the flags they really
 * run with. Only file paths are mapped to where a pod would mount them; addresses and ports are the
 * processes' own, so a URL in an agent's configuration matches the snapshot exactly when it reaches the
 * running proxy.
 */
final class PipelineSnapshot {

    static final String CENTRAL = "cluster-01";
    static final String CENTRAL_DOMAIN = "cluster-01.local";
    static final String NAMESPACE = "monitoring";
    static final String AGENT_CONFIG_MAP = "prometheus-agent-config";

    /** The images of the versions the pipeline runs (scripts/install-test-binaries.sh pins Thanos). */
    private static final String THANOS_IMAGE = "quay.io/thanos/thanos:v0.42.4";
    private static final String PROXY_IMAGE = "ghcr.io/promfleet/promfleet:0.1.0-SNAPSHOT";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineSnapshot() {
    }

    /** Writes {@code fleet.yaml} and one directory per cluster under {@code dir}; returns the fleet file. */
    static Path write(Pipeline pipeline, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Object> clusters = new ArrayList<>();
            clusters.add(map("name", CENTRAL, "role", "central", "snapshot", CENTRAL, "domain", CENTRAL_DOMAIN));
            writeList(dir.resolve(CENTRAL), central(pipeline));
            for (EdgeAgent edge : pipeline.edges()) {
                clusters.add(map("name", edge.cluster(), "role", "edge", "snapshot", edge.cluster(),
                        "domain", edge.cluster() + ".local"));
                writeList(dir.resolve(edge.cluster()), edge(edge));
            }
            Path fleet = dir.resolve("fleet.yaml");
            YAML.writeValue(fleet.toFile(), map("name", "e2e-pipeline", "clusters", clusters));
            return fleet;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot under " + dir, e);
        }
    }

    private static void writeList(Path clusterDir, List<Object> items) throws IOException {
        Files.createDirectories(clusterDir);
        YAML.writeValue(clusterDir.resolve("objects.yaml").toFile(),
                map("apiVersion", "v1", "kind", "List", "items", items, "metadata", map("resourceVersion", "")));
    }

    private static List<Object> edge(EdgeAgent edge) throws IOException {
        Path configFile = edge.configFile().orElseThrow(() -> new IllegalStateException(
                "the backend does not keep " + edge.cluster() + "'s configuration on this machine"));
        List<String> args = new ArrayList<>(List.of("--enable-feature=agent",
                "--config.file=/etc/prometheus/prometheus.yml", "--storage.agent.path=/prometheus",
                "--web.listen-address=" + edge.url().getHost() + ":" + edge.url().getPort(), "--web.enable-lifecycle"));
        Map<String, Object> container = map("name", "prometheus", "image", "quay.io/prometheus/prometheus:" + version(edge),
                "args", args,
                "ports", List.of(map("name", "web", "containerPort", edge.url().getPort())),
                "volumeMounts", List.of(map("name", "config", "mountPath", "/etc/prometheus"),
                        map("name", "data", "mountPath", "/prometheus")));
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "prometheus-agent");
        Map<String, Object> statefulSet = workload("StatefulSet", "prometheus-agent", labels, container,
                List.of(map("name", "config", "configMap", map("name", AGENT_CONFIG_MAP))));
        ((Map<String, Object>) statefulSet.get("spec")).put("volumeClaimTemplates", List.of(map(
                "metadata", map("name", "data"),
                "spec", map("accessModes", List.of("ReadWriteOnce"), "resources", map("requests", map("storage", "5Gi"))))));
        return List.of(
                object("v1", "ConfigMap", AGENT_CONFIG_MAP, Map.of(), "data",
                        map("prometheus.yml", Files.readString(configFile))),
                statefulSet,
                pod(statefulSet, "prometheus-agent-0"));
    }

    private static List<Object> central(Pipeline pipeline) throws IOException {
        List<Object> items = new ArrayList<>();
        int proxyPort = pipeline.proxyUrl().getPort();
        List<String> receive = command(pipeline, "thanos-receive");
        String objstore = Files.readString(Path.of(flag(receive, "objstore.config-file")));
        // in a cluster the bucket's credentials live in a Secret, never in a ConfigMap
        items.add(object("v1", "Secret", "thanos-objstore", Map.of(), "type", "Opaque",
                "data", map("objstore.yaml", base64(objstore))));

        List<String> proxyArgs = new ArrayList<>(List.of("proxy", "--listen=127.0.0.1:" + proxyPort,
                "--upstream=http://" + flag(receive, "remote-write.address") + "/api/v1/receive"));
        List<Object> proxyVolumes = new ArrayList<>();
        List<Object> proxyMounts = new ArrayList<>();
        if (pipeline.proxyCertificates().isPresent()) {
            ProxyCertificates tls = pipeline.proxyCertificates().get();
            items.add(object("v1", "Secret", "promfleet-receiver-proxy-tls", Map.of(), "type", "kubernetes.io/tls",
                    "data", map("tls.crt", base64(Files.readString(tls.cert())), "tls.key",
                            base64(Files.readString(tls.key())))));
            proxyArgs.addAll(List.of("--tls-cert=/etc/promfleet/tls/tls.crt", "--tls-key=/etc/promfleet/tls/tls.key"));
            proxyVolumes.add(map("name", "tls", "secret", map("secretName", "promfleet-receiver-proxy-tls")));
            proxyMounts.add(map("name", "tls", "mountPath", "/etc/promfleet/tls", "readOnly", true));
        }
        Map<String, String> proxyLabels = Map.of("app.kubernetes.io/name", "promfleet-receiver-proxy");
        Map<String, Object> proxy = workload("Deployment", "promfleet-receiver-proxy", proxyLabels,
                map("name", "proxy", "image", PROXY_IMAGE, "args", proxyArgs,
                        "ports", List.of(map("name", "remote-write", "containerPort", proxyPort)),
                        "volumeMounts", proxyMounts),
                proxyVolumes);
        items.add(proxy);
        items.add(pod(proxy, "promfleet-receiver-proxy-7d9c5b6f4-x2x7q"));
        // the address the agents send to: the LoadBalancer's, which here is the proxy's own loopback port
        items.add(object("v1", "Service", "promfleet-receiver-proxy", Map.of(),
                "spec", map("type", "LoadBalancer", "selector", proxyLabels,
                        "ports", List.of(map("name", "remote-write", "port", proxyPort, "targetPort", proxyPort, "protocol", "TCP")),
                        // no NodePorts: the pipeline has no nodes, only this address
                        "allocateLoadBalancerNodePorts", false),
                "status", map("loadBalancer", map("ingress", List.of(map("ip", "127.0.0.1"))))));

        items.addAll(thanos(pipeline, "thanos-receive", "StatefulSet"));
        items.addAll(thanos(pipeline, "thanos-store", "StatefulSet"));
        items.addAll(thanos(pipeline, "thanos-query", "Deployment"));
        items.addAll(thanos(pipeline, "thanos-query-bucket", "Deployment"));
        return items;
    }

    /** A Thanos component as its workload, a running pod and a ClusterIP Service over its ports. */
    private static List<Object> thanos(Pipeline pipeline, String component, String kind) {
        List<String> command = command(pipeline, component);
        List<String> args = new ArrayList<>();
        List<Object> mounts = new ArrayList<>();
        List<Object> volumes = new ArrayList<>();
        for (String word : command.subList(1, command.size())) {
            if (word.startsWith("--objstore.config-file=")) {
                args.add("--objstore.config-file=/etc/thanos/objstore.yaml");
                mounts.add(map("name", "objstore", "mountPath", "/etc/thanos", "readOnly", true));
                volumes.add(map("name", "objstore", "secret", map("secretName", "thanos-objstore")));
            } else if (word.startsWith("--tsdb.path=") || word.startsWith("--data-dir=")) {
                args.add(word.substring(0, word.indexOf('=') + 1) + "/var/thanos/data");
                mounts.add(map("name", "data", "mountPath", "/var/thanos/data"));
                volumes.add(map("name", "data", "emptyDir", map()));
            } else {
                args.add(word);
            }
        }
        List<Object> ports = new ArrayList<>();
        List<Object> servicePorts = new ArrayList<>();
        for (String[] p : new String[][] {{"http", "http-address"}, {"grpc", "grpc-address"},
                {"remote-write", "remote-write.address"}}) {
            String address = flagOrNull(command, p[1]);
            if (address != null) {
                int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                ports.add(map("name", p[0], "containerPort", port));
                servicePorts.add(map("name", p[0], "port", port, "targetPort", p[0]));
            }
        }
        Map<String, String> labels = Map.of("app.kubernetes.io/name", component);
        Map<String, Object> workload = workload(kind, component, labels,
                map("name", "thanos", "image", THANOS_IMAGE, "args", args, "ports", ports, "volumeMounts", mounts),
                volumes);
        return List.of(workload,
                pod(workload, component + (kind.equals("StatefulSet") ? "-0" : "-5f6b7c8d9-abcde")),
                object("v1", "Service", component, Map.of(),
                        "spec", map("type", "ClusterIP", "selector", labels, "ports", servicePorts)));
    }

    private static Map<String, Object> workload(String kind, String name, Map<String, String> labels,
                                                Map<String, Object> container, List<Object> volumes) {
        Map<String, Object> spec = map("replicas", 1, "selector", map("matchLabels", labels),
                "template", map("metadata", map("labels", labels),
                        "spec", map("containers", List.of(container), "volumes", volumes)));
        if (kind.equals("StatefulSet")) {
            spec.put("serviceName", name);
        }
        return object("apps/v1", kind, name, labels, "spec", spec,
                "status", map("replicas", 1, "readyReplicas", 1, "availableReplicas", 1));
    }

    /** The workload's one pod, running and ready, as the pipeline's process is. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> pod(Map<String, Object> workload, String name) {
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) workload.get("spec")).get("template");
        Map<String, Object> metadata = (Map<String, Object>) template.get("metadata");
        Map<String, Object> spec = (Map<String, Object>) template.get("spec");
        Map<String, Object> owner = (Map<String, Object>) workload.get("metadata");
        Map<String, Object> pod = object("v1", "Pod", name, (Map<String, String>) metadata.get("labels"),
                "spec", spec,
                "status", map("phase", "Running", "containerStatuses", ((List<Map<String, Object>>) spec.get("containers"))
                        .stream().map(c -> map("name", c.get("name"), "image", c.get("image"), "ready", true,
                                "restartCount", 0, "state", map("running", map("startedAt", "2026-01-01T00:00:00Z"))))
                        .toList()));
        ((Map<String, Object>) pod.get("metadata")).put("ownerReferences", List.of(map("apiVersion", "apps/v1",
                "kind", workload.get("kind").equals("Deployment") ? "ReplicaSet" : workload.get("kind"),
                "name", owner.get("name"), "controller", true)));
        return pod;
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, Map<String, String> labels,
                                              Object... fields) {
        Map<String, Object> metadata = map("name", name, "namespace", NAMESPACE);
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        Map<String, Object> o = map("apiVersion", apiVersion, "kind", kind, "metadata", metadata);
        o.putAll(map(fields));
        return o;
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static List<String> command(Pipeline pipeline, String component) {
        return pipeline.commandLine(component).orElseThrow(() -> new IllegalStateException(
                "the backend does not tell how " + component + " runs"));
    }

    private static String flag(List<String> command, String name) {
        String value = flagOrNull(command, name);
        if (value == null) {
            throw new IllegalStateException(command.get(0) + " runs without --" + name + ": " + command);
        }
        return value;
    }

    private static String flagOrNull(List<String> command, String name) {
        return command.stream().filter(w -> w.startsWith("--" + name + "=")).findFirst()
                .map(w -> w.substring(name.length() + 3)).orElse(null);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The agent's own version ({@code /api/v1/status/buildinfo}), as an image tag: {@code 2.42.0+ds} → {@code v2.42.0}. */
    private static String version(EdgeAgent edge) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    edge.url().resolve(URI.create("/api/v1/status/buildinfo"))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode version = JSON.readTree(r.body()).path("data").path("version");
            if (r.statusCode() != 200 || !version.isTextual()) {
                throw new IllegalStateException(edge.cluster() + "'s buildinfo: HTTP " + r.statusCode() + " " + r.body());
            }
            return "v" + version.asText().replaceAll("[+-].*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
