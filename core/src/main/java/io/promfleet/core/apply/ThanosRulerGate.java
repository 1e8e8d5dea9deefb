package io.promfleet.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.plan.PlanStep;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Gate.Api#THANOS_RULER} gate: Thanos Ruler's {@code /api/v1/rules} lists every rule group the plan moved
 * (those of the action the gate follows, or of every rule move for the final gate), and none of their rules has
 * an evaluation error or has yet to be evaluated.
 */
final class ThanosRulerGate {

    private final PrometheusHttp http;
    private final URI rulerUrl;

    ThanosRulerGate(PrometheusHttp http, URI rulerUrl) {
        this.http = http;
        this.rulerUrl = rulerUrl;
    }

    GateResult check(Gate gate, GateContext context) {
        Set<String> expected = expectedGroups(gate, context);
        String checked = "rule groups " + (expected.isEmpty() ? "(all)" : expected) + " loaded and healthy, asked of "
                + (rulerUrl == null ? "Thanos Ruler" : PrometheusHttp.redact(rulerUrl)) + "/api/v1/rules";
        if (rulerUrl == null) {
            return GateResult.notPassed(checked, "nothing: no --ruler-url was given (Thanos Ruler's base URL, e.g. "
                    + "through `kubectl port-forward svc/thanos-ruler-operated 10902`)", null);
        }
        JsonNode data;
        try {
            data = http.get(rulerUrl, "/api/v1/rules");
        } catch (IOException e) {
            return GateResult.notPassed(checked, e.getMessage(), null);
        }
        Set<String> loaded = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode group : data.path("groups")) {
            String name = group.path("name").asText();
            loaded.add(name);
            if (!expected.isEmpty() && !expected.contains(name)) {
                continue;
            }
            for (JsonNode rule : group.path("rules")) {
                String health = rule.path("health").asText("unknown");
                String error = rule.path("lastError").asText("");
                if (!health.equals("ok") || !error.isEmpty()) {
                    problems.add(name + "/" + rule.path("name").asText("?") + ": health " + health
                            + (error.isEmpty() ? "" : ", lastError " + PrometheusHttp.abbreviate(error)));
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(loaded);
        if (!missing.isEmpty()) {
            return GateResult.notPassed(checked, "not loaded yet: " + missing + " (" + loaded.size()
                    + " groups loaded)", context.now().plus(Duration.ofMinutes(1)));
        }
        if (!problems.isEmpty()) {
            return GateResult.notPassed(checked, problems.size() + " rules not healthy: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))),
                    context.now().plus(Duration.ofMinutes(1)));
        }
        return GateResult.passed(checked, loaded.size() + " groups loaded, every rule healthy");
    }

    /** The groups of the PrometheusRules the gate's action created (the step before it), or of every rule move. */
    private static Set<String> expectedGroups(Gate gate, GateContext context) {
        Set<String> groups = new LinkedHashSet<>();
        List<PlanStep> steps = context.plan().steps();
        int at = context.step().number() - 1;
        boolean previousOnly = at > 0 && !steps.get(at - 1).isGate() && gate.phase() == Phase.MOVE_RULES;
        for (PlanStep step : previousOnly ? steps.subList(at - 1, at) : steps) {
            if (step.isGate() || step.action().phase() != Phase.MOVE_RULES) {
                continue;
            }
            step.action().changes().stream().filter(c -> c instanceof ObjectChange o && o.kind().equals("PrometheusRule"))
                    .map(c -> ((ObjectChange) c).after())
                    .forEach(after -> after.path("spec", "groups").elements().stream().map((Node g) -> g.get("name").text(""))
                            .filter(n -> !n.isEmpty()).forEach(groups::add));
        }
        return groups;
    }
}
