package io.promfleet.cli.audit;

import io.promfleet.core.InputException;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.audit.Baseline;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --baseline FILE} and {@code --write-baseline FILE}: fail only on findings that are new since a
 * recorded audit (ArchUnit's {@code FreezingArchRule}). {@code promfleet.io/ignore} annotations act first:
 * a suppressed finding is in neither the report nor a written baseline.
 */
public final class BaselineOptions {

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Report only findings not recorded in FILE (written by --write-baseline).")
    private Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record every finding of this audit in FILE, to audit later with --baseline FILE.")
    private Path writeBaseline;

    /**
     * Records the report when asked, then removes the findings the baseline knows, saying on {@code err}
     * how many were known and which recorded ones are gone.
     */
    public AuditReport apply(AuditReport report, PrintWriter err) {
        if (writeBaseline != null) {
            try {
                Baseline.of(report).write(writeBaseline);
            } catch (UncheckedIOException e) {
                throw new InputException("--write-baseline: " + e.getMessage(), e);
            }
            err.println("promfleet: recorded " + report.findings().size() + " findings in baseline " + writeBaseline);
        }
        if (baseline == null) {
            return report;
        }
        if (!Files.isRegularFile(baseline)) {
            throw new InputException("--baseline " + baseline + ": no such file (write one with --write-baseline)");
        }
        Baseline.Result result;
        try {
            result = Baseline.read(baseline).apply(report);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InputException("--baseline: " + e.getMessage(), e);
        }
        err.println("promfleet: baseline " + baseline + ": " + result.known() + " known findings not reported, "
                + result.report().findings().size() + " new");
        result.gone().forEach(k -> err.println("promfleet: baseline entry no longer found (fixed?): " + k));
        return result.report();
    }
}
