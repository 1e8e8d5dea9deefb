package io.promfleet.core.apply;

import io.promfleet.api.plan.Gate;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Checks each gate through the API it names: Thanos Query ({@code --query-url}), Thanos Ruler
 * ({@code --ruler-url}), or the Kubernetes API of the gate's cluster (and, for the final audit gate, a
 * {@link FleetVerifier}). A URL not given is a gate that cannot pass, and says so.
 */
public final class DefaultGateChecker implements GateChecker {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ThanosQueryGate query;
    private final ThanosRulerGate ruler;
    private final KubernetesGate kubernetes;

    /**
     * @param queryUrl Thanos Query's base URL, or null
     * @param rulerUrl Thanos Ruler's base URL, or null
     * @param verifier the final audit, or null when this run cannot audit
     */
    public DefaultGateChecker(URI queryUrl, URI rulerUrl, FleetVerifier verifier) {
        PrometheusHttp http = new PrometheusHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), DEFAULT_TIMEOUT);
        this.query = new ThanosQueryGate(http, queryUrl);
        this.ruler = new ThanosRulerGate(http, rulerUrl);
        this.kubernetes = new KubernetesGate(verifier);
    }

    @Override
    public GateResult check(Gate gate, GateContext context) {
        return switch (gate.api()) {
            case THANOS_QUERY -> query.check(gate, context);
            case THANOS_RULER -> ruler.check(gate, context);
            case KUBERNETES -> kubernetes.check(gate, context);
        };
    }
}
