package io.promfleet.e2e.harness;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Pipeline} runs: the edges, and how often they scrape.
 *
 * @param scrapeInterval the agents' scrape interval for the test target (they scrape themselves 5x slower)
 * @param tls            whether the proxy listens with TLS (a certificate from a CA made for the run) and the
 *                       agents send over https, trusting that CA through {@code tls_config.ca_file}
 */
public record PipelineSpec(List<EdgeSpec> edges, Duration scrapeInterval, boolean tls) {

    public PipelineSpec(List<EdgeSpec> edges, Duration scrapeInterval) {
        this(edges, scrapeInterval, false);
    }

    public PipelineSpec {
        edges = List.copyOf(edges);
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        if (edges.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one edge");
        }
        if (new HashSet<>(edges.stream().map(EdgeSpec::cluster).toList()).size() != edges.size()) {
            throw new IllegalArgumentException("edges need distinct cluster labels: " + edges);
        }
        long withTenant = edges.stream().filter(e -> e.tenant() != null).count();
        if (withTenant != 0 && withTenant != edges.size()) {
            throw new IllegalArgumentException("either every edge has a tenant (proxy auth on) or none does");
        }
    }

    /** {@code n} edges named {@code edge-1..n}, no auth, scraping every second. */
    public static PipelineSpec edges(int n) {
        return new PipelineSpec(java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> EdgeSpec.of("edge-" + i))
                .toList(), Duration.ofSeconds(1));
    }

    public static PipelineSpec of(EdgeSpec... edges) {
        return new PipelineSpec(List.of(edges), Duration.ofSeconds(1));
    }

    /** The same pipeline with the agents writing to the proxy over https. */
    public PipelineSpec withTls() {
        return new PipelineSpec(edges, scrapeInterval, true);
    }

    public boolean authEnabled() {
        return edges.get(0).tenant() != null;
    }
}
