package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.Flags;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.api.topology.WorkloadRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds Thanos components by the subcommand their container starts ({@code thanos receive}, ...), plus
 * what operator resources imply when the snapshot lacks their workloads: a {@code Prometheus} with
 * {@code spec.thanos} runs a sidecar, a {@code ThanosRuler} runs {@code thanos rule}.
 */
final class ThanosDiscovery {

    private final ClusterObjects objects;

    ThanosDiscovery(ClusterObjects objects) {
        this.objects = objects;
    }

    List<ThanosComponent> discover() {
        List<ThanosComponent> found = new ArrayList<>();
        Set<String> coveredResources = new HashSet<>();
        for (PodTemplate pod : objects.workloads()) {
            for (Node container : pod.containers()) {
                List<String> words = PodTemplate.commandLine(container);
                if (!runsThanos(container, words)) {
                    continue;
                }
                Flags flags = Flags.parse(words);
                ThanosRole role = flags.positional().stream().map(ThanosRole::ofSubcommand)
                        .filter(r -> r != null).findFirst().orElse(null);
                if (role == null) {
                    continue;
                }
                found.add(new ThanosComponent(pod.ref(), container.get("name").text(null), role, pod.replicas(),
                        flags, pod.podLabels()));
                Ownership.operatorController(pod.workload())
                        .ifPresent(ref -> coveredResources.add(ref.kind() + "/" + pod.workload().namespace() + "/" + ref.name()));
            }
        }
        for (KubeObject prometheus : objects.ofKind("Prometheus")) {
            if (prometheus.at("spec", "thanos").isObject() && !coveredResources.contains(prometheus.ref())) {
                found.add(fromResource(prometheus, ThanosRole.SIDECAR, "thanos-sidecar"));
            }
        }
        for (KubeObject ruler : objects.ofKind("ThanosRuler")) {
            if (!coveredResources.contains(ruler.ref())) {
                found.add(fromResource(ruler, ThanosRole.RULER, "thanos-ruler"));
            }
        }
        return found;
    }

    private static boolean runsThanos(Node container, List<String> words) {
        if (ImageName.program(container.get("image").text("")).equals("thanos")) {
            return true;
        }
        return !words.isEmpty() && ImageName.commandName(words.get(0)).equals("thanos");
    }

    private static ThanosComponent fromResource(KubeObject resource, ThanosRole role, String container) {
        return new ThanosComponent(new WorkloadRef(resource.kind(), resource.namespace(), resource.name()),
                container, role, resource.at("spec", "replicas").asInt(1), Flags.parse(List.of(role.subcommand())),
                Map.of());
    }
}
