package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import io.promfleet.api.plan.Gate;

/**
 * Checks a gate through the API it names. Checked, never assumed: a checker that cannot reach its API answers
 * "not passed", saying why. {@link DefaultGateChecker} asks Thanos Query, Thanos Ruler and the Kubernetes API;
 * tests inject their own.
 */
@Experimental
@FunctionalInterface
public interface GateChecker {

    GateResult check(Gate gate, GateContext context);
}
