package io.promfleet.core.audit;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Fleet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one audit.
 *
 * @param fleet        the fleet audited; after a streaming audit its edge clusters hold their topology and
 *                     only the objects findings and suppressions look up (see {@code ClusterSummary})
 * @param generatedAt  when the audit ran
 * @param checks       the checks that ran
 * @param findings     what they found, most severe first
 * @param coverageGaps what could not be checked
 * @param suppressed   how many findings {@code promfleet.io/ignore} annotations suppressed
 */
public record AuditReport(
        Fleet fleet,
        Instant generatedAt,
        List<CheckInfo> checks,
        List<Finding> findings,
        List<CoverageGap> coverageGaps,
        int suppressed) {

    public AuditReport {
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
        coverageGaps = List.copyOf(coverageGaps);
    }

    public AuditSummary summary() {
        return AuditSummary.of(findings);
    }

    /** True when some finding is at least as severe as {@code threshold}. */
    public boolean hasFindingAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    public List<Finding> findingsFor(String cluster) {
        return findings.stream().filter(f -> cluster.equals(f.cluster())).toList();
    }

    public List<Finding> fleetFindings() {
        return findings.stream().filter(Finding::isFleetLevel).toList();
    }

    public Optional<Finding> firstOf(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst();
    }
}
