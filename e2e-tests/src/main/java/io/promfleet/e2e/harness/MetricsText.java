package io.promfleet.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus text exposition (format 0.0.4), parsed enough to read counters and gauges. */
public final class MetricsText {

    // HTTP/1.1, as Prometheus scrapes: the JDK client's default h2c upgrade attempt on a plain-http GET
    // once hung here against the proxy's /metrics past the request timeout.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** One sample line. */
    public record Line(String name, Map<String, String> labels, double value) {
    }

    private final List<Line> lines;

    private MetricsText(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    public static MetricsText scrape(URI metricsUrl) {
        return scrape(metricsUrl, HTTP);
    }

    /** Scrapes with {@code client}, e.g. one trusting the CA of an https endpoint. */
    public static MetricsText scrape(URI metricsUrl, HttpClient client) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(metricsUrl).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(metricsUrl + " answered " + r.statusCode());
            }
            return parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + metricsUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static MetricsText parse(String text) {
        List<Line> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            int i = 0;
            while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
                i++;
            }
            String name = line.substring(0, i);
            if (i < line.length() && line.charAt(i) == '{') {
                i = parseLabels(line, i + 1, labels);
            }
            String[] rest = line.substring(i).strip().split("\\s+");
            out.add(new Line(name, labels, parseValue(rest[0])));
        }
        return new MetricsText(out);
    }

    private static int parseLabels(String line, int i, Map<String, String> labels) {
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            int j = eq + 2; // past ="
            StringBuilder value = new StringBuilder();
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char n = line.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static double parseValue(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** Sum over every line of {@code name} whose labels include all of {@code filter} (0 when none). */
    public double sum(String name, Map<String, String> filter) {
        return lines.stream().filter(l -> l.name.equals(name))
                .filter(l -> l.labels.entrySet().containsAll(filter.entrySet()))
                .mapToDouble(Line::value).sum();
    }

    public double sum(String name) {
        return sum(name, Map.of());
    }

    public List<Line> lines(String name) {
        return lines.stream().filter(l -> l.name.equals(name)).toList();
    }
}
