package io.promfleet.api.topology;

import java.util.Map;
import java.util.Objects;

/**
 * A monitoring workload other than Prometheus and Thanos: an Alertmanager or a Grafana.
 *
 * @param workload  the workload (or operator resource)
 * @param owner     who manages it
 * @param replicas  desired replicas
 * @param resources what one replica requests
 * @param podLabels the labels of its pods
 */
public record MonitoringWorkload(
        WorkloadRef workload, Owner owner, int replicas, Resources resources, Map<String, String> podLabels) {

    public MonitoringWorkload {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(owner, "owner");
        podLabels = Map.copyOf(podLabels);
    }
}
