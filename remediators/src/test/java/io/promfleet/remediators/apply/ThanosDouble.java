package io.promfleet.remediators.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP test double of Thanos Query ({@code /api/v1/query}) and Thanos Ruler ({@code /api/v1/rules}),
 * speaking their JSON shapes: queries answer a one-sample vector of 1 while {@link #receiving} is true and an
 * empty vector otherwise; the rules endpoint lists every group of the PrometheusRules the plan moves, healthy.
 * The real APIs are exercised end to end elsewhere (e2e-tests); this one only lets the apply tests pass or fail
 * a gate on purpose.
 */
final class ThanosDouble implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile boolean receiving = true;

    ThanosDouble(Plan plan) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Object> groups = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            if (step.isGate()) {
                continue;
            }
            step.action().changes().stream().filter(c -> c instanceof ObjectChange o && o.kind().equals("PrometheusRule"))
                    .flatMap(c -> ((ObjectChange) c).after().path("spec", "groups").elements().stream())
                    .forEach((Node g) -> groups.add(Map.of("name", g.get("name").text(""), "file", "x.yaml",
                            "rules", List.of(Map.of("name", "r", "health", "ok", "lastError", "")))));
        }
        server.createContext("/api/v1/query", exchange -> {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            queries.add(query);
            List<Object> result = receiving
                    ? List.of(Map.of("metric", Map.of(), "value", List.of(1.7e9, "1"))) : List.of();
            answer(exchange, Map.of("status", "success", "data", Map.of("resultType", "vector", "result", result)));
        });
        server.createContext("/api/v1/rules", exchange -> answer(exchange,
                Map.of("status", "success", "data", Map.of("groups", groups))));
        server.start();
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
