package io.promfleet.e2e.harness;

import java.util.Map;
import java.util.Objects;

/**
 * One edge Prometheus agent of a {@link PipelineSpec}.
 *
 * @param cluster the agent's {@code cluster} external label (distinct per edge)
 * @param tenant  the tenant its bearer token maps to in the proxy; {@code null} sends no token (the proxy's
 *                default tenant, only when no edge uses a token)
 * @param extraHeaders HTTP headers the agent adds to every remote-write request (for example a spoofed
 *                     {@code THANOS-TENANT})
 */
public record EdgeSpec(String cluster, String tenant, Map<String, String> extraHeaders) {

    public EdgeSpec {
        Objects.requireNonNull(cluster, "cluster");
        extraHeaders = Map.copyOf(extraHeaders);
    }

    public static EdgeSpec of(String cluster) {
        return new EdgeSpec(cluster, null, Map.of());
    }

    public EdgeSpec withTenant(String tenantName) {
        return new EdgeSpec(cluster, tenantName, extraHeaders);
    }

    public EdgeSpec withHeader(String name, String value) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>(extraHeaders);
        h.put(name, value);
        return new EdgeSpec(cluster, tenant, h);
    }
}
