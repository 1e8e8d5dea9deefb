package io.promfleet.e2e;

import static io.promfleet.e2e.Samples.DEADLINE;
import static io.promfleet.e2e.Samples.agentCounter;
import static io.promfleet.e2e.Samples.assertEveryScrapeStored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.promfleet.e2e.harness.BucketReader.BlockMeta;
import io.promfleet.e2e.harness.EdgeAgent;
import io.promfleet.e2e.harness.EdgeSpec;
import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineExtension;
import io.promfleet.e2e.harness.PipelineSpec;
import io.promfleet.e2e.harness.PromClient;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xerial.snappy.Snappy;

/**
 * The pipeline end to end: three real Prometheus agents → the promfleet proxy → real Thanos Receive →
 * real MinIO, with one shared pipeline (starting one costs more than most of these tests).
 *
 * <p>The order matters and is part of the tests: each disruption (a proxy restart, a 60 s Receive
 * outage) happens to the same running pipeline, and the counting after each one covers the whole run so
 * far, so a sample lost in an earlier disruption fails every later count too. The last test stops Receive
 * for good and reads the bucket.
 *
 * <p>Each edge has its own bearer token and so its own tenant; {@code edge-3} also sends a forged
 * {@code THANOS-TENANT} header naming edge-1's tenant, which the proxy must replace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final String SPOOFED = "tenant-edge-1";
    private static final Map<String, String> TENANTS = Map.of(
            "edge-1", "tenant-edge-1", "edge-2", "tenant-edge-2", "edge-3", "tenant-edge-3");

    @RegisterExtension
    static final PipelineExtension PIPELINE = PipelineExtension.of(PipelineSpec.of(
            EdgeSpec.of("edge-1").withTenant(TENANTS.get("edge-1")),
            EdgeSpec.of("edge-2").withTenant(TENANTS.get("edge-2")),
            EdgeSpec.of("edge-3").withTenant(TENANTS.get("edge-3")).withHeader("THANOS-TENANT", SPOOFED)));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    @Order(1)
    void everyEdgeIsQueryableWithItsClusterLabel(Pipeline pipeline) {
        for (EdgeAgent edge : pipeline.edges()) {
            await(edge.cluster() + " queryable through Thanos Query").atMost(DEADLINE).ignoreExceptions()
                    .until(() -> !pipeline.query().query(Samples.selector(edge.cluster())).isEmpty());
            // the agent's self-scrape travels the same way, under the same external label
            await(edge.cluster() + "'s own metrics queryable").atMost(DEADLINE).ignoreExceptions()
                    .until(() -> !pipeline.query().query("up{job=\"prometheus-agent\",cluster=\"" + edge.cluster()
                            + "\"}").isEmpty());
        }
        Set<String> clusters = pipeline.query().query("count by (cluster) (up)").stream()
                .map(s -> s.labels().get("cluster")).collect(Collectors.toSet());
        assertThat(clusters).containsExactlyInAnyOrder("edge-1", "edge-2", "edge-3");
        pipeline.edges().forEach(edge -> assertEveryScrapeStored(pipeline, edge));
    }

    @Test
    @Order(2)
    void eachTokenLandsInItsOwnTenantAndASpoofedTenantHeaderIsIgnored(Pipeline pipeline) {
        for (EdgeAgent edge : pipeline.edges()) {
            await().atMost(DEADLINE).ignoreExceptions()
                    .until(() -> !pipeline.query().query(Samples.selector(edge.cluster())).isEmpty());
            Set<String> tenants = pipeline.query().query("count by (" + Pipeline.TENANT_LABEL + ") ({cluster=\""
                    + edge.cluster() + "\"})").stream().map(s -> s.labels().get(Pipeline.TENANT_LABEL))
                    .collect(Collectors.toSet());
            assertThat(tenants).as("tenants holding %s's series", edge.cluster())
                    .containsExactly(TENANTS.get(edge.cluster()));
        }
        Set<String> clustersInSpoofedTenant = pipeline.query().query("count by (cluster) ({__name__=~\".+\","
                + Pipeline.TENANT_LABEL + "=\"" + SPOOFED + "\"})").stream().map(s -> s.labels().get("cluster")).collect(Collectors.toSet());
        assertThat(clustersInSpoofedTenant).containsExactly("edge-1");
    }

    @Test
    @Order(3)
    void badTrafficIsRefusedWhileTheAgentsDataKeepsArriving(Pipeline pipeline) throws Exception {
        EdgeAgent sender = pipeline.edge("edge-2");
        long now = Instant.now().toEpochMilli();
        RemoteWriteV1.WriteRequest unsorted = write(now, "__name__", "e2e_bad_series", "zone", "a", "job", "bad");
        RemoteWriteV1.WriteRequest badName = write(now, "__name__", "e2e bad-name!", "job", "bad");

        HttpResponse<String> r1 = post(pipeline, sender, unsorted);
        HttpResponse<String> r2 = post(pipeline, sender, badName);

        assertThat(r1.statusCode()).as("unsorted labels: %s", r1.body()).isEqualTo(400);
        assertThat(r2.statusCode()).as("invalid metric name: %s", r2.body()).isEqualTo(400);
        var metrics = pipeline.proxyMetrics();
        String tenant = sender.tenant().orElseThrow();
        assertThat(metrics.sum("promfleet_proxy_requests_total",
                Map.of("tenant", tenant, "outcome", "rejected", "rule", "labels-unsorted"))).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("promfleet_proxy_requests_total",
                Map.of("tenant", tenant, "outcome", "rejected", "rule", "metric-name-invalid"))).isGreaterThanOrEqualTo(1);
        assertThat(pipeline.query().query("{job=\"bad\"}")).as("nothing of the refused requests is stored").isEmpty();
        pipeline.edges().forEach(edge -> assertEveryScrapeStored(pipeline, edge));
    }

    @Test
    @Order(4)
    void nothingIsLostAcrossAProxyRestart(Pipeline pipeline) {
        Map<String, Double> retriedBefore = counters(pipeline, "samples_retried");
        pipeline.stopProxy();
        try {
            // down until every agent has had a send refused and queued it for a retry
            await("every agent retries while the proxy is down").atMost(DEADLINE).ignoreExceptions()
                    .until(() -> pipeline.edges().stream().allMatch(e ->
                            agentCounter(e, "samples_retried") > retriedBefore.get(e.cluster())));
        } finally {
            pipeline.startProxy();
        }
        long scrapedAtRestart = pipeline.edges().stream().mapToLong(e -> pipeline.target().served(e.cluster())).min()
                .orElseThrow();
        awaitMoreScrapes(pipeline, 5);
        for (EdgeAgent edge : pipeline.edges()) {
            assertThat(assertEveryScrapeStored(pipeline, edge)).isGreaterThan(scrapedAtRestart);
            assertThat(agentCounter(edge, "samples_failed")).as("%s gave up samples", edge.cluster()).isZero();
        }
    }

    @Test
    @Order(5)
    void nothingIsLostAcrossASixtySecondReceiveOutage(Pipeline pipeline) throws InterruptedException {
        Map<String, Double> retriedBefore = counters(pipeline, "samples_retried");
        double unavailableBefore = pipeline.proxyMetrics().sum("promfleet_proxy_requests_total",
                Map.of("outcome", "upstream_unavailable"));
        long scrapedBefore = pipeline.edges().stream().mapToLong(e -> pipeline.target().served(e.cluster())).max()
                .orElseThrow();

        pipeline.stopReceive();
        try {
            Thread.sleep(Duration.ofSeconds(60).toMillis());
            // during the outage: the proxy answered 503, the agents kept scraping and retried
            assertThat(pipeline.proxyMetrics().sum("promfleet_proxy_requests_total",
                    Map.of("outcome", "upstream_unavailable"))).isGreaterThan(unavailableBefore);
            for (EdgeAgent edge : pipeline.edges()) {
                assertThat(agentCounter(edge, "samples_retried")).as("%s retried", edge.cluster())
                        .isGreaterThan(retriedBefore.get(edge.cluster()));
                assertThat(pipeline.target().served(edge.cluster())).isGreaterThan(scrapedBefore + 30);
            }
        } finally {
            pipeline.startReceive();
        }
        awaitMoreScrapes(pipeline, 5);
        for (EdgeAgent edge : pipeline.edges()) {
            assertEveryScrapeStored(pipeline, edge);
            assertThat(agentCounter(edge, "samples_failed")).as("%s gave up samples", edge.cluster()).isZero();
        }
    }

    @Test
    @Order(6)
    void afterReceiveStopsTheBucketHoldsReceiveBlocksAndStoreAnswersTheSameQueries(Pipeline pipeline) {
        Map<String, Long> scraped = new HashMap<>();
        for (EdgeAgent edge : pipeline.edges()) {
            scraped.put(edge.cluster(), assertEveryScrapeStored(pipeline, edge));
        }
        // Receive v0.42 flushes its head on shutdown up to, but not including, the newest timestamp of each
        // tenant (pkg/receive/multitsdb.go flushHead: NewRangeHead(head, mint, head.MaxTime()-1)); those
        // samples stay in its WAL for the next start. So the bucket is compared with Receive over the
        // window before each tenant's newest timestamp, taken before the stop (it only grows after).
        Map<String, List<PromClient.Sample>> viaReceive = new HashMap<>();
        for (EdgeAgent edge : pipeline.edges()) {
            long newest = pipeline.query().query("{__name__=~\".+\"," + Pipeline.TENANT_LABEL + "=\""
                    + TENANTS.get(edge.cluster()) + "\"}[10m]").stream().flatMap(x -> x.samples().stream())
                    .mapToLong(PromClient.Sample::timestampMillis).max().orElseThrow();
            viaReceive.put(edge.cluster(), Samples.stored(pipeline.query(), edge.cluster()).stream()
                    .filter(s -> s.timestampMillis() < newest).toList());
            assertThat(viaReceive.get(edge.cluster())).hasSizeGreaterThan(10);
        }

        pipeline.stopReceive();

        List<BlockMeta> blocks = pipeline.bucket().blocks();
        assertThat(blocks).isNotEmpty();
        assertThat(blocks).allSatisfy(b -> {
            assertThat(b.source()).as("block %s source", b.ulid()).isEqualTo("receive");
            assertThat(b.labels()).as("block %s labels", b.ulid()).containsEntry(Pipeline.REPLICA_LABEL, "0")
                    .containsKey(Pipeline.TENANT_LABEL).hasSize(2);
        });
        assertThat(blocks.stream().map(b -> b.labels().get(Pipeline.TENANT_LABEL)).collect(Collectors.toSet()))
                .as("a tenant per token, and no block for a spoofed or default tenant")
                .containsExactlyInAnyOrderElementsOf(TENANTS.values());

        for (EdgeAgent edge : pipeline.edges()) {
            List<PromClient.Sample> expected = viaReceive.get(edge.cluster());
            long last = (long) expected.get(expected.size() - 1).value();
            await("Thanos Store over the bucket answers for " + edge.cluster()).atMost(DEADLINE).ignoreExceptions()
                    .until(() -> Samples.maxStored(pipeline.bucketQuery(), edge.cluster()) >= last);
            assertThat(upTo(Samples.stored(pipeline.bucketQuery(), edge.cluster()), last))
                    .as("samples 1..%d of %s through Store and through Receive", last, edge.cluster())
                    .isEqualTo(expected);
            assertThat(pipeline.bucketQuery().query("count by (" + Pipeline.TENANT_LABEL + ") ({cluster=\""
                    + edge.cluster() + "\"})")).singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry(Pipeline.TENANT_LABEL,
                            TENANTS.get(edge.cluster())));
        }
    }

    private static List<PromClient.Sample> upTo(List<PromClient.Sample> samples, long n) {
        return samples.stream().filter(s -> s.value() <= n).toList();
    }

    private static Map<String, Double> counters(Pipeline pipeline, String name) {
        return pipeline.edges().stream().collect(Collectors.toMap(EdgeAgent::cluster, e -> agentCounter(e, name)));
    }

    /** Lets every agent scrape {@code n} more times, so the count covers time after the disruption. */
    private static void awaitMoreScrapes(Pipeline pipeline, int n) {
        Map<String, Long> now = pipeline.edges().stream()
                .collect(Collectors.toMap(EdgeAgent::cluster, e -> pipeline.target().served(e.cluster())));
        await().atMost(DEADLINE).until(() -> pipeline.edges().stream()
                .allMatch(e -> pipeline.target().served(e.cluster()) >= now.get(e.cluster()) + n));
    }

    private static RemoteWriteV1.WriteRequest write(long timestamp, String... labelPairs) {
        RemoteWriteV1.TimeSeries.Builder ts = RemoteWriteV1.TimeSeries.newBuilder();
        for (int i = 0; i < labelPairs.length; i += 2) {
            ts.addLabels(RemoteWriteV1.Label.newBuilder().setName(labelPairs[i]).setValue(labelPairs[i + 1]));
        }
        ts.addSamples(RemoteWriteV1.Sample.newBuilder().setValue(1).setTimestamp(timestamp));
        return RemoteWriteV1.WriteRequest.newBuilder().addTimeseries(ts).build();
    }

    private static HttpResponse<String> post(Pipeline pipeline, EdgeAgent as, RemoteWriteV1.WriteRequest request)
            throws Exception {
        URI uri = pipeline.proxyUrl().resolve("/api/v1/receive");
        return HTTP.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header("Authorization", "Bearer " + as.token().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(request.toByteArray())))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
