package com.example.embedding;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.core.Promfleet;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.report.Language;
import io.promfleet.core.report.ReportFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

/** Audits a fleet from a Java program and prints what needs attention: docs/embedding.md. */
public final class AuditMyFleet {

    public static void main(String[] args) throws IOException {
        Path fleetFile = Path.of(args.length > 0 ? args[0] : "examples/seed-fleet/fleet.yaml");

        try (Promfleet promfleet = Promfleet.builder()
                .setting("price.memory.gib-month", "2.50")   // what the waste estimate charges
                .setting("price.currency", "EUR")
                .checkTimeout(Duration.ofSeconds(30))        // a hung check becomes a coverage gap
                .build()) {

            AuditReport report = promfleet.audit(fleetFile);

            for (Finding finding : report.findings()) {
                if (finding.severity().atLeast(Severity.HIGH)) {
                    System.out.println(finding.check() + " in " + finding.cluster() + ": " + finding.message());
                }
            }
            report.coverageGaps().forEach(gap -> System.out.println("not checked: " + gap));

            StringWriter markdown = new StringWriter();
            ReportFormat.MD.writer().write(report, Language.EN, markdown);
            System.out.println(markdown.toString().lines().findFirst().orElse(""));
        }
    }
}
