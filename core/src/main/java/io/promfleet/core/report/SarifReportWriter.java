package io.promfleet.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.SourceLocation;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.audit.CheckInfo;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes SARIF 2.1.0 (OASIS, sarif-v2.1.0-os), so findings show up in code-scanning UIs when the audit
 * runs over manifests exported into a repository. Rules are the checks that ran (§3.49); each result
 * (§3.27) points at the snapshot file and line of the object at fault (§3.28 physicalLocation) and names
 * the object as a logical location {@code cluster/namespace/Kind/name} (§3.33), since a finding names
 * objects, not files. File URIs are relative to the base directory — the working directory, which for
 * code scanning is the repository's root — when the file lies below it (§3.4.3: relative references are
 * resolved against the repository root by the consumer), else absolute {@code file:} URIs.
 */
final class SarifReportWriter implements ReportWriter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Path base;

    SarifReportWriter() {
        this(Path.of("").toAbsolutePath());
    }

    SarifReportWriter(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    @Override
    public void write(AuditReport report, Language language, Writer out) throws IOException {
        Messages m = new Messages(language);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            json.writeObjectFieldStart("tool");
            json.writeObjectFieldStart("driver");
            json.writeStringField("name", "promfleet");
            json.writeStringField("informationUri", "https://github.com/promfleet/promfleet");
            json.writeStringField("language", language.id());
            json.writeArrayFieldStart("rules");
            for (CheckInfo check : report.checks()) {
                json.writeStartObject();
                json.writeStringField("id", check.id());
                json.writeStringField("name", check.id());
                json.writeObjectFieldStart("shortDescription");
                json.writeStringField("text", check.description());
                json.writeEndObject();
                json.writeObjectFieldStart("defaultConfiguration");
                json.writeStringField("level", level(check.defaultSeverity()));
                json.writeEndObject();
                json.writeObjectFieldStart("properties");
                json.writeStringField("severity", check.defaultSeverity().id());
                json.writeStringField("version", check.version());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
            json.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                result(json, report, f, m);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("properties");
            json.writeStringField("fleet", report.fleet().name());
            json.writeNumberField("suppressed", report.suppressed());
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private void result(JsonGenerator json, AuditReport report, Finding f, Messages m) throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", f.check());
        int ruleIndex = report.checks().stream().map(CheckInfo::id).toList().indexOf(f.check());
        if (ruleIndex >= 0) {
            json.writeNumberField("ruleIndex", ruleIndex);
        }
        json.writeStringField("level", level(f.severity()));
        json.writeObjectFieldStart("message");
        json.writeStringField("text", f.message());
        json.writeEndObject();
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        Optional<SourceLocation> source = source(report, f);
        if (source.isPresent()) {
            json.writeObjectFieldStart("physicalLocation");
            json.writeObjectFieldStart("artifactLocation");
            json.writeStringField("uri", uri(source.get().file()));
            json.writeEndObject();
            if (source.get().line() > 0) {
                json.writeObjectFieldStart("region");
                json.writeNumberField("startLine", source.get().line());
                json.writeEndObject();
            }
            json.writeEndObject();
        } else {
            json.writeObjectFieldStart("message");
            json.writeStringField("text", m.get("sarif.no-location"));
            json.writeEndObject();
        }
        json.writeArrayFieldStart("logicalLocations");
        json.writeStartObject();
        json.writeStringField("fullyQualifiedName", (f.cluster() == null ? report.fleet().name() : f.cluster())
                + (ReportFacts.object(f).isEmpty() ? "" : "/" + ReportFacts.object(f)));
        json.writeStringField("kind", f.kind() == null ? "module" : "object");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        // §3.27.17: lets code-scanning UIs follow a finding across runs whatever its wording.
        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField("promfleetObject/v1", f.check() + "|" + f.cluster() + "|" + ReportFacts.object(f));
        json.writeEndObject();
        json.writeObjectFieldStart("properties");
        json.writeStringField("severity", f.severity().id());
        json.writeStringField("cluster", f.cluster());
        json.writeStringField("remediation", f.remediation());
        json.writeObjectFieldStart("evidence");
        for (Map.Entry<String, String> e : f.evidence().entrySet()) {
            json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The object a finding points at, looked up in the fleet; its source, when it was read from a file. */
    private static Optional<SourceLocation> source(AuditReport report, Finding f) {
        if (f.cluster() == null || f.kind() == null || f.name() == null) {
            return Optional.empty();
        }
        return report.fleet().cluster(f.cluster())
                .flatMap(c -> c.object(f.kind(), f.namespace(), f.name()))
                .map(KubeObject::source)
                .filter(s -> s != null && s.file() != null && !s.file().startsWith("api://"));
    }

    private String uri(String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (path.startsWith(base)) {
            return base.relativize(path).toString().replace('\\', '/');
        }
        return path.toUri().toString();
    }

    /** SARIF's levels (§3.27.10): error for what loses data or breaks the pipeline, note for the minor. */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }
}
