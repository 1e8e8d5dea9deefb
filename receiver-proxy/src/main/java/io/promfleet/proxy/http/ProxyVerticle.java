package io.promfleet.proxy.http;

import io.promfleet.proxy.config.ProxyConfig;
import io.promfleet.proxy.relay.UpstreamClient;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * One event loop's HTTP server. Several instances listen on the same host:port; Vert.x spreads the
 * connections over them. Routes: {@code /api/v1/receive}, {@code /-/healthy}, {@code /-/ready}, {@code /metrics}.
 */
public final class ProxyVerticle extends AbstractVerticle {

    private static final long READY_TIMEOUT_MILLIS = 2000;

    private final ProxyRuntime runtime;
    private final int port;
    private volatile int actualPort;
    private UpstreamClient upstream;
    private RemoteWriteHandler remoteWrite;
    private CachedReadiness readiness;

    public ProxyVerticle(ProxyRuntime runtime, int port) {
        this.runtime = runtime;
        this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
        ProxyConfig config = runtime.config();
        upstream = new UpstreamClient(vertx, config, runtime.metrics());
        remoteWrite = new RemoteWriteHandler(runtime, upstream);
        readiness = new CachedReadiness(() -> upstream.anyReady(READY_TIMEOUT_MILLIS),
                config.readinessCacheTtl().toNanos(), System::nanoTime);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.listenHost())
                .setPort(port)
                .setMaxHeaderSize(16 * 1024)
                .setTcpNoDelay(true) // an answer is one small segment: send it now, not after the sender's ACK
                .setCompressionSupported(false)
                .setDecompressionSupported(false); // bodies are snappy; an HTTP-level gzip layer is not ours to undo
        if (config.listenerTls().hasCertificate()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.listenerTls().certFile().toString())
                    .setKeyPath(config.listenerTls().keyFile().toString()));
            if (config.listenerTls().hasCa()) {
                // REQUEST, not REQUIRED: bearer-token callers need no certificate; a presented one must verify.
                options.setClientAuth(ClientAuth.REQUEST)
                        .setTrustOptions(new PemTrustOptions().addCertPath(config.listenerTls().caFile().toString()));
            }
        }
        HttpServer server = vertx.createHttpServer(options).requestHandler(this::route);
        server.listen().onSuccess(s -> {
            actualPort = s.actualPort();
            started.complete();
        }).onFailure(started::fail);
    }

    @Override
    public void stop(Promise<Void> stopped) {
        upstream.close().onComplete(ar -> stopped.complete());
    }

    public int actualPort() {
        return actualPort;
    }

    private void route(HttpServerRequest request) {
        switch (request.path()) {
            case "/api/v1/receive" -> remoteWrite.handle(request);
            case "/-/healthy" -> request.response().end("OK\n");
            case "/-/ready" -> ready(request);
            case "/metrics" -> metrics(request);
            default -> request.response().setStatusCode(404).end("not found\n");
        }
    }

    /**
     * Rendering every meter (the latency histograms have ~70 buckets per series) takes a few
     * milliseconds; on a worker thread, so the remote-write requests this event loop serves do not
     * wait behind a scrape.
     */
    private void metrics(HttpServerRequest request) {
        vertx.executeBlocking(() -> runtime.metrics().scrape(), false).onComplete(ar -> {
            if (ar.failed()) {
                request.response().setStatusCode(500).end("metrics unavailable\n");
                return;
            }
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                    .end(ar.result());
        });
    }

    /** Ready when not draining and at least one upstream answered its readiness endpoint (cached briefly). */
    private void ready(HttpServerRequest request) {
        if (runtime.draining()) {
            request.response().setStatusCode(503).end("shutting down\n");
            return;
        }
        readiness.ready().onComplete(ar -> {
            boolean ready = ar.succeeded() && ar.result();
            request.response().setStatusCode(ready ? 200 : 503).end(ready ? "OK\n" : "no upstream is ready\n");
        });
    }
}
