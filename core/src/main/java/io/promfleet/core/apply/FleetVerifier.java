package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import io.promfleet.core.plan.Plan;
import java.util.List;

/**
 * The final gate's audit: audits the fleet again (live) and answers the findings of the checks the plan
 * addressed that are still there. Supplied by whoever can audit (the CLI, {@code Promfleet}); the engine itself
 * knows no inspector.
 */
@Experimental
@FunctionalInterface
public interface FleetVerifier {

    /** One line per finding still reported, e.g. {@code high duplicate-full-prometheus cluster-02 Prometheus/...}. */
    List<String> remaining(Plan plan);
}
