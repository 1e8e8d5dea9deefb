package io.promfleet.core.audit;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs inspectors over a fleet. A check that throws becomes a coverage gap and the audit goes on: one
 * broken plugin must not hide what every other check found.
 */
public final class AuditEngine {

    private static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::severity)
            .thenComparing(Finding::check)
            .thenComparing(f -> f.cluster() == null ? "" : f.cluster())
            .thenComparing(f -> Objects.toString(f.namespace(), ""))
            .thenComparing(f -> Objects.toString(f.kind(), ""))
            .thenComparing(f -> Objects.toString(f.name(), ""));

    private final List<Inspector> inspectors;
    private final Settings settings;
    private final Clock clock;

    public AuditEngine(List<Inspector> inspectors, Settings settings) {
        this(inspectors, settings, Clock.systemUTC());
    }

    public AuditEngine(List<Inspector> inspectors, Settings settings, Clock clock) {
        this.inspectors = List.copyOf(inspectors);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AuditReport audit(Fleet fleet) {
        List<Finding> findings = new ArrayList<>();
        List<CoverageGap> gaps = new ArrayList<>();
        int suppressed = 0;
        for (Inspector inspector : inspectors) {
            Context context = new Context(inspector, fleet);
            try {
                inspector.inspect(context);
            } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
                // Exception, not only RuntimeException: a plugin can throw a checked one undeclared.
                gaps.add(new CoverageGap(inspector.id(), null, "the check failed and did not finish: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
            gaps.addAll(context.gaps);
            for (Finding finding : context.findings) {
                if (isSuppressed(fleet, finding)) {
                    suppressed++;
                } else {
                    findings.add(finding);
                }
            }
        }
        findings.sort(ORDER);
        List<CheckInfo> checks = inspectors.stream().map(CheckInfo::of).toList();
        return new AuditReport(fleet, clock.instant(), checks, findings, gaps, suppressed);
    }

    /** A finding is suppressed when its object carries {@code promfleet.io/ignore} naming its check. */
    private static boolean isSuppressed(Fleet fleet, Finding finding) {
        if (finding.cluster() == null || finding.kind() == null || finding.name() == null) {
            return false;
        }
        Optional<Cluster> cluster = fleet.cluster(finding.cluster());
        return cluster.flatMap(c -> c.object(finding.kind(), finding.namespace(), finding.name()))
                .map(KubeObject::ignoredChecks)
                .map(ignored -> ignored.contains(finding.check()))
                .orElse(false);
    }

    private final class Context implements InspectionContext {
        private final Inspector inspector;
        private final Fleet fleet;
        private final List<Finding> findings = new ArrayList<>();
        private final List<CoverageGap> gaps = new ArrayList<>();

        Context(Inspector inspector, Fleet fleet) {
            this.inspector = inspector;
            this.fleet = fleet;
        }

        @Override
        public Fleet fleet() {
            return fleet;
        }

        @Override
        public Settings settings() {
            return settings;
        }

        @Override
        public Finding.Builder finding() {
            return Finding.builder(inspector.id(), inspector.defaultSeverity());
        }

        @Override
        public void report(Finding finding) {
            Objects.requireNonNull(finding, "finding");
            // Check ids are a contract: a report line must lead to the class that wrote it. A finding
            // that breaks it is dropped as a gap, and the check's other findings still count.
            if (!finding.check().equals(inspector.id())) {
                coverageGap(null, "a finding was dropped: it claims another check id '"
                        + finding.check() + "'");
            } else if (finding.cluster() != null && fleet.cluster(finding.cluster()).isEmpty()) {
                coverageGap(null, "a finding was dropped: it names cluster '" + finding.cluster()
                        + "', which is not in the fleet");
            } else {
                findings.add(finding);
            }
        }

        @Override
        public void coverageGap(String cluster, String reason) {
            gaps.add(new CoverageGap(inspector.id(), cluster, reason));
        }
    }
}
