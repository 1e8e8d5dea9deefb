package io.promfleet.core.report;

import java.util.Locale;

/** The report formats {@code promfleet audit --format} accepts. */
public enum ReportFormat {
    MD(new MarkdownReportWriter()),
    JSON(new JsonReportWriter());

    private final ReportWriter writer;

    ReportFormat(ReportWriter writer) {
        this.writer = writer;
    }

    public ReportWriter writer() {
        return writer;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static ReportFormat parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("markdown")) {
            return MD;
        }
        for (ReportFormat format : values()) {
            if (format.id().equals(t)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (expected md or json)");
    }
}
