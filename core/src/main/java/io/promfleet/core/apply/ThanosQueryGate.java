package io.promfleet.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.promfleet.api.plan.Gate;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Gate.Api#THANOS_QUERY} gate: the gate's PromQL as an instant query against Thanos Query's
 * {@code /api/v1/query}. It passes when the result is not empty and no sample is 0 or NaN (a comparison that
 * fails filters its sample out; a {@code bool} one yields 0), and when the window has elapsed since the last
 * change in the gate's cluster: data from before a repoint cannot vouch for it.
 */
final class ThanosQueryGate {

    private final PrometheusHttp http;
    private final URI queryUrl;

    ThanosQueryGate(PrometheusHttp http, URI queryUrl) {
        this.http = http;
        this.queryUrl = queryUrl;
    }

    GateResult check(Gate gate, GateContext context) {
        if (queryUrl == null) {
            return GateResult.notPassed("`" + gate.query() + "` against Thanos Query",
                    "nothing: no --query-url was given (Thanos Query's base URL, e.g. http://localhost:9090 through "
                            + "`kubectl port-forward svc/thanos-query 9090`)", null);
        }
        Instant now = context.now();
        String checked = "`" + gate.query() + "` at " + now + " against " + PrometheusHttp.redact(queryUrl)
                + "/api/v1/query";
        Duration window = context.window();
        Instant notBefore = context.since().filter(s -> !window.isZero()).map(s -> s.plus(window)).orElse(null);
        JsonNode data;
        try {
            data = http.get(queryUrl, "/api/v1/query?query=" + URLEncoder.encode(gate.query(), StandardCharsets.UTF_8)
                    + "&time=" + now.getEpochSecond());
        } catch (IOException e) {
            return GateResult.notPassed(checked, e.getMessage(), null);
        }
        List<String> samples = new ArrayList<>();
        boolean allNonZero = true;
        String type = data.path("resultType").asText();
        if (type.equals("scalar")) {
            String v = data.path("result").path(1).asText("0");
            samples.add(v);
            allNonZero = nonZero(v);
        } else {
            for (JsonNode series : data.path("result")) {
                String v = series.path("value").path(1).asText("0");
                samples.add(series.path("metric").toString() + " " + v);
                allNonZero &= nonZero(v);
            }
        }
        boolean holds = !samples.isEmpty() && allNonZero;
        String saw = samples.isEmpty() ? "an empty result" : String.join(", ", samples.subList(0, Math.min(5,
                samples.size()))) + (samples.size() > 5 ? " and " + (samples.size() - 5) + " more" : "");
        if (!holds) {
            Instant earliest = now.plus(window.isZero() ? Duration.ofMinutes(1) : window);
            if (notBefore != null && notBefore.isAfter(earliest)) {
                earliest = notBefore;
            }
            return GateResult.notPassed(checked, saw + (window.isZero() ? "" : "; the condition must then hold for "
                    + window), earliest);
        }
        if (notBefore != null && now.isBefore(notBefore)) {
            return GateResult.notPassed(checked, saw + "; but the window of " + window + " since the last change in "
                    + gate.cluster() + " (" + context.since().get() + ") ends only at " + notBefore, notBefore);
        }
        return GateResult.passed(checked, saw);
    }

    private static boolean nonZero(String value) {
        try {
            double d = Double.parseDouble(value);
            return d != 0 && !Double.isNaN(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
