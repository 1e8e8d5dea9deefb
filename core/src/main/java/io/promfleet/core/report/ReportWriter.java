package io.promfleet.core.report;

import io.promfleet.core.audit.AuditReport;
import java.io.IOException;
import java.io.Writer;

/** Renders an audit report in one format. */
public interface ReportWriter {

    void write(AuditReport report, Language language, Writer out) throws IOException;
}
