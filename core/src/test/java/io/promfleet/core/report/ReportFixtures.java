package io.promfleet.core.report;

import static io.promfleet.core.TestFleets.cluster;

import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.TestInspector;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** One audit with a cluster finding, a fleet-level finding and a coverage gap, for the report writers. */
final class ReportFixtures {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00.123Z");

    private ReportFixtures() {}

    static AuditReport report() {
        Fleet fleet = new Fleet("lab-fleet", List.of(
                cluster("cluster-01", ClusterRole.CENTRAL), cluster("cluster-02", ClusterRole.EDGE)));
        TestInspector unresolvable = new TestInspector("remote-write-unresolvable", Severity.HIGH, c -> c.report(
                c.finding().cluster("cluster-02").object("monitoring", "ConfigMap", "prometheus-agent-config")
                        .message("the host a|b cannot resolve\nfrom cluster-02").remediation("point it elsewhere")
                        .evidence("url", "http://x|y:19291/api/v1/receive").build()));
        TestInspector waste = new TestInspector("resource-waste", Severity.MEDIUM, c -> c.report(
                c.finding().message("6 GiB of memory is spent twice").remediation("remove the duplicates")
                        .evidence("memory", "6.6 GiB | 600 MiB\nafter").build()));
        TestInspector blind = new TestInspector("pod-failed", Severity.HIGH,
                c -> c.coverageGap("cluster-01", "no pods exported"));
        return new AuditEngine(List.of(unresolvable, waste, blind), Settings.empty(), Clock.fixed(NOW, ZoneOffset.UTC))
                .audit(fleet);
    }

    static String render(ReportFormat format, Language language, AuditReport report) {
        StringWriter out = new StringWriter();
        try {
            format.writer().write(report, language, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
