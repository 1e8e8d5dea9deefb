package io.promfleet.proxy.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real Thanos-Receive stand-in on loopback: records every request it gets (headers and body bytes)
 * and answers as told: a status, a hang (never answers until released), or a dropped connection.
 */
public final class RecordingUpstream implements AutoCloseable {

    public enum Mode { STATUS, HANG, DROP }

    /** One request as the upstream saw it. */
    public record Received(String path, MultiMap headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final boolean tls;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<HttpServerRequest> hanging = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.STATUS;
    private volatile int status = 200;
    private volatile String body = "";
    private volatile String retryAfter;
    private volatile int readyStatus = 200;

    private volatile String lastPeerSubject;
    private final java.util.concurrent.atomic.AtomicInteger readyProbes = new java.util.concurrent.atomic.AtomicInteger();

    private RecordingUpstream(Vertx vertx, HttpServerOptions options) {
        this.vertx = vertx;
        this.tls = options.isSsl();
        this.server = vertx.createHttpServer(options).requestHandler(this::handle);
    }

    public static RecordingUpstream start() {
        return start(new HttpServerOptions());
    }

    /** With TLS options, an https upstream; its {@link #url()} names {@code localhost}, as its certificate does. */
    public static RecordingUpstream start(HttpServerOptions options) {
        RecordingUpstream u = new RecordingUpstream(Vertx.vertx(), options);
        await(u.server.listen(0, "127.0.0.1"));
        return u;
    }

    private void handle(HttpServerRequest request) {
        if (request.isSSL()) {
            try {
                lastPeerSubject = request.connection().sslSession().getPeerPrincipal().getName();
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                lastPeerSubject = null;
            }
        }
        if (request.path().equals("/-/ready")) {
            readyProbes.incrementAndGet();
            request.response().setStatusCode(readyStatus).end();
            return;
        }
        request.body().onSuccess(b -> {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            received.add(new Received(request.path(), headers, b.getBytes()));
            switch (mode) {
                case HANG -> hanging.add(request);
                case DROP -> request.connection().close();
                default -> {
                    if (retryAfter != null) {
                        request.response().putHeader("Retry-After", retryAfter);
                    }
                    request.response().setStatusCode(status).end(body);
                }
            }
        });
    }

    public RecordingUpstream answer(int status) {
        return answer(status, "");
    }

    public RecordingUpstream answer(int status, String body) {
        this.mode = Mode.STATUS;
        this.status = status;
        this.body = body;
        return this;
    }

    public RecordingUpstream retryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    public RecordingUpstream mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    public RecordingUpstream readyStatus(int status) {
        this.readyStatus = status;
        return this;
    }

    /** Answers every hanging request with {@code status}. */
    public void release(int status) {
        mode = Mode.STATUS;
        for (HttpServerRequest r : hanging) {
            vertx.runOnContext(v -> r.response().setStatusCode(status).end());
        }
        hanging.clear();
    }

    public List<Received> received() {
        return received;
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    /** How many times {@code /-/ready} was asked. */
    public int readyProbes() {
        return readyProbes.get();
    }

    public int hangingCount() {
        return hanging.size();
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return (tls ? "https://localhost:" : "http://127.0.0.1:") + port() + "/api/v1/receive";
    }

    /** The subject of the client certificate the last TLS caller presented, or {@code null}. */
    public String lastPeerSubject() {
        return lastPeerSubject;
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    static <T> T await(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
