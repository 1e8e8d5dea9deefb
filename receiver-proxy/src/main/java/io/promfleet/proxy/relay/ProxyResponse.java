package io.promfleet.proxy.relay;

import io.promfleet.proxy.metrics.Outcome;
import java.util.Map;

/** The answer the sender gets: status, headers, a plain-text body, and the outcome it is counted as. */
public record ProxyResponse(int status, Map<String, String> headers, String body, Outcome outcome, String rule) {

    public static ProxyResponse of(int status, Outcome outcome, String rule, String body) {
        return new ProxyResponse(status, Map.of(), body, outcome, rule);
    }

    public ProxyResponse withHeaders(Map<String, String> extra) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ProxyResponse(status, Map.copyOf(all), body, outcome, rule);
    }
}
