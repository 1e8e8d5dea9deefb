package io.promfleet.proxy.relay;

import static io.promfleet.proxy.support.RemoteWrite.V1_CONTENT_TYPE;
import static io.promfleet.proxy.support.RemoteWrite.V2_CONTENT_TYPE;
import static io.promfleet.proxy.support.RemoteWrite.request;
import static io.promfleet.proxy.support.RemoteWrite.series;
import static io.promfleet.proxy.support.RemoteWrite.snappy;
import static io.promfleet.proxy.support.RemoteWrite.unsnappy;
import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.TenantPolicy;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.proto.v2.RemoteWriteV2;
import io.promfleet.proxy.support.ProxyClient;
import io.promfleet.proxy.support.ProxyFixture;
import io.promfleet.proxy.support.RecordingUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Relay semantics over real HTTP on loopback: proxy in front of a recording upstream. */
class RelayTest {

    private static final long NOW = System.currentTimeMillis();

    private RecordingUpstream upstream;
    private ReceiverProxy.Running proxy;
    private ProxyClient client;

    @BeforeEach
    void startUpstream() {
        upstream = RecordingUpstream.start();
    }

    @AfterEach
    void stopAll() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }

    private void startProxy(java.util.function.Consumer<io.promfleet.proxy.config.ProxyConfig.Builder> customize) {
        startProxy(upstream.url(), customize);
    }

    private void startProxy(String upstreams, java.util.function.Consumer<io.promfleet.proxy.config.ProxyConfig.Builder> customize) {
        proxy = ProxyFixture.start(upstreams, customize);
        client = new ProxyClient(proxy.port());
    }

    private static byte[] validV1() {
        return snappy(request(series(NOW, 1, "__name__", "up", "job", "node"),
                series(NOW, 2, "__name__", "up", "job", "api")).toByteArray());
    }

    @Test
    void oneZeroIsRelayedAsTheSendersOwnBytes() throws Exception {
        startProxy(b -> { });
        byte[] body = validV1();
        HttpResponse<String> r = client.post(body, V1_CONTENT_TYPE, "User-Agent", "Prometheus/3.0");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.received()).hasSize(1);
        RecordingUpstream.Received got = upstream.last();
        assertThat(got.body()).isEqualTo(body);
        assertThat(got.path()).isEqualTo("/api/v1/receive");
        assertThat(got.header("Content-Encoding")).isEqualTo("snappy");
        assertThat(got.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(got.header("X-Prometheus-Remote-Write-Version")).isEqualTo("0.1.0");
        assertThat(got.header("THANOS-TENANT")).isEqualTo("default-tenant");
    }

    @ParameterizedTest(name = "upstream {0} -> proxy {1}")
    @CsvSource({"200,200", "204,204", "400,400", "409,409", "413,413", "429,503", "500,503", "503,503", "404,503", "401,503"})
    void upstreamVerdictsAreMappedSoNothingIsLostOrRetriedForever(int upstreamStatus, int expected) {
        upstream.answer(upstreamStatus, upstreamStatus >= 400 ? "out of order sample" : "");
        startProxy(b -> { });
        HttpResponse<String> r = client.post(validV1(), V1_CONTENT_TYPE);
        assertThat(r.statusCode()).isEqualTo(expected);
        if (upstreamStatus == 400 || upstreamStatus == 409 || upstreamStatus == 413) {
            assertThat(r.body()).contains("answered " + upstreamStatus).contains("out of order sample");
        }
        if (expected == 503) {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(proxy.inFlight()).isZero();
    }

    @Test
    void severalEventLoopsShareOneEphemeralPort() {
        startProxy(b -> b.eventLoops(3));
        for (int i = 0; i < 6; i++) {
            assertThat(new ProxyClient(proxy.port()).post(validV1(), V1_CONTENT_TYPE).statusCode()).isEqualTo(200);
        }
        assertThat(upstream.received()).hasSize(6);
    }

    @Test
    void upstreamRetryAfterIsPassedOn() {
        upstream.answer(429).retryAfter("17");
        startProxy(b -> { });
        HttpResponse<String> r = client.post(validV1(), V1_CONTENT_TYPE);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("17");
    }

    @Test
    void hangingUpstreamBecomes503AfterTheTimeout() {
        upstream.mode(RecordingUpstream.Mode.HANG);
        startProxy(b -> b.upstreamTimeout(Duration.ofMillis(300)));
        HttpResponse<String> r = client.post(validV1(), V1_CONTENT_TYPE);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("timeout");
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void droppedConnectionBecomes503() {
        upstream.mode(RecordingUpstream.Mode.DROP);
        startProxy(b -> { });
        HttpResponse<String> r = client.post(validV1(), V1_CONTENT_TYPE);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void refusedConnectionBecomes503() {
        startProxy(ProxyFixture.refusingUrl(), b -> { });
        HttpResponse<String> r = client.post(validV1(), V1_CONTENT_TYPE);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("connection-refused");
    }

    @Test
    void failsOverToTheNextUpstream() {
        try (RecordingUpstream failing = RecordingUpstream.start().answer(503)) {
            startProxy(ProxyFixture.refusingUrl() + "," + failing.url() + "," + upstream.url(), b -> { });
            for (int i = 0; i < 3; i++) {
                assertThat(client.post(validV1(), V1_CONTENT_TYPE).statusCode()).isEqualTo(200);
            }
            assertThat(upstream.received()).hasSize(3);
            assertThat(failing.received()).hasSizeLessThanOrEqualTo(3).isNotEmpty();
        }
    }

    @Test
    void clientTenantHeaderIsReplacedWhenAuthIsOff() {
        startProxy(b -> { });
        client.post(validV1(), V1_CONTENT_TYPE, "THANOS-TENANT", "someone-else");
        assertThat(upstream.last().headers().getAll("THANOS-TENANT")).containsExactly("default-tenant");
    }

    @Test
    void bearerTokensDecideTheTenantAndSpoofingIsIgnored(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# tenant token\nedge-1 s3cr3t-edge-1\nedge-2 s3cr3t-edge-2\n");
        startProxy(b -> b.tokensFile(tokens));

        assertThat(client.post(validV1(), V1_CONTENT_TYPE).statusCode()).isEqualTo(401);
        assertThat(client.post(validV1(), V1_CONTENT_TYPE, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(client.post(validV1(), V1_CONTENT_TYPE, "THANOS-TENANT", "edge-2").statusCode()).isEqualTo(401);
        assertThat(upstream.received()).isEmpty();

        HttpResponse<String> ok = client.post(validV1(), V1_CONTENT_TYPE,
                "Authorization", "Bearer s3cr3t-edge-1", "THANOS-TENANT", "edge-2");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(upstream.last().headers().getAll("THANOS-TENANT")).containsExactly("edge-1");
        assertThat(upstream.last().header("Authorization")).isNull();

        String metrics = client.get("/metrics").body();
        assertThat(metrics).contains("tenant=\"edge-1\"").doesNotContain("s3cr3t");
    }

    @Test
    void tenantLabelIsAddedAtItsSortedPlace() throws Exception {
        startProxy(b -> b.tenantPolicies(Map.of("default-tenant",
                new TenantPolicy("cluster", "cluster-02", TenantPolicy.OnMissing.ADD))));
        byte[] body = snappy(request(series(NOW, 1, "__name__", "up", "job", "node"),
                series(NOW, 1, "__name__", "up", "cluster", "cluster-02", "job", "api")).toByteArray());
        assertThat(client.post(body, V1_CONTENT_TYPE).statusCode()).isEqualTo(200);
        RemoteWriteV1.WriteRequest got = RemoteWriteV1.WriteRequest.parseFrom(unsnappy(upstream.last().body()));
        assertThat(got.getTimeseries(0).getLabelsList()).extracting(RemoteWriteV1.Label::getName)
                .containsExactly("__name__", "cluster", "job");
        assertThat(got.getTimeseries(0).getLabels(1).getValue()).isEqualTo("cluster-02");
        assertThat(got.getTimeseries(1).getLabelsCount()).isEqualTo(3);
    }

    @Test
    void tenantLabelMissingOrSpoofedIsRejectedPerPolicy() {
        startProxy(b -> b.tenantPolicies(Map.of("default-tenant",
                new TenantPolicy("cluster", "cluster-02", TenantPolicy.OnMissing.REJECT))));
        HttpResponse<String> missing = client.post(validV1(), V1_CONTENT_TYPE);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("tenant-label-missing");
        byte[] spoofed = snappy(request(series(NOW, 1, "__name__", "up", "cluster", "cluster-03")).toByteArray());
        HttpResponse<String> r = client.post(spoofed, V1_CONTENT_TYPE);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("tenant-label-mismatch");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void invalidRequestGets400NamingSeriesAndRuleAndIsNotRelayed() {
        startProxy(b -> { });
        byte[] body = snappy(request(series(NOW, 1, "__name__", "up"), series(NOW, 1, "__name__", "up", "bad-name", "x"))
                .toByteArray());
        HttpResponse<String> r = client.post(body, V1_CONTENT_TYPE);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("series 1").contains("label-name-invalid").contains("bad-name");
        assertThat(upstream.received()).isEmpty();
        assertThat(client.get("/metrics").body()).contains("rule=\"label-name-invalid\"");
    }

    private static byte[] validV2() {
        RemoteWriteV2.Request req = RemoteWriteV2.Request.newBuilder()
                .addAllSymbols(List.of("", "__name__", "up", "job", "node", "trace_id", "t1"))
                .addTimeseries(RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2, 3, 4))
                        .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(1).setTimestamp(NOW))
                        .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(2).setTimestamp(NOW + 1))
                        .addExemplars(RemoteWriteV2.Exemplar.newBuilder().addAllLabelsRefs(List.of(5, 6)).setTimestamp(NOW)))
                .addTimeseries(RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2))
                        .addHistograms(RemoteWriteV2.Histogram.newBuilder().setCountInt(1).setTimestamp(NOW)))
                .build();
        return snappy(req.toByteArray());
    }

    @Test
    void twoZeroIsTranslatedAndAnsweredWithWrittenHeaders() throws Exception {
        startProxy(b -> { });
        HttpResponse<String> r = client.post(validV2(), V2_CONTENT_TYPE);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue(StatusMapper.SAMPLES_WRITTEN)).hasValue("2");
        assertThat(r.headers().firstValue(StatusMapper.HISTOGRAMS_WRITTEN)).hasValue("1");
        assertThat(r.headers().firstValue(StatusMapper.EXEMPLARS_WRITTEN)).hasValue("1");
        RecordingUpstream.Received got = upstream.last();
        assertThat(got.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(got.header("X-Prometheus-Remote-Write-Version")).isEqualTo("0.1.0");
        RemoteWriteV1.WriteRequest v1 = RemoteWriteV1.WriteRequest.parseFrom(unsnappy(got.body()));
        assertThat(v1.getTimeseriesCount()).isEqualTo(2);
        assertThat(v1.getTimeseries(0).getLabels(1).getValue()).isEqualTo("node");
        assertThat(v1.getTimeseries(0).getSamplesCount()).isEqualTo(2);
        assertThat(v1.getTimeseries(1).getHistograms(0).getCountInt()).isEqualTo(1);
    }

    @Test
    void twoZeroRejectedOrUnavailableUpstreamReportsNothingWritten() {
        upstream.answer(409, "duplicate sample");
        startProxy(b -> { });
        HttpResponse<String> conflict = client.post(validV2(), V2_CONTENT_TYPE);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue(StatusMapper.SAMPLES_WRITTEN)).hasValue("0");
        upstream.answer(500);
        HttpResponse<String> unavailable = client.post(validV2(), V2_CONTENT_TYPE);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue(StatusMapper.HISTOGRAMS_WRITTEN)).hasValue("0");
    }

    @Test
    void pastTheInFlightBoundRequestsGet503() throws Exception {
        upstream.mode(RecordingUpstream.Mode.HANG);
        startProxy(b -> b.maxInFlightRequests(1).retryAfterSeconds(3));
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> client.post(validV1(), V1_CONTENT_TYPE));
        ProxyFixture.awaitTrue("first request reaches the upstream", () -> upstream.hangingCount() == 1);
        HttpResponse<String> second = client.post(validV1(), V1_CONTENT_TYPE);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(second.body()).contains("overloaded");
        upstream.release(200);
        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void shutdownFinishesInFlightRequestsAndRefusesNewOnes() throws Exception {
        upstream.mode(RecordingUpstream.Mode.HANG);
        startProxy(b -> { });
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> client.post(validV1(), V1_CONTENT_TYPE));
        ProxyFixture.awaitTrue("request reaches the upstream", () -> upstream.hangingCount() == 1);
        ReceiverProxy.Running closing = proxy;
        proxy = null;
        CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
        ProxyFixture.awaitTrue("readiness turns 503", () -> client.get("/-/ready").statusCode() == 503);
        assertThat(client.post(validV1(), V1_CONTENT_TYPE).statusCode()).isEqualTo(503);
        assertThat(closed).isNotDone();
        upstream.release(200);
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        closed.get();
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void operationalEndpoints() {
        startProxy(b -> b.readinessCacheTtl(Duration.ZERO));
        assertThat(client.get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(client.get("/-/ready").statusCode()).isEqualTo(200);
        upstream.readyStatus(503);
        assertThat(client.get("/-/ready").statusCode()).isEqualTo(503);
        assertThat(client.get("/-/healthy").statusCode()).isEqualTo(200);
        client.post(validV1(), V1_CONTENT_TYPE);
        String metrics = client.get("/metrics").body();
        assertThat(metrics)
                .contains("promfleet_proxy_requests_total{outcome=\"accepted\",protocol=\"1.0\",rule=\"\",tenant=\"default-tenant\"} 1.0")
                .contains("promfleet_proxy_samples_total{outcome=\"accepted\",protocol=\"1.0\",rule=\"\",tenant=\"default-tenant\"} 2.0")
                .contains("promfleet_proxy_upstream_request_seconds_bucket")
                .contains("promfleet_proxy_in_flight_requests");
        assertThat(client.get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void readinessIsProbedOncePerCacheIntervalNotOncePerCall() {
        startProxy(b -> b.readinessCacheTtl(Duration.ofHours(1)));
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/-/ready").statusCode()).isEqualTo(200);
        }
        assertThat(upstream.readyProbes()).isEqualTo(1);
        upstream.readyStatus(503); // not seen until the verdict expires
        assertThat(client.get("/-/ready").statusCode()).isEqualTo(200);
        assertThat(upstream.readyProbes()).isEqualTo(1);
    }

    @Test
    void withoutACacheEveryCallProbes() {
        startProxy(b -> b.readinessCacheTtl(Duration.ZERO));
        for (int i = 0; i < 3; i++) {
            client.get("/-/ready");
        }
        assertThat(upstream.readyProbes()).isEqualTo(3);
    }

    @Test
    void readinessNeedsOnlyOneReadyUpstream() {
        startProxy(ProxyFixture.refusingUrl() + "," + upstream.url(), b -> { });
        assertThat(client.get("/-/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void negotiationFailuresAre4xx() throws Exception {
        startProxy(b -> b.limits(new io.promfleet.proxy.config.Limits(1024, 1 << 20, 100, 100, 30, 1024, 2048,
                Duration.ofMinutes(10))));
        assertThat(client.post(validV1(), "application/json").statusCode()).isEqualTo(415);
        assertThat(client.post(validV1(), null).statusCode()).isEqualTo(415);
        assertThat(client.post(validV1(), V1_CONTENT_TYPE, "Content-Encoding", "gzip").statusCode()).isEqualTo(415);
        assertThat(client.get("/api/v1/receive").statusCode()).isEqualTo(405);
        HttpResponse<String> large = client.post(new byte[2048], V1_CONTENT_TYPE);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(upstream.received()).isEmpty();
        assertThat(client.post(validV1(), V1_CONTENT_TYPE).statusCode()).isEqualTo(200);
    }
}
