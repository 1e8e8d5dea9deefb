package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.MonitoringWorkload;
import io.promfleet.api.topology.WorkloadRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds Alertmanagers and Grafanas, by image or operator resource. */
final class MonitoringWorkloadDiscovery {

    private final ClusterObjects objects;

    MonitoringWorkloadDiscovery(ClusterObjects objects) {
        this.objects = objects;
    }

    List<MonitoringWorkload> alertmanagers() {
        List<MonitoringWorkload> found = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (PodTemplate pod : objects.workloads()) {
            if (runs(pod, "alertmanager")) {
                KubeObject resource = Ownership.operatorController(pod.workload())
                        .flatMap(ref -> objects.find(ref.kind(), pod.workload().namespace(), ref.name()))
                        .orElse(null);
                if (resource != null) {
                    covered.add(resource.ref());
                }
                found.add(new MonitoringWorkload(pod.ref(), Ownership.of(pod.workload(), resource), pod.replicas(),
                        pod.resources(), pod.podLabels()));
            }
        }
        for (KubeObject resource : objects.ofKind("Alertmanager")) {
            if (!covered.contains(resource.ref())) {
                found.add(new MonitoringWorkload(new WorkloadRef(resource.kind(), resource.namespace(), resource.name()),
                        Ownership.of(resource, resource), resource.at("spec", "replicas").asInt(1),
                        PodTemplate.resourcesOf(resource.at("spec", "resources")), Map.of()));
            }
        }
        return found;
    }

    List<MonitoringWorkload> grafanas() {
        List<MonitoringWorkload> found = new ArrayList<>();
        for (PodTemplate pod : objects.workloads()) {
            if (runs(pod, "grafana")) {
                found.add(new MonitoringWorkload(pod.ref(), Ownership.of(pod.workload(), null), pod.replicas(),
                        pod.resources(), pod.podLabels()));
            }
        }
        return found;
    }

    private static boolean runs(PodTemplate pod, String program) {
        for (Node container : pod.containers()) {
            if (ImageName.program(container.get("image").text("")).equals(program)) {
                return true;
            }
        }
        return false;
    }
}
