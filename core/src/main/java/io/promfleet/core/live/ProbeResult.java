package io.promfleet.core.live;

import java.util.Objects;

/**
 * What one edge agent pod saw when it asked a remote-write endpoint whether it answers.
 *
 * @param cluster   the edge cluster
 * @param namespace the agent pod's namespace
 * @param pod       the agent pod the request was made from
 * @param workload  the agent's workload, {@code Kind/name}, which findings point at
 * @param url       the remote-write URL as configured
 * @param probeUrl  the URL requested: the endpoint's base and {@code /-/ready}
 * @param outcome   what the edge saw
 * @param httpStatus the HTTP status, when there was one, else 0
 * @param detail    the probe's own words (wget's error line), for the evidence
 */
public record ProbeResult(String cluster, String namespace, String pod, String workload, String url, String probeUrl,
        Outcome outcome, int httpStatus, String detail) {

    /** What the edge saw. */
    public enum Outcome {
        /** An HTTP answer that shows the endpoint is there (2xx; 404/405 of a remote-write-only port). */
        OK("ok"),
        DNS("dns"),
        REFUSED("refused"),
        TLS("tls"),
        /** An HTTP answer that says no (401, 403, 5xx, ...). */
        HTTP("http"),
        TIMEOUT("timeout"),
        /** The probe itself could not run (no wget in the image, exec forbidden, ...). */
        OTHER("other");

        private final String id;

        Outcome(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public ProbeResult {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail.strip();
    }

    public boolean answered() {
        return outcome == Outcome.OK;
    }
}
