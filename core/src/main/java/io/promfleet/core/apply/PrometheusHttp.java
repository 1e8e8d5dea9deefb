package io.promfleet.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs against a Prometheus-compatible HTTP API (Thanos Query, Thanos Ruler): the answer's {@code data}, or an
 * {@link IOException} saying what went wrong. The base URL may carry user info (a proxy's basic auth); it is
 * never printed with it.
 */
final class PrometheusHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    PrometheusHttp(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    JsonNode get(URI base, String pathAndQuery) throws IOException {
        String root = base.toString().replaceAll("/+$", "");
        URI uri = URI.create(root + pathAndQuery);
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(redact(base) + " did not answer: " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(redact(base) + pathAndQuery.replaceAll("\\?.*", "") + " answered HTTP "
                    + response.statusCode() + ": " + abbreviate(response.body()));
        }
        JsonNode root2;
        try {
            root2 = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(redact(base) + " answered something that is not JSON: " + abbreviate(response.body()));
        }
        if (!"success".equals(root2.path("status").asText())) {
            throw new IOException(redact(base) + " answered status " + root2.path("status").asText("?") + ": "
                    + root2.path("error").asText(""));
        }
        return root2.path("data");
    }

    /** {@code uri} without user info, for messages. */
    static String redact(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static String abbreviate(String text) {
        return abbreviate(text, 200);
    }

    /** {@code text} on one line, cut to {@code limit} characters (then marked with an ellipsis). */
    static String abbreviate(String text, int limit) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > limit ? oneLine.substring(0, limit) + "…" : oneLine;
    }
}
