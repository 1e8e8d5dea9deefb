package io.promfleet.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Thanos gates, against a loopback HTTP test double speaking Thanos Query's and Ruler's JSON (the real APIs
 * are exercised end to end in e2e-tests): what passes, what does not, and when to come back.
 */
class GateCheckerTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    HttpServer server;
    volatile String queryAnswer;
    volatile String rulesAnswer;
    final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", e -> answer(e, queryAnswer));
        server.createContext("/api/v1/rules", e -> answer(e, rulesAnswer));
        server.start();
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        asked.add(exchange.getRequestURI().toString());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(body.startsWith("{") ? 200 : 503, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    static String vector(String... values) {
        StringBuilder s = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ",").append("{\"metric\":{\"job\":\"j").append(i).append("\"},\"value\":[1.7e9,\"")
                    .append(values[i]).append("\"]}");
        }
        return s.append("]}}").toString();
    }

    static final Gate RECEIVING = new Gate("receiving-c2", Phase.GATE_RECEIVING, "c2", "receiving",
            Gate.Api.THANOS_QUERY, "count(up{cluster=\"c2\"}) > 0", Duration.ofHours(2));

    static GateContext context(Plan plan, PlanStep step, Duration window, Optional<Instant> since) {
        return new GateContext(plan, step, NOW, window, since, c -> {
            throw new AssertionError("no cluster access expected");
        }, null);
    }

    static Plan planWith(Gate gate, Action before) {
        List<PlanStep> steps = before == null ? List.of(new PlanStep(1, gate.phase(), gate.cluster(), null, gate))
                : List.of(new PlanStep(1, before.phase(), before.cluster(), before, null),
                        new PlanStep(2, gate.phase(), gate.cluster(), null, gate));
        return new Plan("f", NOW, Duration.ofHours(2), false, steps, List.of());
    }

    GateResult receiving(Duration window, Optional<Instant> since) {
        Plan plan = planWith(RECEIVING, null);
        return new DefaultGateChecker(url(), url(), null).check(RECEIVING, context(plan, plan.steps().get(0), window, since));
    }

    @Test
    void aQueryGatePassesOnANonEmptyNonZeroResultOnceItsWindowHasElapsed() {
        queryAnswer = vector("3");
        GateResult passed = receiving(Duration.ofHours(2), Optional.of(NOW.minus(Duration.ofHours(3))));
        assertThat(passed.passed()).isTrue();
        assertThat(passed.saw()).contains("3");
        assertThat(asked).singleElement().asString().contains("/api/v1/query?query=count%28up%7Bcluster%3D%22c2%22%7D%29+%3E+0")
                .contains("&time=" + NOW.getEpochSecond());
    }

    @Test
    void aQueryGateDoesNotPassBeforeItsWindowEndsAndSaysWhenToComeBack() {
        queryAnswer = vector("3");
        Instant repointed = NOW.minus(Duration.ofMinutes(30));
        GateResult early = receiving(Duration.ofHours(2), Optional.of(repointed));
        assertThat(early.passed()).isFalse();
        assertThat(early.comeBack()).isEqualTo(repointed.plus(Duration.ofHours(2)));
        assertThat(early.saw()).contains("ends only at 2026-11-24T13:30:00Z");
    }

    @Test
    void anEmptyOrZeroResultDoesNotPass() {
        queryAnswer = vector();
        GateResult empty = receiving(Duration.ofHours(2), Optional.empty());
        assertThat(empty.passed()).isFalse();
        assertThat(empty.saw()).contains("an empty result");
        assertThat(empty.comeBack()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        queryAnswer = vector("1", "0");
        assertThat(receiving(Duration.ZERO, Optional.empty()).passed()).isFalse();
        queryAnswer = "{\"status\":\"error\",\"error\":\"parse error\"}";
        assertThat(receiving(Duration.ZERO, Optional.empty()).saw()).contains("status error: parse error");
        queryAnswer = "unavailable";
        assertThat(receiving(Duration.ZERO, Optional.empty()).saw()).contains("HTTP 503");
    }

    @Test
    void withoutAUrlAGateCannotPassAndSaysWhichFlagIsMissing() {
        Plan plan = planWith(RECEIVING, null);
        GateResult result = new DefaultGateChecker(null, null, null).check(RECEIVING,
                context(plan, plan.steps().get(0), Duration.ZERO, Optional.empty()));
        assertThat(result.passed()).isFalse();
        assertThat(result.saw()).contains("no --query-url");
    }

    @Test
    void aRulerGateWaitsForTheMovedGroupsAndTheirHealth() {
        Map<String, Object> rule = Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", "PrometheusRule",
                "metadata", Map.of("name", "c2-rules", "namespace", "monitoring"),
                "spec", Map.of("groups", List.of(Map.of("name", "c2-general"))));
        Action move = new Action("move-rules-c2", Phase.MOVE_RULES, "c1", "move",
                List.of(ObjectChange.create("c1", "monitoring.coreos.com/v1", "PrometheusRule", "monitoring", "c2-rules",
                        Node.of(rule))), "", "", List.of("edge-rules-stranded"));
        Gate gate = new Gate("rules-evaluated-move-rules-c2", Phase.MOVE_RULES, "c1", "rules", Gate.Api.THANOS_RULER,
                "GET /api/v1/rules", Duration.ZERO);
        Plan plan = planWith(gate, move);
        GateContext context = context(plan, plan.steps().get(1), Duration.ZERO, Optional.empty());
        DefaultGateChecker checker = new DefaultGateChecker(url(), url(), null);

        rulesAnswer = "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"other\",\"rules\":[]}]}}";
        GateResult missing = checker.check(gate, context);
        assertThat(missing.passed()).isFalse();
        assertThat(missing.saw()).contains("not loaded yet: [c2-general]");

        rulesAnswer = "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"c2-general\",\"rules\":["
                + "{\"name\":\"r\",\"health\":\"err\",\"lastError\":\"many-to-many matching not allowed\"}]}]}}";
        GateResult failing = checker.check(gate, context);
        assertThat(failing.passed()).isFalse();
        assertThat(failing.saw()).contains("c2-general/r: health err, lastError many-to-many matching not allowed");

        rulesAnswer = "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"c2-general\",\"rules\":["
                + "{\"name\":\"r\",\"health\":\"ok\",\"lastError\":\"\"}]}]}}";
        assertThat(checker.check(gate, context).passed()).isTrue();
    }
}
