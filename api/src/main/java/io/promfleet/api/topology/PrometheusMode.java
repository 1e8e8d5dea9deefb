package io.promfleet.api.topology;

/** Whether a Prometheus stores and evaluates (server) or only scrapes and forwards (agent). */
public enum PrometheusMode {
    /** {@code --enable-feature=agent}, {@code --agent}, or a {@code PrometheusAgent} resource. */
    AGENT,
    /** A full server: local TSDB, rule evaluation, query API. */
    SERVER
}
