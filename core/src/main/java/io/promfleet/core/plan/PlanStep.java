package io.promfleet.core.plan;

import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.Phase;
import java.util.Objects;

/**
 * One numbered step of a plan: an action to make, or a gate to wait for — never both, so that {@code apply}
 * and its journal advance one step at a time and a step changes one cluster.
 *
 * @param number  1-based position in the plan
 * @param phase   its phase
 * @param cluster the cluster it changes (an action) or is about (a gate)
 * @param action  the action, or {@code null} for a gate
 * @param gate    the gate, or {@code null} for an action
 */
public record PlanStep(int number, Phase phase, String cluster, Action action, Gate gate) {

    public PlanStep {
        Objects.requireNonNull(phase, "phase");
        if ((action == null) == (gate == null)) {
            throw new IllegalArgumentException("step " + number + " must be an action or a gate");
        }
    }

    public boolean isGate() {
        return gate != null;
    }

    /** The action's or gate's id. */
    public String id() {
        return action != null ? action.id() : gate.id();
    }
}
