package io.promfleet.proxy.relay;

import io.promfleet.proxy.config.ProxyConfig;
import io.promfleet.proxy.config.Upstream;
import io.promfleet.proxy.metrics.ProxyMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relays a remote-write 1.0 body to the upstreams, with failover: the upstreams are tried in turn
 * (round-robin start, each at most once) until one gives a verdict that is not "unavailable".
 * Failing over after a 5xx may write a batch twice; Prometheus' TSDB takes an identical sample again
 * without complaint, which is the same assumption every remote-write retry makes (spec "Retries on
 * Partial Writes": receivers must be idempotent).
 */
public final class UpstreamClient {

    private static final String USER_AGENT = "promfleet-receiver-proxy";

    private final HttpClient client;
    private final List<Upstream> upstreams;
    private final String tenantHeader;
    private final long timeoutMillis;
    private final ProxyMetrics metrics;
    private final AtomicInteger next = new AtomicInteger();

    public UpstreamClient(Vertx vertx, ProxyConfig config, ProxyMetrics metrics) {
        this.upstreams = config.upstreams();
        this.tenantHeader = config.tenantHeader();
        this.timeoutMillis = config.upstreamTimeout().toMillis();
        this.metrics = metrics;
        // Keep-alive without pipelining: a slow answer must not hold back the requests queued behind it.
        // TCP_NODELAY (Vert.x's default, stated so nobody turns it off): a request's last segment must not
        // wait for the ACK of the one before (Nagle with delayed ACK costs up to 40 ms on Linux).
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setDecompressionSupported(false);
        if (config.upstreamTls().hasCa()) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(config.upstreamTls().caFile().toString()));
        }
        if (config.upstreamTls().hasCertificate()) {
            options.setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.upstreamTls().certFile().toString())
                    .setKeyPath(config.upstreamTls().keyFile().toString()));
        }
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(64));
    }

    /**
     * @param body a snappy-compressed {@code prometheus.WriteRequest}
     * @param tenant the authenticated tenant; replaces whatever tenant header the sender sent
     */
    public Future<UpstreamResult> send(Buffer body, String tenant) {
        Promise<UpstreamResult> promise = Promise.promise();
        attempt(body, tenant, Math.floorMod(next.getAndIncrement(), upstreams.size()), 0, promise);
        return promise.future();
    }

    private void attempt(Buffer body, String tenant, int start, int tried, Promise<UpstreamResult> promise) {
        Upstream upstream = upstreams.get((start + tried) % upstreams.size());
        long began = System.nanoTime();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(upstream.writeUrl().toString())
                .setIdleTimeout(timeoutMillis)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-protobuf")
                .putHeader(HttpHeaders.CONTENT_ENCODING, "snappy")
                // 1.0 spec, "Protocol": the version header a 1.0 receiver expects.
                .putHeader("X-Prometheus-Remote-Write-Version", "0.1.0")
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
                .putHeader(tenantHeader, tenant);
        client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> result(upstream, response, b)))
                .otherwise(failure -> UpstreamResult.failed(upstream.name(), failureKind(failure)))
                .onSuccess(result -> {
                    metrics.upstreamAttempt(upstream.name(), result.resultTag(), System.nanoTime() - began);
                    if (result.unavailable() && tried + 1 < upstreams.size()) {
                        attempt(body, tenant, start, tried + 1, promise);
                    } else {
                        promise.complete(result);
                    }
                });
    }

    private static UpstreamResult result(Upstream upstream, HttpClientResponse response, Buffer body) {
        int status = response.statusCode();
        String text = status >= 200 && status < 300 ? "" : body.toString();
        return new UpstreamResult(upstream.name(), status, null, text,
                response.getHeader("Retry-After"),
                response.getHeader(StatusMapper.SAMPLES_WRITTEN),
                response.getHeader(StatusMapper.HISTOGRAMS_WRITTEN),
                response.getHeader(StatusMapper.EXEMPLARS_WRITTEN));
    }

    /** A short, secret-free name for why no answer came (exception messages may carry URLs). */
    static String failureKind(Throwable t) {
        if (t instanceof ConnectException) {
            return "connection-refused";
        }
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            return "timeout";
        }
        if (t instanceof HttpClosedException) {
            return "connection-closed";
        }
        return "error-" + t.getClass().getSimpleName();
    }

    /** Whether any upstream answers its readiness endpoint with 2xx. */
    public Future<Boolean> anyReady(long timeoutMillis) {
        List<Future<Boolean>> checks = upstreams.stream().map(u -> client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setAbsoluteURI(u.readyUrl().toString())
                        .setIdleTimeout(timeoutMillis)
                        .setConnectTimeout(timeoutMillis))
                .compose(r -> r.send().compose(resp -> resp.body().map(b -> resp.statusCode() / 100 == 2)))
                .otherwise(false)).toList();
        return Future.join(checks).map(cf -> checks.stream().anyMatch(f -> Boolean.TRUE.equals(f.result())))
                .otherwise(f -> checks.stream().anyMatch(c -> c.succeeded() && Boolean.TRUE.equals(c.result())));
    }

    public Future<Void> close() {
        return client.close();
    }
}
