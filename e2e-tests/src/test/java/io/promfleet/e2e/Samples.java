package io.promfleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.promfleet.e2e.harness.EdgeAgent;
import io.promfleet.e2e.harness.MetricsText;
import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PromClient;
import io.promfleet.e2e.harness.ScrapeTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Counting what an edge scraped against what the pipeline stored. */
final class Samples {

    /** Longer than any test class's pipeline lives: the whole series. */
    static final Duration WHOLE_RUN = Duration.ofHours(1);
    static final Duration DEADLINE = Duration.ofMinutes(3);

    private Samples() {
    }

    static String selector(String cluster) {
        return ScrapeTarget.SCRAPES + "{cluster=\"" + cluster + "\"}";
    }

    /** Every stored sample of the edge's target series; fails unless exactly one series holds them. */
    static List<PromClient.Sample> stored(PromClient query, String cluster) {
        Map<Map<String, String>, List<PromClient.Sample>> series = query.rawSamples(selector(cluster), WHOLE_RUN);
        assertThat(series).as("series of %s", selector(cluster)).hasSizeLessThanOrEqualTo(1);
        return series.isEmpty() ? List.of() : series.values().iterator().next();
    }

    static long maxStored(PromClient query, String cluster) {
        return stored(query, cluster).stream().mapToLong(s -> (long) s.value()).max().orElse(0);
    }

    /**
     * Takes the count of scrapes the target has served to the edge's agent now, waits until the pipeline
     * has stored that many, and asserts the stored values are exactly 1..n: every scrape stored once, none
     * lost, none doubled.
     *
     * @return n
     */
    static long assertEveryScrapeStored(Pipeline pipeline, EdgeAgent edge) {
        long scraped = pipeline.target().served(edge.cluster());
        assertThat(scraped).as("scrapes served to %s", edge.cluster()).isPositive();
        await("%s stores %d scrapes of %s".formatted(pipeline.query().url(), scraped, edge.cluster()))
                .atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> maxStored(pipeline.query(), edge.cluster()) >= scraped);
        List<Long> values = stored(pipeline.query(), edge.cluster()).stream().mapToLong(s -> (long) s.value())
                .filter(v -> v <= scraped).boxed().toList();
        assertThat(values).as("stored samples 1..%d of %s", scraped, edge.cluster())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, scraped).boxed().toList());
        return scraped;
    }

    /** The agent's own remote-write counter {@code prometheus_remote_storage_<name>_total}. */
    static double agentCounter(EdgeAgent edge, String name) {
        MetricsText m = edge.metrics();
        return m.sum("prometheus_remote_storage_" + name + "_total");
    }
}
