package io.promfleet.core.apply;

import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a gate check may use.
 *
 * @param plan       the plan being applied
 * @param step       the gate's step
 * @param now        the time of the check
 * @param window     how long the condition must have held: {@code --gate-window} for the receiving gates when
 *                   given, else the gate's own
 * @param since      when the last change in the gate's cluster completed (the window cannot have started
 *                   earlier), if the journal knows
 * @param clusters   the cluster's API, by the fleet's cluster name
 * @param receiveUrl the remote-write URL given with {@code --receive-url}, or null
 */
public record GateContext(Plan plan, PlanStep step, Instant now, Duration window, Optional<Instant> since,
        Function<String, KubeWriter> clusters, String receiveUrl) {}
