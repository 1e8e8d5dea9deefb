package io.promfleet.e2e.harness;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A running pipeline: edge Prometheus agents → the promfleet receiver-proxy → Thanos Receive → a MinIO
 * bucket, with Thanos Query over Receive and a second Thanos Query over a Thanos Store that reads the
 * bucket. Obtained from {@link PipelineExtension}; closed by it.
 */
public interface Pipeline extends AutoCloseable {

    /** Receive's default tenant label (its {@code --receive.tenant-label-name}). */
    String TENANT_LABEL = "tenant_id";

    /** Receive's external label, set on every block it uploads. */
    String REPLICA_LABEL = "receive_replica";

    /** The bucket Receive uploads to. */
    String BUCKET = "promfleet-e2e";

    PipelineSpec spec();

    List<EdgeAgent> edges();

    default EdgeAgent edge(String cluster) {
        return edges().stream().filter(e -> e.cluster().equals(cluster)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no edge " + cluster));
    }

    /** The target every agent scrapes (each at its own path), which counts the scrapes it serves. */
    ScrapeTarget target();

    /** The proxy's base URL ({@code /api/v1/receive}, {@code /metrics}, {@code /-/ready}). */
    URI proxyUrl();

    /** The CA the proxy's certificate comes from, when the agents write over https ({@link PipelineSpec#tls()}). */
    default Optional<ProxyCertificates> proxyCertificates() {
        return Optional.empty();
    }

    /**
     * The command line a component runs with, program first, when the backend knows it: {@code thanos-receive},
     * {@code thanos-query}, {@code thanos-store}, {@code agent-CLUSTER}. For describing the running pipeline (for
     * example as Kubernetes objects), not for starting it again.
     */
    default Optional<List<String>> commandLine(String component) {
        return Optional.empty();
    }

    /** The proxy's own metrics, scraped now. */
    MetricsText proxyMetrics();

    /** Closes the proxy gracefully (agents get refused connections meanwhile). */
    void stopProxy();

    /** Starts a new proxy on the same port and configuration. */
    void startProxy();

    /** SIGTERM to Receive, waiting until it has flushed and uploaded its head block and exited. */
    void stopReceive();

    void startReceive();

    boolean receiveRunning();

    /** Thanos Query in front of Receive. */
    PromClient query();

    /** Thanos Query in front of Thanos Store (the bucket only). */
    PromClient bucketQuery();

    BucketReader bucket();

    /** Every component's log tail, for a failure report. */
    String diagnostics();

    @Override
    void close();
}
