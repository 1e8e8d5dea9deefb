package io.promfleet.api.topology;

import java.util.Objects;

/**
 * Who manages a component.
 *
 * @param type        operator, Helm or plain
 * @param kind        the owning resource's kind ({@code Prometheus}, ...), {@code HelmRelease} for Helm,
 *                    or the workload's own kind for a plain workload
 * @param namespace   the owner's namespace
 * @param name        the owning resource's name, the Helm release name, or the workload's name
 * @param helmRelease the Helm release that installed the component (or its operator resource), or {@code null}
 */
public record Owner(OwnerType type, String kind, String namespace, String name, String helmRelease) {
    public Owner {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        String base = type == OwnerType.HELM ? "Helm release " + name : kind + "/" + name;
        return helmRelease != null && type != OwnerType.HELM ? base + " (Helm release " + helmRelease + ")" : base;
    }
}
