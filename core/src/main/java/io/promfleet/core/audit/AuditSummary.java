package io.promfleet.core.audit;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts of an audit's findings.
 *
 * @param worst      the most severe finding's severity, empty when there is none
 * @param findings   how many findings
 * @param bySeverity how many of each severity, most severe first, severities with none left out
 */
public record AuditSummary(Optional<Severity> worst, int findings, Map<Severity, Integer> bySeverity) {

    public AuditSummary {
        EnumMap<Severity, Integer> ordered = new EnumMap<>(Severity.class);
        ordered.putAll(bySeverity);
        bySeverity = Collections.unmodifiableMap(ordered);
    }

    static AuditSummary of(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        Optional<Severity> worst = counts.keySet().stream().min(Enum::compareTo);
        return new AuditSummary(worst, findings.size(), counts);
    }
}
