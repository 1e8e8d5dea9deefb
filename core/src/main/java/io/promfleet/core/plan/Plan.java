package io.promfleet.core.plan;

import io.promfleet.api.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A remediation plan: the artefact a person reviews (Markdown) and {@code apply --plan} runs (JSON).
 *
 * @param fleet       the fleet's name
 * @param generatedAt when it was planned
 * @param gateWindow  how long the receiving gates wait
 * @param purgeData   whether removals delete data
 * @param steps       the steps, in order
 * @param unaddressed the findings no remediator answered, for a person to handle
 * @param problems    why actions may be missing: remediators that failed while planning, plugins not loaded
 */
public record Plan(String fleet, Instant generatedAt, Duration gateWindow, boolean purgeData, List<PlanStep> steps,
        List<Finding> unaddressed, List<PlanProblem> problems) {

    /** A plan that met no problem. */
    public Plan(String fleet, Instant generatedAt, Duration gateWindow, boolean purgeData, List<PlanStep> steps,
            List<Finding> unaddressed) {
        this(fleet, generatedAt, gateWindow, purgeData, steps, unaddressed, List.of());
    }

    public Plan {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(gateWindow, "gateWindow");
        steps = List.copyOf(steps);
        unaddressed = List.copyOf(unaddressed);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** This plan with {@code earlier} problems (e.g. plugins not loaded) listed before its own. */
    public Plan withProblems(List<PlanProblem> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<PlanProblem> all = new java.util.ArrayList<>(earlier);
        all.addAll(problems);
        return new Plan(fleet, generatedAt, gateWindow, purgeData, steps, unaddressed, all);
    }
}
