package io.promfleet.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Prometheus HTTP query API (as Thanos Query serves it), read with the JDK client. */
public final class PromClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One raw sample. */
    public record Sample(long timestampMillis, double value) {
    }

    /** One series of an instant-vector or range-vector result. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
    }

    private final URI base;

    public PromClient(URI base) {
        this.base = base;
    }

    public URI url() {
        return base;
    }

    /** An instant query evaluated now; for a range selector ({@code x[5m]}) every raw sample is returned. */
    public List<Series> query(String promql) {
        return query(promql, Instant.now());
    }

    public List<Series> query(String promql, Instant at) {
        String t = String.format(java.util.Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0);
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + t
                + "&partial_response=false");
        List<Series> out = new ArrayList<>();
        String type = data.path("resultType").asText();
        for (JsonNode r : data.path("result")) {
            Map<String, String> labels = new TreeMap<>();
            r.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            List<Sample> samples = new ArrayList<>();
            if (type.equals("matrix")) {
                for (JsonNode v : r.path("values")) {
                    samples.add(sample(v));
                }
            } else {
                samples.add(sample(r.path("value")));
            }
            out.add(new Series(labels, samples));
        }
        return out;
    }

    /** Every raw sample of the series matching {@code selector} in the last {@code range}, by series labels. */
    public Map<Map<String, String>, List<Sample>> rawSamples(String selector, Duration range) {
        Map<Map<String, String>, List<Sample>> out = new LinkedHashMap<>();
        for (Series s : query(selector + "[" + range.toSeconds() + "s]")) {
            out.put(s.labels(), s.samples());
        }
        return out;
    }

    /** The store endpoints Thanos Query sees, by type ({@code /api/v1/stores}). */
    public JsonNode stores() {
        return get("/api/v1/stores");
    }

    private static Sample sample(JsonNode pair) {
        return new Sample(Math.round(pair.get(0).asDouble() * 1000), Double.parseDouble(pair.get(1).asText()));
    }

    private JsonNode get(String pathAndQuery) {
        URI uri = base.resolve(pathAndQuery);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new IllegalStateException("cannot query " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
