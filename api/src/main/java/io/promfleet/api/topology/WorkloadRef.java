package io.promfleet.api.topology;

import java.util.Objects;

/** A workload (StatefulSet, Deployment, DaemonSet, or an operator resource with none found). */
public record WorkloadRef(String kind, String namespace, String name) {
    public WorkloadRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}
