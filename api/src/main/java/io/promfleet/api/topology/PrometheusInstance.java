package io.promfleet.api.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * One Prometheus found in a cluster.
 *
 * @param workload      its workload, or the operator resource when the snapshot has no workload for it
 * @param owner         who manages it
 * @param mode          agent or full server
 * @param replicas      desired replicas
 * @param resources     what one replica requests, over all its containers
 * @param storageBytes  persistent storage of one replica (volume claim template or the operator's storage spec)
 * @param retention     TSDB retention, or {@code null} when unset (Prometheus' default is 15d) or an agent
 * @param flags         the Prometheus container's command-line flags
 * @param config        its configuration
 */
public record PrometheusInstance(
        WorkloadRef workload,
        Owner owner,
        PrometheusMode mode,
        int replicas,
        Resources resources,
        long storageBytes,
        Duration retention,
        Flags flags,
        PrometheusConfig config) {

    public PrometheusInstance {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(config, "config");
    }

    public boolean isAgent() {
        return mode == PrometheusMode.AGENT;
    }
}
