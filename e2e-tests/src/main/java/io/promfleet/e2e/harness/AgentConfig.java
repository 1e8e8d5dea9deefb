package io.promfleet.e2e.harness;

import java.time.Duration;

/** The {@code prometheus.yml} of an edge agent, the same for every backend. */
public final class AgentConfig {

    private AgentConfig() {
    }

    /**
     * @param target   host:port of the {@link ScrapeTarget} as the agent reaches it
     * @param self     host:port of the agent's own web listener as it reaches itself
     * @param writeUrl the proxy's remote-write URL as the agent reaches it
     * @param token    bearer token, or {@code null}
     */
    public static String render(EdgeSpec edge, Duration scrapeInterval, String target, String self, String writeUrl,
                                String token) {
        return render(edge, scrapeInterval, target, self, writeUrl, token, null);
    }

    /**
     * @param caFile the CA that signed the proxy's certificate, for an https {@code writeUrl}; or {@code null}
     */
    public static String render(EdgeSpec edge, Duration scrapeInterval, String target, String self, String writeUrl,
                                String token, String caFile) {
        StringBuilder rw = new StringBuilder();
        rw.append("  - url: ").append(writeUrl).append("\n    name: central\n");
        if (caFile != null) {
            rw.append("    tls_config:\n      ca_file: ").append(caFile).append('\n');
        }
        if (token != null) {
            rw.append("    authorization:\n      credentials: \"").append(token).append("\"\n");
        }
        if (!edge.extraHeaders().isEmpty()) {
            rw.append("    headers:\n");
            edge.extraHeaders().forEach((k, v) -> rw.append("      ").append(k).append(": \"").append(v).append("\"\n"));
        }
        // Receive does not store metadata; a short batch deadline keeps the tests' waits short.
        rw.append("""
                    metadata_config:
                      send: false
                    queue_config:
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                      max_backoff: 2s
                """);
        long interval = scrapeInterval.toMillis();
        return """
                global:
                  scrape_interval: %dms
                  scrape_timeout: %dms
                  external_labels:
                    cluster: "%s"
                scrape_configs:
                  - job_name: %s
                    metrics_path: /metrics/%s
                    static_configs:
                      - targets: ["%s"]
                  - job_name: prometheus-agent
                    scrape_interval: %dms
                    scrape_timeout: %dms
                    static_configs:
                      - targets: ["%s"]
                remote_write:
                %s""".formatted(interval, interval, edge.cluster(), ScrapeTarget.JOB, edge.cluster(), target,
                interval * 5, interval, self, rw);
    }
}
