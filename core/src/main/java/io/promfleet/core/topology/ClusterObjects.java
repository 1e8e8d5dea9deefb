package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One cluster's objects indexed by kind, for the discovery steps. */
final class ClusterObjects {

    private final Map<String, List<KubeObject>> byKind = new HashMap<>();

    ClusterObjects(List<KubeObject> objects) {
        for (KubeObject object : objects) {
            byKind.computeIfAbsent(object.kind(), k -> new ArrayList<>()).add(object);
        }
    }

    List<KubeObject> ofKind(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    Optional<KubeObject> find(String kind, String namespace, String name) {
        return ofKind(kind).stream()
                .filter(o -> Objects.equals(o.namespace(), namespace) && o.name().equals(name))
                .findFirst();
    }

    List<PodTemplate> workloads() {
        int nodes = ofKind("Node").size();
        List<PodTemplate> templates = new ArrayList<>();
        for (String kind : PodTemplate.WORKLOAD_KINDS) {
            for (KubeObject workload : ofKind(kind)) {
                templates.add(PodTemplate.of(workload, nodes));
            }
        }
        return templates;
    }
}
