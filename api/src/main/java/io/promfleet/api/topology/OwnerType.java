package io.promfleet.api.topology;

/** Who manages a monitoring component, which decides how it must be changed. */
public enum OwnerType {
    /**
     * A Prometheus Operator resource ({@code Prometheus}, {@code PrometheusAgent}, {@code Alertmanager},
     * {@code ThanosRuler}). Change that resource: the operator recreates a workload deleted under it.
     */
    OPERATOR,
    /** A Helm release without an operator in between. Change the release's values. */
    HELM,
    /** A workload applied directly. Change it directly. */
    PLAIN
}
