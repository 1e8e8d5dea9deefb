package io.promfleet.core.report;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.audit.AuditSummary;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes the HTML report: one self-contained file (styles, script and pictures inline, nothing fetched)
 * with the summary, the fleet's topology drawn as SVG beside the target architecture, a findings table
 * filterable by severity, cluster and check, and per-cluster sections with evidence and remediation.
 * The filter script reads {@code #severity=high&cluster=cluster-02&check=...} from the address, so a
 * filtered view can be linked to (and tested without a browser driver).
 */
final class HtmlReportWriter implements ReportWriter {

    private static final int BOX_WIDTH = 290;
    private static final int LEFT_X = 20;
    private static final int RIGHT_X = 500;
    private static final int LINE = 17;

    @Override
    public void write(AuditReport report, Language language, Writer out) throws IOException {
        Messages m = new Messages(language);
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = m.get("report.title", report.fleet().name());
        h.append("<!DOCTYPE html>\n<html lang=\"").append(language.id()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(esc(title)).append("</h1><p class=\"meta\">")
                .append(esc(m.get("report.generated",
                        DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS)),
                        report.fleet().clusters().size(), report.checks().size())))
                .append("</p></header>\n<main>\n");
        summary(h, report, m);
        topology(h, report, m);
        findings(h, report, m);
        clusters(h, report, m);
        actions(h, report, m);
        plan(h, report, m);
        commands(h, report, m);
        gaps(h, report, m);
        h.append("<section id=\"next\"><h2>").append(esc(m.get("section.next"))).append("</h2><ul><li>")
                .append(esc(m.get("next.fix"))).append("</li><li>").append(esc(m.get("next.plan"))).append("</li></ul></section>\n");
        h.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        out.write(h.toString());
        out.flush();
    }

    private static void summary(StringBuilder h, AuditReport report, Messages m) {
        AuditSummary summary = report.summary();
        String worst = summary.worst().map(Severity::id).orElse("none");
        h.append("<section id=\"summary\"><h2>").append(esc(m.get("section.summary"))).append("</h2>\n<div class=\"cards\">");
        h.append("<div class=\"card sev-").append(worst).append("\"><div class=\"k\">").append(esc(m.get("label.severity")))
                .append("</div><div class=\"v\" id=\"overall-severity\">")
                .append(esc(summary.worst().map(s -> ReportFacts.severity(s, m)).orElse(m.get("label.none"))))
                .append("</div></div>");
        h.append("<div class=\"card\"><div class=\"k\">").append(esc(m.get("label.findings"))).append("</div><div class=\"v\">")
                .append(summary.findings()).append("</div><div class=\"chips\">");
        summary.bySeverity().forEach((s, n) -> h.append("<span class=\"chip sev-").append(s.id()).append("\">")
                .append(esc(ReportFacts.severity(s, m))).append(" ").append(n).append("</span>"));
        h.append("</div></div>");
        Optional<Finding> waste = report.firstOf("resource-waste");
        waste.ifPresent(f -> {
            Map<String, String> e = f.evidence();
            h.append("<div class=\"card cost\"><div class=\"k\">").append(esc(m.get("label.cost"))).append("</div><div class=\"v\">")
                    .append(esc(lastTerm(e.getOrDefault("monthlyCost", "?")))).append("</div><div class=\"arith\">");
            for (String key : List.of("memoryCost", "cpuCost", "storageCost", "monthlyCost", "prices")) {
                if (e.containsKey(key)) {
                    h.append("<div><span>").append(esc(key)).append("</span> ").append(esc(e.get(key))).append("</div>");
                }
            }
            h.append("</div></div>");
        });
        h.append("</div>\n");
        waste.ifPresent(f -> h.append("<p>").append(esc(f.message())).append("</p>\n"));
        if (report.suppressed() > 0) {
            h.append("<p>").append(esc(m.get("label.suppressed", report.suppressed()))).append("</p>\n");
        }
        h.append("</section>\n");
    }

    /** {@code a + b = 12.34 USD} → {@code 12.34 USD}. */
    private static String lastTerm(String arithmetic) {
        int at = arithmetic.lastIndexOf('=');
        return at < 0 ? arithmetic : arithmetic.substring(at + 1).trim();
    }

    private static void topology(StringBuilder h, AuditReport report, Messages m) {
        h.append("<section id=\"architecture\"><h2>").append(esc(m.get("section.architecture"))).append("</h2>\n<div class=\"arch\">");
        h.append("<figure><figcaption>").append(esc(m.get("label.actual"))).append("</figcaption>");
        actualSvg(h, report, m);
        h.append("<div class=\"legend\"><span class=\"l-ok\"></span>").append(esc(m.get("label.legend.ok")))
                .append(" <span class=\"l-broken\"></span>").append(esc(m.get("label.legend.broken"))).append("</div>");
        h.append("</figure><figure><figcaption>").append(esc(m.get("label.target"))).append("</figcaption>");
        targetSvg(h, m);
        h.append("</figure></div></section>\n");
    }

    private record Box(int x, int y, int height) {
        int anchorY(int index, int count) {
            return y + (height * (index + 1)) / (count + 1);
        }
    }

    private static void actualSvg(StringBuilder h, AuditReport report, Messages m) {
        List<ReportFacts.Arrow> arrows = ReportFacts.arrows(report);
        Map<String, Box> boxes = new LinkedHashMap<>();
        int leftY = 20;
        int rightY = 20;
        for (Cluster c : report.fleet().clusters()) {
            int lines = ReportFacts.componentNames(c.topology(), m).size();
            int height = 48 + lines * LINE;
            if (c.isCentral()) {
                boxes.put(c.name(), new Box(RIGHT_X, rightY, height));
                rightY += height + 26;
            } else {
                boxes.put(c.name(), new Box(LEFT_X, leftY, height));
                leftY += height + 26;
            }
        }
        // Remote-writes that point into no known cluster end at a box of their own, one per host.
        Map<String, Box> unknown = new LinkedHashMap<>();
        for (ReportFacts.Arrow a : arrows) {
            if (a.to().isEmpty()) {
                unknown.computeIfAbsent(a.target().host().orElse(a.target().url()), host -> new Box(RIGHT_X, 0, 52));
            }
        }
        List<Map.Entry<String, Box>> placed = new ArrayList<>(unknown.entrySet());
        for (Map.Entry<String, Box> u : placed) {
            unknown.put(u.getKey(), new Box(RIGHT_X, rightY, 52));
            rightY += 52 + 26;
        }
        int height = Math.max(Math.max(leftY, rightY), 120);
        h.append("<svg id=\"actual-topology\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(RIGHT_X + BOX_WIDTH + 20).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(esc(m.get("label.actual"))).append("\">");
        h.append("<defs><marker id=\"head-ok\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#2f6f3e\"/></marker>"
                + "<marker id=\"head-broken\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c62828\"/></marker></defs>");
        for (Cluster c : report.fleet().clusters()) {
            Box b = boxes.get(c.name());
            int count = report.findingsFor(c.name()).size();
            h.append("<g class=\"cluster role-").append(c.role().id()).append("\" data-cluster=\"").append(esc(c.name()))
                    .append("\" data-role=\"").append(c.role().id()).append("\">");
            h.append("<rect x=\"").append(b.x()).append("\" y=\"").append(b.y()).append("\" width=\"").append(BOX_WIDTH)
                    .append("\" height=\"").append(b.height()).append("\" rx=\"8\"/>");
            h.append("<text class=\"name\" x=\"").append(b.x() + 12).append("\" y=\"").append(b.y() + 22).append("\">")
                    .append(esc(c.name())).append("</text>");
            h.append("<text class=\"role\" x=\"").append(b.x() + BOX_WIDTH - 12).append("\" y=\"").append(b.y() + 22)
                    .append("\" text-anchor=\"end\">").append(esc(m.get("role." + c.role().id())))
                    .append(count > 0 ? " · " + count : "").append("</text>");
            int y = b.y() + 44;
            for (String component : ReportFacts.componentNames(c.topology(), m)) {
                h.append("<text class=\"comp\" x=\"").append(b.x() + 14).append("\" y=\"").append(y).append("\">")
                        .append(esc(component)).append("</text>");
                y += LINE;
            }
            h.append("</g>");
        }
        for (Map.Entry<String, Box> u : unknown.entrySet()) {
            Box b = u.getValue();
            h.append("<g class=\"unknown-target\"><rect x=\"").append(b.x()).append("\" y=\"").append(b.y())
                    .append("\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(b.height()).append("\" rx=\"8\"/>")
                    .append("<text class=\"role\" x=\"").append(b.x() + 12).append("\" y=\"").append(b.y() + 20).append("\">")
                    .append(esc(m.get("label.unknown-target"))).append("</text><text class=\"comp\" x=\"").append(b.x() + 12)
                    .append("\" y=\"").append(b.y() + 40).append("\">").append(esc(shorten(u.getKey(), 40))).append("</text></g>");
        }
        Map<String, Integer> outIndex = new LinkedHashMap<>();
        Map<String, Integer> inIndex = new LinkedHashMap<>();
        Map<String, Integer> outCount = new LinkedHashMap<>();
        Map<String, Integer> inCount = new LinkedHashMap<>();
        for (ReportFacts.Arrow a : arrows) {
            outCount.merge(a.from().name(), 1, Integer::sum);
            inCount.merge(destination(a), 1, Integer::sum);
        }
        for (ReportFacts.Arrow a : arrows) {
            Box from = boxes.get(a.from().name());
            String dest = destination(a);
            Box to = a.to().map(c -> boxes.get(c.name())).orElse(unknown.get(dest));
            int oi = outIndex.merge(a.from().name(), 1, Integer::sum) - 1;
            int ii = inIndex.merge(dest, 1, Integer::sum) - 1;
            boolean rightward = from.x() < to.x();
            int x1 = rightward ? from.x() + BOX_WIDTH : from.x();
            int x2 = rightward ? to.x() : to.x() + BOX_WIDTH;
            if (from.x() == to.x()) { // central to central: loop out to the right
                x1 = from.x() + BOX_WIDTH;
                x2 = to.x() + BOX_WIDTH;
            }
            int y1 = from.anchorY(oi, outCount.get(a.from().name()));
            int y2 = to.anchorY(ii, inCount.get(dest));
            int bend = from.x() == to.x() ? 60 : 0;
            String kind = a.broken() ? "broken" : "ok";
            String title = a.from().name() + " " + a.sender().workload() + " → " + a.target().url()
                    + (a.broken() ? " (" + m.get("arch.broken", String.join(", ", a.brokenBy())) + ")" : "");
            h.append("<g class=\"rw-arrow ").append(kind).append("\" data-from=\"").append(esc(a.from().name()))
                    .append("\" data-to=\"").append(esc(dest)).append("\" data-broken=\"").append(a.broken()).append("\">")
                    .append("<title>").append(esc(title)).append("</title>");
            int mid = (x1 + x2) / 2 + bend;
            h.append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(mid).append(',').append(y1)
                    .append(' ').append(mid).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
                    .append("\" marker-end=\"url(#head-").append(kind).append(")\"/>");
            h.append("</g>");
        }
        h.append("</svg>");
    }

    private static String destination(ReportFacts.Arrow a) {
        return a.to().map(Cluster::name).orElse(a.target().host().orElse(a.target().url()));
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** design.md's target: edge agent → receiver-proxy → Thanos Receive → object storage. */
    private static void targetSvg(StringBuilder h, Messages m) {
        String[][] steps = {
            {m.get("role.edge"), m.get("component.agent")},
            {m.get("role.central"), "promfleet receiver-proxy"},
            {m.get("role.central"), m.get("component.thanos", "receive")},
            {"S3 / MinIO", "objstore"}};
        h.append("<svg id=\"target-topology\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 ")
                .append(steps.length * 84).append("\" role=\"img\">");
        h.append("<defs><marker id=\"head-target\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#2f6f3e\"/></marker></defs>");
        for (int i = 0; i < steps.length; i++) {
            int y = 10 + i * 84;
            h.append("<g class=\"target-step\"><rect x=\"20\" y=\"").append(y).append("\" width=\"200\" height=\"52\" rx=\"8\"/>")
                    .append("<text class=\"role\" x=\"32\" y=\"").append(y + 20).append("\">").append(esc(steps[i][0])).append("</text>")
                    .append("<text class=\"comp\" x=\"32\" y=\"").append(y + 40).append("\">").append(esc(steps[i][1])).append("</text></g>");
            if (i + 1 < steps.length) {
                h.append("<path class=\"target-arrow\" d=\"M120,").append(y + 52).append(" L120,").append(y + 82)
                        .append("\" marker-end=\"url(#head-target)\"/>");
            }
        }
        h.append("</svg>");
    }

    private static void findings(StringBuilder h, AuditReport report, Messages m) {
        h.append("<section id=\"findings\"><h2>").append(esc(m.get("section.findings"))).append("</h2>\n");
        h.append("<div class=\"filters\">");
        filter(h, "severity", m.get("label.severity"), m, report.findings().stream().map(f -> f.severity().id()).toList());
        filter(h, "cluster", m.get("label.cluster"), m, report.findings().stream()
                .map(f -> f.cluster() == null ? "fleet" : f.cluster()).toList());
        filter(h, "check", m.get("label.check"), m, report.findings().stream().map(Finding::check).toList());
        h.append("<span id=\"shown\" data-template=\"").append(esc(m.get("label.shown", "{0}", "{1}"))).append("\"></span></div>\n");
        h.append("<table id=\"findings-table\"><thead><tr><th>").append(esc(m.get("label.severity"))).append("</th><th>")
                .append(esc(m.get("label.cluster"))).append("</th><th>").append(esc(m.get("label.check"))).append("</th><th>")
                .append(esc(m.get("label.object"))).append("</th><th>").append(esc(m.get("label.findings")))
                .append("</th></tr></thead><tbody>\n");
        int i = 0;
        for (Finding f : report.findings()) {
            String cluster = f.cluster() == null ? "fleet" : f.cluster();
            h.append("<tr class=\"finding\" id=\"f").append(++i).append("\" data-severity=\"").append(f.severity().id())
                    .append("\" data-cluster=\"").append(esc(cluster)).append("\" data-check=\"").append(esc(f.check()))
                    .append("\"><td><span class=\"chip sev-").append(f.severity().id()).append("\">")
                    .append(esc(ReportFacts.severity(f.severity(), m))).append("</span></td><td>")
                    .append(esc(f.cluster() == null ? m.get("label.fleet") : f.cluster())).append("</td><td><code>")
                    .append(esc(f.check())).append("</code></td><td>").append(ReportFacts.object(f).isEmpty() ? ""
                            : "<code>" + esc(ReportFacts.object(f)) + "</code>")
                    .append("</td><td>").append(esc(f.message())).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void filter(StringBuilder h, String name, String label, Messages m, List<String> values) {
        h.append("<label>").append(esc(label)).append(" <select id=\"filter-").append(name).append("\" data-filter=\"")
                .append(name).append("\"><option value=\"\">").append(esc(m.get("label.all"))).append("</option>");
        List<String> distinct = name.equals("severity") ? values.stream().distinct().toList()
                : new ArrayList<>(new TreeSet<>(values));
        for (String v : distinct) {
            String text = name.equals("severity") ? ReportFacts.severity(Severity.parse(v), m)
                    : v.equals("fleet") && name.equals("cluster") ? m.get("label.fleet") : v;
            h.append("<option value=\"").append(esc(v)).append("\">").append(esc(text)).append("</option>");
        }
        h.append("</select></label> ");
    }

    private static void clusters(StringBuilder h, AuditReport report, Messages m) {
        h.append("<section id=\"clusters\"><h2>").append(esc(m.get("section.clusters"))).append("</h2>\n");
        for (Cluster c : report.fleet().clusters()) {
            h.append("<article class=\"cluster-section\" id=\"cluster-").append(esc(c.name())).append("\"><h3>")
                    .append(esc(c.name())).append(" <small>").append(esc(m.get("role." + c.role().id()))).append(" · ")
                    .append(esc(String.join(", ", ReportFacts.componentNames(c.topology(), m)))).append("</small></h3>\n");
            List<Finding> findings = report.findingsFor(c.name());
            if (findings.isEmpty()) {
                h.append("<p>").append(esc(m.get("label.no-findings"))).append("</p>");
            }
            findings.forEach(f -> finding(h, f, m));
            h.append("</article>\n");
        }
        List<Finding> fleet = report.fleetFindings();
        if (!fleet.isEmpty()) {
            h.append("<article class=\"cluster-section\" id=\"cluster-fleet\"><h3>").append(esc(m.get("label.fleet"))).append("</h3>\n");
            fleet.forEach(f -> finding(h, f, m));
            h.append("</article>\n");
        }
        h.append("</section>\n");
    }

    private static void finding(StringBuilder h, Finding f, Messages m) {
        String[] fix = ReportFacts.fixAndVerification(f.remediation());
        h.append("<div class=\"detail\"><p><span class=\"chip sev-").append(f.severity().id()).append("\">")
                .append(esc(ReportFacts.severity(f.severity(), m))).append("</span> <code>").append(esc(f.check()))
                .append("</code> <code>").append(esc(ReportFacts.object(f))).append("</code></p><p>")
                .append(esc(f.message())).append("</p>");
        if (!f.evidence().isEmpty()) {
            h.append("<details><summary>").append(esc(m.get("label.evidence"))).append("</summary><dl>");
            f.evidence().forEach((k, v) -> h.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>"));
            h.append("</dl></details>");
        }
        h.append("<p><b>").append(esc(m.get("label.fix"))).append(":</b> ").append(code(fix[0])).append("</p>");
        if (!fix[1].isEmpty()) {
            h.append("<p><b>").append(esc(m.get("label.verify"))).append(":</b> ").append(code(fix[1])).append("</p>");
        }
        h.append("</div>\n");
    }

    private static void actions(StringBuilder h, AuditReport report, Messages m) {
        h.append("<section id=\"actions\"><h2>").append(esc(m.get("section.actions"))).append("</h2>\n<ol class=\"actions\">");
        for (Map.Entry<String, List<Finding>> e : ReportFacts.byCheck(report.findings()).entrySet()) {
            Finding first = e.getValue().get(0);
            h.append("<li><b>").append(esc(m.get("label.priority", ReportFacts.priority(first.severity())))).append("</b> · <code>")
                    .append(esc(e.getKey())).append("</code> <span class=\"chip sev-").append(first.severity().id()).append("\">")
                    .append(esc(ReportFacts.severity(first.severity(), m))).append("</span> — ")
                    .append(esc(String.join(", ", e.getValue().stream()
                            .map(f -> f.cluster() == null ? m.get("label.fleet") : f.cluster()).distinct().toList())))
                    .append("</li>");
        }
        h.append("</ol></section>\n");
    }

    private static void plan(StringBuilder h, AuditReport report, Messages m) {
        Map<String, Integer> phases = ReportFacts.phases(report);
        h.append("<section id=\"plan\"><h2>").append(esc(m.get("section.plan"))).append("</h2>\n");
        if (!phases.isEmpty()) {
            h.append("<table class=\"plan\"><thead><tr><th>").append(esc(m.get("label.phase"))).append("</th><th>")
                    .append(esc(m.get("label.duration-heading"))).append("</th></tr></thead><tbody>");
            phases.forEach((k, v) -> h.append("<tr><td>").append(esc(m.get(k))).append("</td><td>")
                    .append(esc(m.get("label.duration", v))).append("</td></tr>"));
            h.append("</tbody></table><p>").append(esc(m.get("label.total",
                    phases.values().stream().mapToInt(Integer::intValue).sum()))).append("</p>");
        }
        h.append("<h3>").append(esc(m.get("section.cautions"))).append("</h3><ul>");
        for (String key : List.of("caution.rollback", "caution.data-loss", "caution.gaps", "caution.operator")) {
            h.append("<li>").append(esc(m.get(key))).append("</li>");
        }
        h.append("</ul></section>\n");
    }

    private static void commands(StringBuilder h, AuditReport report, Messages m) {
        h.append("<section id=\"commands\"><h2>").append(esc(m.get("section.commands"))).append("</h2><pre>");
        ReportFacts.commandsNow(report).forEach(c -> h.append(esc(c)).append('\n'));
        h.append("</pre></section>\n");
    }

    private static void gaps(StringBuilder h, AuditReport report, Messages m) {
        if (report.coverageGaps().isEmpty()) {
            return;
        }
        h.append("<section id=\"gaps\"><h2>").append(esc(m.get("section.gaps"))).append("</h2><ul>");
        for (CoverageGap gap : report.coverageGaps()) {
            h.append("<li><code>").append(esc(gap.check())).append("</code>")
                    .append(gap.cluster() == null ? "" : " (" + esc(gap.cluster()) + ")").append(": ")
                    .append(esc(gap.reason())).append("</li>");
        }
        h.append("</ul></section>\n");
    }

    /** Escapes text, then shows the `backticked` commands the checks write as code. */
    private static String code(String text) {
        String[] parts = esc(text).split("`", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean inCode = i % 2 == 1 && i < parts.length - 1;
            out.append(inCode ? "<code>" + parts[i] + "</code>" : (i % 2 == 1 ? "`" : "") + parts[i]);
        }
        return out.toString();
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            :root{--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7f9;--crit:#7b1fa2;--high:#c62828;--med:#e08600;--low:#1565c0;--info:#607d8b;--ok:#2f6f3e}
            *{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans KR","Malgun Gothic",sans-serif;color:var(--fg);background:var(--bg)}
            header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}.meta{margin:4px 0 0;color:#c8cfdb}
            main{max-width:1280px;margin:0 auto;padding:8px 28px 40px}section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:6px 20px 16px;margin:18px 0}
            h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:6px}h3 small{color:var(--muted);font-weight:normal}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px}.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px}
            .card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}.card .v{font-size:26px;font-weight:600}
            .card.sev-high .v{color:var(--high)}.card.sev-critical .v{color:var(--crit)}.card.sev-medium .v{color:var(--med)}
            .arith{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;color:var(--muted)}.arith span{color:var(--fg)}
            .chip{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff;background:var(--info);white-space:nowrap;margin:2px 4px 2px 0}
            .sev-critical.chip{background:var(--crit)}.sev-high.chip{background:var(--high)}.sev-medium.chip{background:var(--med)}.sev-low.chip{background:var(--low)}
            .arch{display:grid;grid-template-columns:3fr 1fr;gap:16px;align-items:start}figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
            svg{width:100%;height:auto}svg rect{fill:#fbfcfe;stroke:#8893a7;stroke-width:1.2}.role-central rect{fill:#eef5ff}.role-edge rect{fill:#f5f9f1}
            .unknown-target rect{fill:#fff3f3;stroke:var(--high);stroke-dasharray:5 4}svg text{font-size:13px;fill:var(--fg)}svg .name{font-weight:700;font-size:15px}svg .role{fill:var(--muted);font-size:12px}
            .rw-arrow path{fill:none;stroke:var(--ok);stroke-width:2}.rw-arrow.broken path{stroke:var(--high);stroke-dasharray:7 5}.target-arrow{stroke:var(--ok);stroke-width:2}
            .legend{color:var(--muted);font-size:12px}.legend span{display:inline-block;width:28px;border-top:2px solid var(--ok);vertical-align:middle;margin:0 4px 0 10px}.legend .l-broken{border-top:2px dashed var(--high)}
            .filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:8px}select{font:inherit;padding:2px 4px}#shown{color:var(--muted)}
            table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}th{background:#f0f2f6}
            code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#f0f2f6;border-radius:4px;padding:0 3px;word-break:break-all}
            #findings-table td:nth-child(3) code{white-space:nowrap}#findings-table td code{word-break:normal;overflow-wrap:anywhere}
            #findings-table td:nth-child(4){min-width:9em}#findings-table th:nth-child(2),#findings-table td:nth-child(2){white-space:nowrap}
            /* Korean wraps at the spaces between words, not inside them */:lang(ko) main{word-break:keep-all;overflow-wrap:break-word}
            .detail{border-left:3px solid var(--line);padding:2px 12px;margin:10px 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:12px}dt{color:var(--muted)}dd{margin:0}
            pre{background:#1d2330;color:#e8ecf3;padding:10px;border-radius:6px;overflow:auto;white-space:pre-wrap}
            @media (max-width:900px){.arch{grid-template-columns:1fr}}
            @media print{body{background:#fff;font-size:11px}header{background:#fff;color:#000;padding:0}.meta{color:#333}main{max-width:none;padding:0}
            section{border:none;padding:0;margin:10px 0}.filters{display:none}details>dl{display:grid}.detail,tr,.card,figure{break-inside:avoid}
            .chip{border:1px solid #000;color:#000;background:#fff!important}pre{background:#fff;color:#000;border:1px solid #999}}
            """;

    private static final String SCRIPT = """
            (function () {
              var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
              var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
              var shown = document.getElementById('shown');
              function apply() {
                var visible = 0;
                rows.forEach(function (row) {
                  var show = selects.every(function (s) { return !s.value || row.getAttribute('data-' + s.getAttribute('data-filter')) === s.value; });
                  row.hidden = !show;
                  if (show) { visible++; }
                });
                shown.textContent = shown.getAttribute('data-template').replace('{0}', visible).replace('{1}', rows.length);
                document.body.setAttribute('data-visible-findings', String(visible));
              }
              function fromHash() {
                var params = new URLSearchParams(location.hash.replace(/^#/, ''));
                selects.forEach(function (s) {
                  var wanted = params.get(s.getAttribute('data-filter'));
                  if (wanted !== null && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) {
                    s.value = wanted;
                    s.dispatchEvent(new Event('change'));
                  }
                });
              }
              selects.forEach(function (s) { s.addEventListener('change', apply); });
              window.addEventListener('hashchange', fromHash);
              apply();
              fromHash();
              document.body.setAttribute('data-ready', 'true');
            })();
            """;
}
