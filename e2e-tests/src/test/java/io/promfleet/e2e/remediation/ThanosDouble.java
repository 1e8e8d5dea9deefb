package io.promfleet.e2e.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promfleet.e2e.harness.k3s.KubeApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A loopback test double of Thanos Query ({@code /api/v1/query}) and Thanos Ruler ({@code /api/v1/rules}) for the
 * apply's gates. Why a double: these API servers hold objects, not Prometheus data — no agent runs, no sample
 * flows — so the real Query would answer every gate with an empty result. The real query path (agents →
 * receiver-proxy → Thanos Receive → Query) is tested end to end in PipelineIT.
 *
 * <p>Query answers a one-sample vector of 1 to every query (every edge is being received). Ruler lists, as loaded
 * and healthy, the rule groups of the PrometheusRules that really exist on the central API server at the time it
 * is asked: the gate after a rule move passes only if the engine really created them there.
 */
final class ThanosDouble implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    ThanosDouble(KubeApi central) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/query", exchange -> answer(exchange, () -> Map.of("resultType", "vector",
                "result", List.of(Map.of("metric", Map.of(), "value", List.of(1.7e9, "1"))))));
        server.createContext("/api/v1/rules", exchange -> answer(exchange, () -> Map.of("groups", loadedGroups(central))));
        server.start();
    }

    private static List<Object> loadedGroups(KubeApi central) {
        List<Object> groups = new ArrayList<>();
        central.resource("monitoring.coreos.com/v1", "PrometheusRule").ifPresent(resource -> {
            for (JsonNode rule : central.list(resource)) {
                for (JsonNode group : rule.path("spec").path("groups")) {
                    List<Object> rules = new ArrayList<>();
                    for (JsonNode r : group.path("rules")) {
                        rules.add(Map.of("name", r.path("alert").asText(r.path("record").asText("?")),
                                "health", "ok", "lastError", ""));
                    }
                    groups.add(Map.of("name", group.path("name").asText(), "file",
                            rule.path("metadata").path("name").asText() + ".yaml", "rules", rules));
                }
            }
        });
        return groups;
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, Supplier<Object> data) throws IOException {
        byte[] bytes;
        int code = 200;
        try {
            bytes = JSON.writeValueAsBytes(Map.of("status", "success", "data", data.get()));
        } catch (RuntimeException e) {
            code = 500;
            bytes = JSON.writeValueAsBytes(Map.of("status", "error", "error", String.valueOf(e)));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
