package io.promfleet.core.apply;

import io.promfleet.api.Finding;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The final gate as {@code promfleet audit --live} would answer it: audits the fleet again and lists the findings
 * of the checks the plan's actions addressed, in the clusters it is about, that are still reported.
 */
public final class LiveAuditVerifier implements FleetVerifier {

    private final Supplier<AuditReport> audit;

    /** @param audit a fresh live audit of the fleet each time it is asked */
    public LiveAuditVerifier(Supplier<AuditReport> audit) {
        this.audit = audit;
    }

    @Override
    public List<String> remaining(Plan plan) {
        // By check, in any cluster the plan is about: a rule move changes the central for an edge's finding.
        Set<String> addressed = new HashSet<>();
        Set<String> clusters = new HashSet<>();
        for (PlanStep step : plan.steps()) {
            if (step.cluster() != null) {
                clusters.add(step.cluster());
            }
            if (!step.isGate()) {
                addressed.addAll(step.action().addresses());
            }
        }
        return audit.get().findings().stream()
                .filter(f -> addressed.contains(f.check()) && (f.cluster() == null || clusters.contains(f.cluster())))
                .map(LiveAuditVerifier::line).toList();
    }

    private static String line(Finding f) {
        return f.severity().id() + " " + f.check() + " " + f.cluster() + " " + f.kind() + "/" + f.namespace() + "/" + f.name();
    }
}
