package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.model.SourceLocation;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.Flags;
import io.promfleet.api.topology.PrometheusConfig;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.PrometheusMode;
import io.promfleet.api.topology.WorkloadRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every Prometheus of a cluster: containers running the prometheus binary, and Prometheus
 * Operator {@code Prometheus}/{@code PrometheusAgent} resources (merged with the StatefulSets they
 * control, or standing alone when the snapshot has none).
 */
final class PrometheusDiscovery {

    private final ClusterObjects objects;
    private final PrometheusConfigParser parser;

    PrometheusDiscovery(ClusterObjects objects, PrometheusConfigParser parser) {
        this.objects = objects;
        this.parser = parser;
    }

    List<PrometheusInstance> discover() {
        List<PrometheusInstance> found = new ArrayList<>();
        Set<String> resourcesWithWorkload = new HashSet<>();
        for (PodTemplate pod : objects.workloads()) {
            for (Node container : pod.containers()) {
                if (!isPrometheus(container)) {
                    continue;
                }
                Flags flags = Flags.parse(PodTemplate.commandLine(container));
                Optional<KubeObject> resource = Ownership.operatorController(pod.workload())
                        .filter(ref -> ref.kind().equals("Prometheus") || ref.kind().equals("PrometheusAgent"))
                        .flatMap(ref -> objects.find(ref.kind(), pod.workload().namespace(), ref.name()));
                resource.ifPresent(r -> resourcesWithWorkload.add(r.ref()));
                found.add(fromWorkload(pod, flags, resource.orElse(null)));
            }
        }
        for (String kind : List.of("Prometheus", "PrometheusAgent")) {
            for (KubeObject resource : objects.ofKind(kind)) {
                if (!resourcesWithWorkload.contains(resource.ref())) {
                    found.add(fromResource(resource));
                }
            }
        }
        return found;
    }

    /** The prometheus binary, not the operator, its config reloader, or an exporter named after it. */
    static boolean isPrometheus(Node container) {
        String program = ImageName.program(container.get("image").text(""));
        List<String> command = container.get("command").textElements();
        boolean binary = !command.isEmpty() && ImageName.commandName(command.get(0)).equals("prometheus");
        return program.equals("prometheus") || binary;
    }

    private PrometheusInstance fromWorkload(PodTemplate pod, Flags flags, KubeObject resource) {
        KubeObject workload = pod.workload();
        boolean agent = isAgent(flags) || (resource != null && resource.kind().equals("PrometheusAgent"));
        PrometheusConfig config;
        if (resource != null) {
            config = OperatorSpecReader.config(resource);
        } else if (Ownership.operatorController(workload).isPresent()) {
            var ref = Ownership.operatorController(workload).get();
            config = PrometheusConfig.unreadable(new ConfigSource(ref.kind(), workload.namespace(), ref.name(), null),
                    workload.ref() + " is controlled by " + ref.kind() + "/" + ref.name()
                            + ", which the snapshot does not contain");
        } else {
            config = configFromFile(pod, flags);
        }
        long storage = pod.claimTemplateBytes();
        for (String claim : pod.claimNames()) {
            storage += objects.find("PersistentVolumeClaim", workload.namespace(), claim)
                    .map(pvc -> PodTemplate.bytes(pvc.at("spec", "resources", "requests", "storage"))).orElse(0L);
        }
        Duration retention = agent ? null : retention(flags, resource);
        return new PrometheusInstance(pod.ref(), Ownership.of(workload, resource),
                agent ? PrometheusMode.AGENT : PrometheusMode.SERVER, pod.replicas(), pod.resources(), storage,
                retention, flags, config);
    }

