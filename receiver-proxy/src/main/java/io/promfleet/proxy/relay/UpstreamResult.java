package io.promfleet.proxy.relay;

/**
 * What one upstream said, or why it said nothing.
 *
 * @param status HTTP status, or 0 when no response came (refused, timeout, dropped connection)
 * @param failure why no response came ({@code connection-refused}, {@code timeout}, ...), else {@code null}
 * @param body the upstream's error text, shortened; empty on success
 * @param retryAfter the upstream's {@code Retry-After}, or {@code null}
 * @param samplesWritten the upstream's own {@code X-Prometheus-Remote-Write-Samples-Written}, or {@code null}
 */
public record UpstreamResult(String upstream, int status, String failure, String body, String retryAfter,
                             String samplesWritten, String histogramsWritten, String exemplarsWritten) {

    public static UpstreamResult failed(String upstream, String failure) {
        return new UpstreamResult(upstream, 0, failure, "", null, null, null, null);
    }

    /** Whether another upstream may do better: no answer, a server error, or overload. */
    public boolean unavailable() {
        return status == 0 || status >= 500 || status == 429;
    }

    /** The metric tag: the status code, or the failure kind. */
    public String resultTag() {
        return status == 0 ? failure : Integer.toString(status);
    }
}
