package io.promfleet.core.live;

import java.util.Objects;

/**
 * A cluster of the fleet that could not be read at all.
 *
 * @param cluster the fleet file's name of the cluster
 * @param context the kubeconfig context it was read through
 * @param reason  why, classified
 * @param status  the HTTP status the API answered, 0 when it did not answer
 * @param detail  the failure as the client saw it, for the evidence
 */
public record ClusterFailure(String cluster, String context, KubeAccessException.Reason reason, int status,
        String detail) {
    public ClusterFailure {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    static ClusterFailure of(String cluster, String context, KubeAccessException e) {
        return new ClusterFailure(cluster, context, e.reason(), e.status(), e.getMessage());
    }
}
