package io.promfleet.core.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The report formats {@code promfleet audit --format} accepts. */
public enum ReportFormat {
    MD(new MarkdownReportWriter(), "md"),
    JSON(new JsonReportWriter(), "json"),
    HTML(new HtmlReportWriter(), "html"),
    SARIF(new SarifReportWriter(), "sarif"),
    JUNIT(new JunitReportWriter(), "xml");

    private final ReportWriter writer;
    private final String extension;

    ReportFormat(ReportWriter writer, String extension) {
        this.writer = writer;
        this.extension = extension;
    }

    public ReportWriter writer() {
        return writer;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file name extension of a report in this format, without the dot. */
    public String extension() {
        return extension;
    }

    /** The file a report in this format gets in an output directory, e.g. {@code promfleet-audit.junit.xml}. */
    public String fileName() {
        return this == JUNIT ? "promfleet-audit.junit.xml" : "promfleet-audit." + extension;
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
        throw new IllegalArgumentException("unknown format '" + text + "' (expected md, json, html, sarif or junit)");
    }

    /** A comma-separated list such as {@code html,json}, in the order given, each format once. */
    public static List<ReportFormat> parseList(String text) {
        LinkedHashSet<ReportFormat> formats = new LinkedHashSet<>();
        for (String part : (text == null ? "" : text).split(",", -1)) {
            formats.add(parse(part));
        }
        return new ArrayList<>(formats);
    }
}