    private static PrometheusInstance fromResource(KubeObject resource) {
        boolean agent = resource.kind().equals("PrometheusAgent");
        int replicas = resource.at("spec", "replicas").asInt(1) * Math.max(1, resource.at("spec", "shards").asInt(1));
        return new PrometheusInstance(new WorkloadRef(resource.kind(), resource.namespace(), resource.name()),
                Ownership.of(resource, resource), agent ? PrometheusMode.AGENT : PrometheusMode.SERVER, replicas,
                PodTemplate.resourcesOf(resource.at("spec", "resources")), OperatorSpecReader.storageBytes(resource),
                agent ? null : retention(Flags.parse(List.of()), resource), Flags.parse(List.of()),
                OperatorSpecReader.config(resource));
    }

    /** Agent mode is {@code --enable-feature=agent} (Prometheus 2.x) or {@code --agent} (3.x). */
    static boolean isAgent(Flags flags) {
        if (flags.first("agent").map("true"::equals).orElse(false)) {
            return true;
        }
        return flags.all("enable-feature").stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(f -> f.trim().equals("agent"));
    }

    private static Duration retention(Flags flags, KubeObject resource) {
        Optional<String> text = flags.first("storage.tsdb.retention.time").or(() -> flags.first("storage.tsdb.retention"));
        if (text.isEmpty() && resource != null) {
            text = resource.at("spec", "retention").text();
        }
        try {
            return text.map(PromDuration::parse).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Finds the file {@code --config.file} names among the container's volume mounts, and reads it from
     * the ConfigMap behind that volume.
     */
    private PrometheusConfig configFromFile(PodTemplate pod, Flags flags) {
        KubeObject workload = pod.workload();
        Optional<String> file = flags.first("config.file");
        String path = file.orElse("prometheus.yml");
        Node container = pod.containers().stream().filter(PrometheusDiscovery::isPrometheus).findFirst()
                .orElse(Node.missing());
        Node bestMount = Node.missing();
        String bestPath = "";
        for (Node mount : container.get("volumeMounts").elements()) {
            String mountPath = mount.get("mountPath").text("");
            String subPath = mount.get("subPath").text(null);
            boolean matches = subPath != null ? path.equals(mountPath)
                    : path.startsWith(mountPath.endsWith("/") ? mountPath : mountPath + "/");
            if (matches && mountPath.length() > bestPath.length()) {
                bestMount = mount;
                bestPath = mountPath;
            }
        }
        WorkloadRef ref = pod.ref();
        if (bestMount.isMissing()) {
            return PrometheusConfig.unreadable(null, ref + ": no volume mount holds --config.file=" + path);
        }
        String volumeName = bestMount.get("name").text("");
        Node volume = pod.volume(volumeName).orElse(Node.missing());
        String key = bestMount.get("subPath").text(null);
        if (key == null) {
            key = path.substring(bestPath.length()).replaceFirst("^/", "");
        }
        Node configMap = volume.get("configMap");
        if (configMap.isMissing()) {
            String kind = volume.get("secret").isObject() ? "Secret " + volume.path("secret", "secretName").text("")
                    : "volume " + volumeName;
            return PrometheusConfig.unreadable(null, ref + ": --config.file=" + path + " comes from " + kind
                    + ", which promfleet does not read");
        }
        String configMapName = configMap.get("name").text("");
        // A configMap volume may map keys to other file names through `items`.
        for (Node item : configMap.get("items").elements()) {
            if (key.equals(item.get("path").text(null))) {
                key = item.get("key").text(key);
            }
        }
        ConfigSource source = new ConfigSource("ConfigMap", workload.namespace(), configMapName, key);
        Optional<KubeObject> cm = objects.find("ConfigMap", workload.namespace(), configMapName);
        if (cm.isEmpty()) {
            return PrometheusConfig.unreadable(source, ref + ": ConfigMap " + workload.namespace() + "/"
                    + configMapName + " holding --config.file is not in the snapshot");
        }
        Optional<String> text = cm.get().at("data", key).text();
        if (text.isEmpty()) {
            SourceLocation at = cm.get().source();
            return PrometheusConfig.unreadable(source, at + ": ConfigMap " + configMapName + " has no key '" + key + "'");
        }
        return parser.parse(text.get(), source);
    }
}
