package io.promfleet.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.audit.AuditSummary;
import io.promfleet.core.audit.CheckInfo;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes the JSON report of design.md's contract: {@code fleet}, {@code generatedAt}, {@code summary}
 * and {@code findings} with these names; {@code coverageGaps}, {@code suppressed} and {@code checks}
 * are additions. Texts are in English whatever the language, so machines can compare runs.
 */
final class JsonReportWriter implements ReportWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public void write(AuditReport report, Language language, Writer out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("fleet", report.fleet().name());
            json.writeStringField("generatedAt",
                    DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS)));
            writeSummary(json, report.summary());
            json.writeArrayFieldStart("findings");
            for (Finding finding : report.findings()) {
                writeFinding(json, finding);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("coverageGaps");
            for (CoverageGap gap : report.coverageGaps()) {
                json.writeStartObject();
                json.writeStringField("check", gap.check());
                json.writeStringField("cluster", gap.cluster());
                json.writeStringField("reason", gap.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("suppressed", report.suppressed());
            json.writeArrayFieldStart("checks");
            for (CheckInfo check : report.checks()) {
                json.writeStartObject();
                json.writeStringField("id", check.id());
                json.writeStringField("description", check.description());
                json.writeStringField("severity", check.defaultSeverity().id());
                json.writeStringField("version", check.version());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private static void writeSummary(JsonGenerator json, AuditSummary summary) throws IOException {
        json.writeObjectFieldStart("summary");
        json.writeStringField("severity", summary.worst().map(Severity::id).orElse(null));
        json.writeNumberField("findings", summary.findings());
        json.writeObjectFieldStart("bySeverity");
        for (Map.Entry<Severity, Integer> entry : summary.bySeverity().entrySet()) {
            json.writeNumberField(entry.getKey().id(), entry.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeFinding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStartObject();
        json.writeStringField("check", finding.check());
        json.writeStringField("severity", finding.severity().id());
        json.writeStringField("cluster", finding.cluster());
        json.writeStringField("namespace", finding.namespace());
        json.writeStringField("kind", finding.kind());
        json.writeStringField("name", finding.name());
        json.writeStringField("message", finding.message());
        json.writeStringField("remediation", finding.remediation());
        json.writeObjectFieldStart("evidence");
        for (Map.Entry<String, String> entry : finding.evidence().entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
