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
 */
public record Plan(String fleet, Instant generatedAt, Duration gateWindow, boolean purgeData, List<PlanStep> steps,
        List<Finding> unaddressed) {

    public Plan {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(gateWindow, "gateWindow");
        steps = List.copyOf(steps);
        unaddressed = List.copyOf(unaddressed);
    }
}
