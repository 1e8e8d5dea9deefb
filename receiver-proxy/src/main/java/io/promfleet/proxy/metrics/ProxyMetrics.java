package io.promfleet.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's meters. Tags are bounded: tenants come from configuration (or the token file), rules and
 * outcomes are enums, upstreams are the configured host:port pairs. No tag ever holds a credential.
 */
public final class ProxyMetrics {

    private static final String UNKNOWN_TENANT = "";

    private final PrometheusMeterRegistry registry;
    private final AtomicInteger inFlight;
    private final Map<RequestKey, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreamTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> overheadTimers = new ConcurrentHashMap<>();

    private record RequestKey(String tenant, String protocol, Outcome outcome, String rule) {
    }

    private record RequestMeters(Counter requests, Counter samples, Counter series, Counter bytes) {
    }

    public ProxyMetrics(PrometheusMeterRegistry registry, AtomicInteger inFlight) {
        this.registry = registry;
        this.inFlight = inFlight;
        Gauge.builder("promfleet_proxy_in_flight_requests", inFlight, AtomicInteger::get)
                .description("Remote-write requests being processed or relayed")
                .register(registry);
    }

    /**
     * Counts one finished request.
     *
     * @param tenant {@code null} when the caller was not authenticated
     * @param rule the validation rule or decode reason, {@code null} otherwise
     */
    public void request(String tenant, String protocol, Outcome outcome, String rule, long series, long samples,
                        long compressedBytes) {
        RequestKey key = new RequestKey(tenant == null ? UNKNOWN_TENANT : tenant, protocol == null ? "" : protocol,
                outcome, rule == null ? "" : rule);
        RequestMeters m = requestMeters.computeIfAbsent(key, this::register);
        m.requests.increment();
        m.samples.increment(samples);
        m.series.increment(series);
        m.bytes.increment(compressedBytes);
    }

    private RequestMeters register(RequestKey k) {
        String[] tags = {"tenant", k.tenant, "protocol", k.protocol, "outcome", k.outcome.tag(), "rule", k.rule};
        return new RequestMeters(
                Counter.builder("promfleet_proxy_requests").description("Remote-write requests by outcome")
                        .tags(tags).register(registry),
                Counter.builder("promfleet_proxy_samples").description("Samples and histogram samples by outcome")
                        .tags(tags).register(registry),
                Counter.builder("promfleet_proxy_series").description("Series by outcome").tags(tags).register(registry),
                Counter.builder("promfleet_proxy_received_bytes").description("Compressed request bytes by outcome")
                        .baseUnit("bytes").tags(tags).register(registry));
    }

    /** One attempt against one upstream; {@code result} is the status code or a failure kind. */
    public void upstreamAttempt(String upstream, String result, long nanos) {
        upstreamTimers.computeIfAbsent(upstream + '\u0000' + result, k -> Timer.builder("promfleet_proxy_upstream_request")
                .description("Latency of requests relayed to the upstream, by result")
                .tags("upstream", upstream, "result", result)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The time one request spent in the proxy itself: from its headers' arrival to its answer, less the
     * upstream round trip (all attempts). It includes receiving the body, decoding, validating,
     * translating, compressing and waiting for the event loop: what the proxy adds to a sender's latency.
     */
    public void overhead(String protocol, long nanos) {
        overheadTimers.computeIfAbsent(protocol == null ? "" : protocol, p -> Timer.builder("promfleet_proxy_request_overhead")
                .description("Time a request spends in the proxy, not counting the upstream round trip")
                .tags("protocol", p)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A token-file check: {@code changed}, {@code unchanged} or {@code failed} (the previous tokens stay). */
    public void tokenReload(String result) {
        Counter.builder("promfleet_proxy_token_reloads").description("Token file checks by result")
                .tag("result", result).register(registry).increment();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
