package io.promfleet.api.topology;

import java.util.Map;
import java.util.Objects;

/**
 * One Thanos component: a container running {@code thanos <subcommand>}.
 *
 * @param workload  the workload holding the container (a sidecar's is its Prometheus)
 * @param container the container's name
 * @param role      which component
 * @param replicas  desired replicas of the workload
 * @param flags     the container's flags
 * @param podLabels the labels of the workload's pods, which Services select
 */
public record ThanosComponent(
        WorkloadRef workload, String container, ThanosRole role, int replicas, Flags flags,
        Map<String, String> podLabels) {

    public ThanosComponent {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(flags, "flags");
        podLabels = Map.copyOf(podLabels);
    }
}
