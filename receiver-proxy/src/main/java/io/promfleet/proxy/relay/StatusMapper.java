package io.promfleet.proxy.relay;

import io.promfleet.proxy.decode.Protocol;
import io.promfleet.proxy.metrics.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the upstream's verdict into the sender's, so that nothing is lost and nothing is retried forever.
 *
 * <ul>
 *   <li>2xx: written. 1.0 gets the upstream's own 2xx; 2.0 gets 204 (spec "Response": SHOULD be 204).</li>
 *   <li>400 and 409 (Thanos' out-of-order, out-of-bounds and duplicate conflicts): the same 4xx, so the
 *       sender drops data that can never be stored (spec "Invalid Samples": senders MUST NOT retry 4xx).</li>
 *   <li>413 passes through: the batch is too big for the upstream and will stay so.</li>
 *   <li>5xx, 429, refused, timeout, dropped: 503 with the upstream's {@code Retry-After}. Not 429: Prometheus
 *       does not retry 429 unless told to (spec "Retries &amp; Backoff": senders MAY retry 429, MUST retry 5xx).</li>
 *   <li>Any other 4xx (401, 403, 404, 415 ...) means the proxy's upstream setup is wrong, not the data:
 *       503, so the sender keeps its samples until the setup is fixed.</li>
 * </ul>
 * 2.0 responses always carry the three {@code X-Prometheus-Remote-Write-*-Written} headers (spec
 * "Required Written Response Headers"): the upstream's own counts when it sent them, else the whole
 * request on 2xx and 0 otherwise, because a 1.0 upstream accepts or rejects a request as a whole.
 */
public final class StatusMapper {

    public static final String SAMPLES_WRITTEN = "X-Prometheus-Remote-Write-Samples-Written";
    public static final String HISTOGRAMS_WRITTEN = "X-Prometheus-Remote-Write-Histograms-Written";
    public static final String EXEMPLARS_WRITTEN = "X-Prometheus-Remote-Write-Exemplars-Written";
    private static final int MAX_BODY = 1024;

    private StatusMapper() {
    }

    /** What the request held, for the Written headers. */
    public record Counts(long samples, long histograms, long exemplars) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }

    public static ProxyResponse map(UpstreamResult r, Protocol protocol, Counts counts, int defaultRetryAfterSeconds) {
        int s = r.status();
        ProxyResponse response;
        boolean written = false;
        if (s >= 200 && s < 300) {
            written = true;
            response = ProxyResponse.of(protocol == Protocol.V2 ? 204 : s, Outcome.ACCEPTED, null, "");
        } else if (s == 400) {
            response = ProxyResponse.of(400, Outcome.UPSTREAM_REJECTED, null, upstreamSays(r));
        } else if (s == 409) {
            response = ProxyResponse.of(409, Outcome.UPSTREAM_CONFLICT, null, upstreamSays(r));
        } else if (s == 413) {
            response = ProxyResponse.of(413, Outcome.UPSTREAM_TOO_LARGE, null, upstreamSays(r));
        } else {
            String why = s == 0 ? r.failure() : "status " + s;
            response = unavailable("upstream " + r.upstream() + " unavailable (" + why + ")",
                    r.retryAfter() != null ? r.retryAfter() : Integer.toString(defaultRetryAfterSeconds));
        }
        if (protocol == Protocol.V2) {
            response = response.withHeaders(writtenHeaders(r, written ? counts : Counts.NONE));
        }
        return response;
    }

    /** 503 for anything the sender should retry: upstream trouble or the proxy's own overload. */
    public static ProxyResponse unavailable(String message, String retryAfter) {
        return new ProxyResponse(503, Map.of("Retry-After", retryAfter), message, Outcome.UPSTREAM_UNAVAILABLE, null);
    }

    public static Map<String, String> writtenHeaders(UpstreamResult r, Counts counts) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SAMPLES_WRITTEN, r != null && r.samplesWritten() != null ? r.samplesWritten() : Long.toString(counts.samples()));
        h.put(HISTOGRAMS_WRITTEN, r != null && r.histogramsWritten() != null ? r.histogramsWritten()
                : Long.toString(counts.histograms()));
        h.put(EXEMPLARS_WRITTEN, r != null && r.exemplarsWritten() != null ? r.exemplarsWritten()
                : Long.toString(counts.exemplars()));
        return h;
    }

    private static String upstreamSays(UpstreamResult r) {
        String body = r.body() == null ? "" : r.body().strip();
        if (body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY) + "...";
        }
        return "upstream " + r.upstream() + " answered " + r.status() + (body.isEmpty() ? "" : ": " + body);
    }
}
