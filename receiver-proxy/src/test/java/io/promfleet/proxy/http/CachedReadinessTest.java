package io.promfleet.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedReadinessTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<Promise<Boolean>> probes = new ArrayList<>();
    private final CachedReadiness readiness = new CachedReadiness(() -> {
        Promise<Boolean> p = Promise.promise();
        probes.add(p);
        return p.future();
    }, 1_000, clock::get);

    @Test
    void callersDuringAProbeShareItAndTheVerdictLastsItsInterval() {
        Future<Boolean> first = readiness.ready();
        Future<Boolean> second = readiness.ready();
        assertThat(probes).hasSize(1);
        probes.get(0).complete(true);
        assertThat(first.result()).isTrue();
        assertThat(second.result()).isTrue();

        clock.set(999);
        assertThat(readiness.ready().result()).isTrue();
        assertThat(probes).hasSize(1);

        clock.set(1_000);
        Future<Boolean> expired = readiness.ready();
        assertThat(probes).hasSize(2);
        probes.get(1).complete(false);
        assertThat(expired.result()).isFalse();
    }

    @Test
    void aFailedProbeIsNotReadyAndIsCachedToo() {
        Future<Boolean> answer = readiness.ready();
        probes.get(0).fail(new IllegalStateException("connection refused"));
        assertThat(answer.result()).isFalse();
        assertThat(readiness.ready().result()).isFalse();
        assertThat(probes).hasSize(1);
    }

    @Test
    void aProbeThatFailsAtOnceLeavesNothingPending() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        CachedReadiness immediate = new CachedReadiness(() -> {
            calls.incrementAndGet();
            return Future.failedFuture("refused");
        }, 0, clock::get);
        assertThat(immediate.ready().result()).isFalse();
        assertThat(immediate.ready().result()).isFalse();
        assertThat(calls).hasValue(2); // a second probe, not a stale pending future
    }
}
