package io.promfleet.proxy;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.promfleet.proxy.config.ConfigException;
import io.promfleet.proxy.config.ProxyConfig;
import io.promfleet.proxy.config.Upstream;
import io.promfleet.proxy.http.ProxyRuntime;
import io.promfleet.proxy.http.ProxyVerticle;
import io.promfleet.proxy.log.RateLimitedLog;
import io.promfleet.proxy.metrics.ProxyMetrics;
import io.promfleet.proxy.tenant.Authenticator;
import io.promfleet.proxy.tenant.TenantPolicies;
import io.promfleet.proxy.tenant.TokenStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote-write proxy as a library: {@code try (Running proxy = ReceiverProxy.start(config)) { ... }}.
 */
public final class ReceiverProxy {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverProxy.class);
    private static final long START_TIMEOUT_SECONDS = 30;

    private ReceiverProxy() {
    }

    /** Starts listening; returns once the port is bound. */
    public static Running start(ProxyConfig config) {
        TokenStore tokens = config.tokensFile() == null ? null : TokenStore.load(config.tokensFile());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops()));
        AtomicInteger inFlight = new AtomicInteger();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        ProxyMetrics metrics = new ProxyMetrics(registry, inFlight);
        ProxyRuntime runtime = new ProxyRuntime(config, metrics, inFlight, new Authenticator(config, tokens),
                new TenantPolicies(config.tenantPolicies()), new RateLimitedLog(LOG, 1000));
        try {
            // One deployment of N instances: Vert.x lets them share one listening socket, and with port 0
            // the same ephemeral port (a second deployment on that port would fail to bind).
            List<ProxyVerticle> servers = new CopyOnWriteArrayList<>();
            await(vertx.deployVerticle(() -> {
                ProxyVerticle v = new ProxyVerticle(runtime, config.listenPort());
                servers.add(v);
                return v;
            }, new DeploymentOptions().setInstances(config.eventLoops())));
            int port = servers.get(0).actualPort();
            if (tokens != null) {
                watchTokens(vertx, tokens, config.tokensReloadInterval(), metrics);
            }
            LOG.info("event=proxy_started listen={}:{} upstreams={} auth={} event_loops={}", config.listenHost(), port,
                    config.upstreams().stream().map(Upstream::name).collect(Collectors.joining(",")),
                    config.authEnabled(), config.eventLoops());
            return new Running(vertx, runtime, port);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private static void watchTokens(Vertx vertx, TokenStore tokens, Duration interval, ProxyMetrics metrics) {
        vertx.setPeriodic(interval.toMillis(), id -> vertx.executeBlocking(tokens::reloadIfChanged, false)
                .onSuccess(changed -> {
                    metrics.tokenReload(changed ? "changed" : "unchanged");
                    if (changed) {
                        LOG.info("event=tokens_reloaded file={} tokens={}", tokens.file(), tokens.size());
                    }
                })
                .onFailure(e -> {
                    metrics.tokenReload("failed");
                    LOG.warn("event=tokens_reload_failed file={} error=\"{}\" kept=previous", tokens.file(),
                            e.getMessage());
                }));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new ConfigException("cannot start the proxy: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }

    /** A running proxy: its bound port, its meters, and a graceful {@link #close()}. */
    public static final class Running implements AutoCloseable {
        private final Vertx vertx;
        private final ProxyRuntime runtime;
        private final int port;
        private boolean closed;

        Running(Vertx vertx, ProxyRuntime runtime, int port) {
            this.vertx = vertx;
            this.runtime = runtime;
            this.port = port;
        }

        public int port() {
            return port;
        }

        public PrometheusMeterRegistry meterRegistry() {
            return runtime.metrics().registry();
        }

        public int inFlight() {
            return runtime.inFlight();
        }

        /**
         * Graceful shutdown: new requests get 503 (and {@code /-/ready} turns 503), requests in flight are
         * finished, up to the configured grace period, and only then the listener and clients close.
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            runtime.startDraining();
            long deadline = System.nanoTime() + runtime.config().shutdownGracePeriod().toNanos();
            while (runtime.inFlight() > 0 && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (runtime.inFlight() > 0) {
                LOG.warn("event=shutdown_grace_expired in_flight={}", runtime.inFlight());
            }
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("event=shutdown_incomplete error={}", e.getClass().getSimpleName());
            }
        }
    }
}
