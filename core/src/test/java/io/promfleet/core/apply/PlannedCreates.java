package io.promfleet.core.apply;

import io.promfleet.api.plan.ObjectChange;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects a plan creates on one cluster before a given step: what the apply tests' stand-ins for a
 * cluster's controllers (StatefulSet readiness, a load balancer's address) act on when a gate is reached.
 * Shared through the test jar (mock and k3s apply tests).
 */
public final class PlannedCreates {

    private PlannedCreates() {
    }

    /** The creates of the steps before step {@code number} (1-based) on {@code cluster}, in plan order. */
    public static List<ObjectChange> before(Plan plan, String cluster, int number) {
        List<ObjectChange> creates = new ArrayList<>();
        for (PlanStep step : plan.steps().subList(0, number - 1)) {
            if (step.isGate() || !step.cluster().equals(cluster)) {
                continue;
            }
            for (var change : step.action().changes()) {
                if (change instanceof ObjectChange o && o.operation() == ObjectChange.Operation.CREATE) {
                    creates.add(o);
                }
            }
        }
        return creates;
    }
}
