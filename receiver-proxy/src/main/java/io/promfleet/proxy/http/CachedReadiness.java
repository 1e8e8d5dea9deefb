package io.promfleet.proxy.http;

import io.vertx.core.Future;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code /-/ready} verdict, probed at most once per {@code ttl}: a Kubernetes readiness probe, a
 * load balancer's health check and a curious operator together must not turn into a stream of probes
 * against every upstream. Callers that arrive while a probe is out share its answer.
 *
 * <p>Used on one event loop only (one instance per verticle), so it needs no locking.
 */
final class CachedReadiness {

    private final Supplier<Future<Boolean>> probe;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private boolean hasVerdict;
    private boolean verdict;
    private long checkedAt;
    private Future<Boolean> pending;

    CachedReadiness(Supplier<Future<Boolean>> probe, long ttlNanos, LongSupplier nanoClock) {
        this.probe = probe;
        this.ttlNanos = ttlNanos;
        this.nanoClock = nanoClock;
    }

    Future<Boolean> ready() {
        if (hasVerdict && nanoClock.getAsLong() - checkedAt < ttlNanos) {
            return Future.succeededFuture(verdict);
        }
        if (pending != null) {
            return pending;
        }
        Future<Boolean> probing = probe.get().otherwise(false);
        pending = probing;
        // Attached after 'pending' is set: a probe that has already failed completes this at once.
        probing.onComplete(ar -> {
            verdict = Boolean.TRUE.equals(ar.result());
            checkedAt = nanoClock.getAsLong();
            hasVerdict = true;
            pending = null;
        });
        return probing;
    }
}
