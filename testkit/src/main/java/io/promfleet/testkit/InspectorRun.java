package io.promfleet.testkit;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.Stable;
import io.promfleet.core.audit.AuditReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of running one inspector over one fixture: its findings and coverage gaps, with fluent
 * assertions in the spirit of JUnit's {@code EngineTestKit}.
 */
@Stable(since = "0.1")
public final class InspectorRun {

    private final String checkId;
    private final String fixture;
    private final AuditReport report;

    InspectorRun(String checkId, String fixture, AuditReport report) {
        this.checkId = checkId;
        this.fixture = fixture;
        this.report = report;
    }

    /** The id of the check that ran. */
    public String checkId() {
        return checkId;
    }

    /** What the check found, most severe first (suppressed findings left out, as in a real audit). */
    public List<Finding> findings() {
        return report.findings();
    }

    /** What the check could not evaluate, including a failure or a time-out of the check itself. */
    public List<CoverageGap> coverageGaps() {
        return report.coverageGaps();
    }

    /** The whole audit report, e.g. to render it with a report writer. */
    public AuditReport report() {
        return report;
    }

    /** Starts assertions on the findings. */
    public FindingsAssert assertFindings() {
        return new FindingsAssert(this);
    }

    /** Fails when the check left a coverage gap, e.g. because it threw. */
    public InspectorRun assertNoCoverageGaps() {
        if (!coverageGaps().isEmpty()) {
            throw new AssertionError("expected no coverage gap of " + checkId + " but got " + coverageGaps().size()
                    + "\n" + describe());
        }
        return this;
    }

    /** Fails unless some gap is in {@code cluster} ({@code null}: fleet level) with a reason containing {@code reasonFragment}. */
    public InspectorRun assertCoverageGap(String cluster, String reasonFragment) {
        if (coverageGaps().stream().noneMatch(g -> matches(g, cluster, reasonFragment))) {
            throw new AssertionError("expected a coverage gap of " + checkId + " in " + (cluster == null ? "the fleet" : cluster)
                    + " whose reason contains '" + reasonFragment + "'\n" + describe());
        }
        return this;
    }

    /**
     * The gaps are exactly these {@code expected-gaps.txt} lines, {@code cluster reason-fragment}
     * ({@code -} for a fleet-level gap), one gap per line.
     */
    public InspectorRun assertCoverageGapLines(List<String> lines) {
        List<CoverageGap> unmatched = new ArrayList<>(coverageGaps());
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+", 2);
            String cluster = parts[0].equals("-") ? null : parts[0];
            String fragment = parts.length > 1 ? parts[1] : "";
            CoverageGap match = unmatched.stream().filter(g -> matches(g, cluster, fragment)).findFirst()
                    .orElseThrow(() -> new AssertionError("expected a coverage gap '" + line + "' of " + checkId
                            + "\n" + describe()));
            unmatched.remove(match);
        }
        if (!unmatched.isEmpty()) {
            throw new AssertionError("unexpected coverage gaps of " + checkId + ": " + unmatched + "\n" + describe());
        }
        return this;
    }

    private static boolean matches(CoverageGap gap, String cluster, String fragment) {
        return Objects.equals(gap.cluster(), cluster) && gap.reason().contains(fragment);
    }

    /** Every finding and gap, one a line, for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder(checkId + " on " + fixture + " reported:");
        if (findings().isEmpty() && coverageGaps().isEmpty()) {
            sb.append(" nothing");
        }
        for (Finding f : findings()) {
            sb.append("\n  finding ").append(FindingPattern.line(f)).append(" [").append(f.severity().id())
                    .append("]: ").append(f.message());
        }
        for (CoverageGap g : coverageGaps()) {
            sb.append("\n  gap ").append(g.cluster() == null ? "-" : g.cluster()).append(": ").append(g.reason());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
