package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.model.Quantity;
import io.promfleet.api.topology.Resources;
import io.promfleet.api.topology.WorkloadRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A workload's pod template, read the same way for StatefulSets, Deployments and DaemonSets. */
record PodTemplate(KubeObject workload, Node spec, Map<String, String> podLabels, int replicas) {

    static final List<String> WORKLOAD_KINDS = List.of("StatefulSet", "Deployment", "DaemonSet");

    static PodTemplate of(KubeObject workload, int nodeCount) {
        Node template = workload.at("spec", "template");
        int replicas = workload.kind().equals("DaemonSet")
                ? workload.at("status", "desiredNumberScheduled").asInt(Math.max(nodeCount, 1))
                : workload.at("spec", "replicas").asInt(1);
        return new PodTemplate(workload, template.get("spec"), template.path("metadata", "labels").textFields(),
                replicas);
    }

    WorkloadRef ref() {
        return new WorkloadRef(workload.kind(), workload.namespace(), workload.name());
    }

    List<Node> containers() {
        return spec.get("containers").elements();
    }

    Optional<Node> container(String name) {
        return containers().stream().filter(c -> name.equals(c.get("name").text(null))).findFirst();
    }

    /** Command followed by args: the words a container starts with. */
    static List<String> commandLine(Node container) {
        List<String> words = new ArrayList<>(container.get("command").textElements());
        words.addAll(container.get("args").textElements());
        return words;
    }

    /** What one replica requests, summed over its containers; unparsable quantities count as unset. */
    Resources resources() {
        Resources total = Resources.NONE;
        for (Node container : containers()) {
            total = total.plus(resourcesOf(container.get("resources")));
        }
        return total;
    }

    /** Requests and memory limit of one {@code resources} block (a container's or an operator spec's). */
    static Resources resourcesOf(Node resources) {
        return new Resources(
                millis(resources.path("requests", "cpu")),
                bytes(resources.path("requests", "memory")),
                bytes(resources.path("limits", "memory")));
    }

    /** The storage one replica claims through volume claim templates (StatefulSets only). */
    long claimTemplateBytes() {
        long total = 0;
        for (Node claim : workload.at("spec", "volumeClaimTemplates").elements()) {
            total += bytes(claim.path("spec", "resources", "requests", "storage"));
        }
        return total;
    }

    /** The PVC names mounted through {@code persistentVolumeClaim} volumes. */
    List<String> claimNames() {
        List<String> names = new ArrayList<>();
        for (Node volume : spec.get("volumes").elements()) {
            volume.path("persistentVolumeClaim", "claimName").text().ifPresent(names::add);
        }
        return names;
    }

    Optional<Node> volume(String name) {
        return spec.get("volumes").elements().stream()
                .filter(v -> name.equals(v.get("name").text(null))).findFirst();
    }

    static long bytes(Node quantity) {
        return quantity.text().map(q -> {
            try {
                return Quantity.toLong(q);
            } catch (IllegalArgumentException | ArithmeticException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    static long millis(Node quantity) {
        return quantity.text().map(q -> {
            try {
                return Quantity.toMillis(q);
            } catch (IllegalArgumentException | ArithmeticException e) {
                return 0L;
            }
        }).orElse(0L);
    }
}
