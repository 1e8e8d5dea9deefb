package io.promfleet.core.report;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.model.Cluster;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.audit.CheckInfo;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes JUnit XML, the format CI servers (Jenkins, GitLab, GitHub actions' reporters) show as tests: one
 * test suite per cluster, one test case per check × cluster, failing with the check's findings there. A
 * check that could not be evaluated on a cluster is skipped, saying why. Fleet-level findings (a
 * {@code null} cluster) form a suite of their own, for the checks that report any.
 */
final class JunitReportWriter implements ReportWriter {

    static final String FLEET_SUITE = "fleet";

    @Override
    public void write(AuditReport report, Language language, Writer out) throws IOException {
        Messages m = new Messages(language);
        String timestamp = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                report.generatedAt().truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC));
        List<String> suites = new ArrayList<>(report.fleet().clusters().stream().map(Cluster::name).toList());
        boolean fleetSuite = !report.fleetFindings().isEmpty();
        StringBuilder body = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (String suite : fleetSuite ? append(suites, FLEET_SUITE) : suites) {
            boolean fleet = suite.equals(FLEET_SUITE) && fleetSuite;
            StringBuilder cases = new StringBuilder();
            int suiteTests = 0;
            int suiteFailures = 0;
            int suiteSkipped = 0;
            for (CheckInfo check : report.checks()) {
                List<Finding> findings = report.findings().stream().filter(f -> f.check().equals(check.id()))
                        .filter(f -> fleet ? f.cluster() == null : suite.equals(f.cluster())).toList();
                if (fleet && findings.isEmpty()) {
                    continue;
                }
                suiteTests++;
                cases.append("    <testcase classname=\"promfleet.").append(xml(suite)).append("\" name=\"")
                        .append(xml(check.id())).append("\" time=\"0\">\n");
                List<CoverageGap> gaps = report.coverageGaps().stream().filter(g -> g.check().equals(check.id()))
                        .filter(g -> g.cluster() == null || g.cluster().equals(suite)).toList();
                if (!findings.isEmpty()) {
                    suiteFailures++;
                    Finding worst = findings.get(0);
                    cases.append("      <failure type=\"").append(worst.severity().id()).append("\" message=\"")
                            .append(xml(worst.message())).append("\">");
                    StringBuilder text = new StringBuilder();
                    for (Finding f : findings) {
                        text.append('[').append(ReportFacts.severity(f.severity(), m)).append("] ")
                                .append(ReportFacts.object(f)).append('\n').append(f.message()).append('\n')
                                .append(m.get("label.fix")).append(": ").append(f.remediation()).append("\n\n");
                    }
                    cases.append(xml(text.toString().strip())).append("</failure>\n");
                } else if (!gaps.isEmpty()) {
                    suiteSkipped++;
                    cases.append("      <skipped message=\"").append(xml(m.get("junit.gap", gaps.get(0).reason())))
                            .append("\"/>\n");
                }
                cases.append("    </testcase>\n");
            }
            body.append("  <testsuite name=\"").append(xml(suite)).append("\" tests=\"").append(suiteTests)
                    .append("\" failures=\"").append(suiteFailures).append("\" errors=\"0\" skipped=\"").append(suiteSkipped)
                    .append("\" time=\"0\" timestamp=\"").append(timestamp).append("\">\n").append(cases)
                    .append("  </testsuite>\n");
            tests += suiteTests;
            failures += suiteFailures;
            skipped += suiteSkipped;
        }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"promfleet audit " + xml(report.fleet().name()) + "\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\"0\">\n");
        out.write(body.toString());
        out.write("</testsuites>\n");
        out.flush();
    }

    private static List<String> append(List<String> list, String item) {
        List<String> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    /** Escapes text for an XML attribute or element, dropping the control characters XML 1.0 forbids. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
