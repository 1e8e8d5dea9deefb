package io.promfleet.proxy.http;

import io.promfleet.proxy.config.ProxyConfig;
import io.promfleet.proxy.log.RateLimitedLog;
import io.promfleet.proxy.metrics.ProxyMetrics;
import io.promfleet.proxy.tenant.Authenticator;
import io.promfleet.proxy.tenant.TenantPolicies;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every event loop shares: configuration, meters, the in-flight bound and the draining flag.
 * Everything here is thread-safe; per-loop state (validator scratch, HTTP client) lives in the verticle.
 */
public final class ProxyRuntime {

    private final ProxyConfig config;
    private final ProxyMetrics metrics;
    private final Authenticator authenticator;
    private final TenantPolicies policies;
    private final AtomicInteger inFlight;
    private final RateLimitedLog log;
    private volatile boolean draining;

    public ProxyRuntime(ProxyConfig config, ProxyMetrics metrics, AtomicInteger inFlight, Authenticator authenticator,
                        TenantPolicies policies, RateLimitedLog log) {
        this.config = config;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.authenticator = authenticator;
        this.policies = policies;
        this.log = log;
    }

    /** Takes an in-flight slot, or refuses past {@code maxInFlightRequests}: overload is a 503, not a queue. */
    boolean tryAcquire() {
        while (true) {
            int n = inFlight.get();
            if (n >= config.maxInFlightRequests()) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void startDraining() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public ProxyConfig config() {
        return config;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    TenantPolicies policies() {
        return policies;
    }

    RateLimitedLog log() {
        return log;
    }
}
