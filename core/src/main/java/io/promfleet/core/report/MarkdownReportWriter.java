package io.promfleet.core.report;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.MonitoringWorkload;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.RemoteWriteTarget;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.Topology;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.audit.AuditSummary;
import io.promfleet.api.CoverageGap;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the Markdown report in the shape of the seed fleet's hand-written audit: summary, per-cluster
 * analysis, target vs actual architecture, waste, recommended actions, phased plan, cautions.
 */
final class MarkdownReportWriter implements ReportWriter {

    @Override
    public void write(AuditReport report, Language language, Writer out) throws IOException {
        Messages m = new Messages(language);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(m.get("report.title", report.fleet().name())).append("\n\n");
        md.append(m.get("report.generated",
                DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS)),
                report.fleet().clusters().size(), report.checks().size())).append("\n\n");
        summary(md, report, m);
        clusters(md, report, m);
        architecture(md, report, m);
        waste(md, report, m);
        actions(md, report, m);
        plan(md, report, m);
        effect(md, report, m);
        commands(md, report, m);
        gaps(md, report, m);
        md.append("## ").append(m.get("section.next")).append("\n\n");
        md.append("- ").append(m.get("next.fix")).append('\n');
        md.append("- ").append(m.get("next.plan")).append('\n');
        md.append("- ").append(m.get("next.html")).append('\n');
        out.write(md.toString());
        out.flush();
    }

    private static void summary(StringBuilder md, AuditReport report, Messages m) {
        AuditSummary summary = report.summary();
        md.append("## ").append(m.get("section.summary")).append("\n\n");
        md.append("**").append(m.get("label.severity")).append("**: ")
                .append(summary.worst().map(s -> severity(s, m)).orElse(m.get("label.none")))
                .append(" · **").append(m.get("label.findings")).append("**: ").append(summary.findings())
                .append("\n\n");
        if (!summary.bySeverity().isEmpty()) {
            md.append("| ").append(m.get("label.severity")).append(" | ").append(m.get("label.count")).append(" |\n");
            md.append("|---|---:|\n");
            summary.bySeverity().forEach((s, n) -> md.append("| ").append(severity(s, m)).append(" | ").append(n)
                    .append(" |\n"));
            md.append('\n');
        }
        md.append("| ").append(m.get("label.cluster")).append(" | ").append(m.get("label.role")).append(" | ")
                .append(m.get("label.components")).append(" | ").append(m.get("label.findings")).append(" |\n");
        md.append("|---|---|---|---:|\n");
        for (Cluster cluster : report.fleet().clusters()) {
            md.append("| ").append(cell(cluster.name())).append(" | ").append(m.get("role." + cluster.role().id()))
                    .append(" | ").append(cell(String.join(", ", componentNames(cluster.topology(), m))))
                    .append(" | ").append(report.findingsFor(cluster.name()).size()).append(" |\n");
        }
        md.append('\n');
        if (report.suppressed() > 0) {
            md.append(m.get("label.suppressed", report.suppressed())).append("\n\n");
        }
    }

    private static List<String> componentNames(Topology topology, Messages m) {
        return ReportFacts.componentNames(topology, m);
    }

    private static void clusters(StringBuilder md, AuditReport report, Messages m) {
        md.append("## ").append(m.get("section.clusters")).append("\n\n");
        for (Cluster cluster : report.fleet().clusters()) {
            md.append("### ").append(cluster.name()).append(" (").append(m.get("role." + cluster.role().id()))
                    .append(")\n\n");
            Topology t = cluster.topology();
            for (PrometheusInstance p : t.prometheuses()) {
                md.append("- ").append(m.get(p.isAgent() ? "component.agent" : "component.server")).append(": `")
                        .append(p.workload()).append("` — ").append(p.owner()).append('\n');
            }
            for (ThanosComponent c : t.thanos()) {
                md.append("- ").append(m.get("component.thanos", c.role().subcommand())).append(": `")
                        .append(c.workload()).append("`\n");
            }
            for (MonitoringWorkload a : t.alertmanagers()) {
                md.append("- ").append(m.get("component.alertmanager")).append(": `").append(a.workload()).append("`\n");
            }
            for (MonitoringWorkload g : t.grafanas()) {
                md.append("- ").append(m.get("component.grafana")).append(": `").append(g.workload()).append("`\n");
            }
            for (ServiceEndpoint s : t.services()) {
                if (s.isExternallyReachable()) {
                    md.append("- ").append(m.get("component.exposes")).append(": ").append(s.type()).append(" `")
                            .append(s.namespace()).append('/').append(s.name()).append("` ")
                            .append(externalAddresses(s)).append('\n');
                }
            }
            md.append('\n');
            List<Finding> findings = report.findingsFor(cluster.name());
            if (findings.isEmpty()) {
                md.append(m.get("label.no-findings")).append("\n\n");
                continue;
            }
            findingTable(md, findings, m);
        }
    }

    private static String externalAddresses(ServiceEndpoint s) {
        List<String> parts = new ArrayList<>();
        for (var port : s.ports()) {
            for (String address : s.externalAddresses()) {
                parts.add(address + ":" + port.port());
            }
            if (port.nodePort() > 0) {
                parts.add("nodePort " + port.nodePort());
            }
        }
        return String.join(", ", parts);
    }

    private static void findingTable(StringBuilder md, List<Finding> findings, Messages m) {
        md.append("| ").append(m.get("label.severity")).append(" | ").append(m.get("label.check")).append(" | ")
                .append(m.get("label.object")).append(" | ").append(m.get("label.findings")).append(" |\n");
        md.append("|---|---|---|---|\n");
        for (Finding f : findings) {
            md.append("| ").append(severity(f.severity(), m)).append(" | `").append(f.check()).append("` | ")
                    .append(cell(object(f))).append(" | ").append(cell(f.message())).append(" |\n");
        }
        md.append('\n');
    }

    private static void architecture(StringBuilder md, AuditReport report, Messages m) {
        md.append("## ").append(m.get("section.architecture")).append("\n\n");
        md.append("**").append(m.get("label.target")).append("**\n\n```\n")
                .append("[edge: Prometheus agent] --remote-write--> [central: receiver-proxy] --> [central: Thanos Receive] --> S3\n")
                .append("```\n\n");
        md.append("**").append(m.get("label.actual")).append("**\n\n```\n");
        for (Cluster edge : report.fleet().edges()) {
            List<PrometheusInstance> senders = edge.topology().prometheuses();
            for (PrometheusInstance p : senders) {
                String from = "[" + edge.name() + ": " + (p.isAgent() ? "agent " : "server ") + p.workload().name() + "]";
                if (p.config().remoteWrites().isEmpty()) {
                    md.append(from).append("  (").append(m.get("arch.no-remote-write")).append(")\n");
                }
                for (RemoteWriteTarget target : p.config().remoteWrites()) {
                    List<String> broken = brokenBy(report, edge.name(), target);
                    md.append(from).append(broken.isEmpty() ? " --remote-write--> " : " --X--> ").append(target.url());
                    if (!broken.isEmpty()) {
                        md.append("   ").append(m.get("arch.broken", String.join(", ", broken)));
                    }
                    md.append('\n');
                }
            }
        }
        for (Cluster central : report.fleet().centrals()) {
            md.append("[").append(central.name()).append(": ")
                    .append(String.join(", ", componentNames(central.topology(), m))).append("]\n");
        }
        md.append("```\n\n");
    }

    /** The remote-write checks that flagged {@code target} of {@code cluster}, matched by URL in the evidence. */
    private static List<String> brokenBy(AuditReport report, String cluster, RemoteWriteTarget target) {
        return report.findingsFor(cluster).stream()
                .filter(f -> f.check().startsWith("remote-write-"))
                .filter(f -> target.url().equals(f.evidence().get("url")) || f.message().contains(target.url()))
                .map(Finding::check).distinct().toList();
    }

    private static void waste(StringBuilder md, AuditReport report, Messages m) {
        md.append("## ").append(m.get("section.waste")).append("\n\n");
        report.firstOf("resource-waste").ifPresentOrElse(f -> {
            md.append(f.message()).append("\n\n");
            evidence(md, f);
        }, () -> md.append(m.get("waste.none")).append("\n\n"));
    }

    private static void actions(StringBuilder md, AuditReport report, Messages m) {
        md.append("## ").append(m.get("section.actions")).append("\n\n");
        if (report.findings().isEmpty()) {
            md.append(m.get("label.no-findings")).append("\n\n");
            return;
        }
        for (Map.Entry<String, List<Finding>> entry : ReportFacts.byCheck(report.findings()).entrySet()) {
            Finding first = entry.getValue().get(0);
            md.append("### ").append(m.get("label.priority", ReportFacts.priority(first.severity()))).append(" · `")
                    .append(entry.getKey()).append("` (").append(severity(first.severity(), m)).append(")\n\n");
            for (Finding f : entry.getValue()) {
                md.append("- **").append(f.cluster() == null ? m.get("label.fleet") : f.cluster()).append("** ")
                        .append(object(f).isEmpty() ? "" : "`" + object(f) + "` ").append("— ").append(f.message())
                        .append('\n');
            }
            // Findings of one check share a remediation up to names; each cluster's own commands differ.
            Set<String> seen = new java.util.LinkedHashSet<>();
            for (Finding f : entry.getValue()) {
                if (!seen.add(f.remediation())) {
                    continue;
                }
                String[] fix = ReportFacts.fixAndVerification(f.remediation());
                String who = entry.getValue().size() > 1 && f.cluster() != null ? " (" + f.cluster() + ")" : "";
                md.append("\n**").append(m.get("label.fix")).append(who).append("**: ").append(fix[0]).append('\n');
                if (!fix[1].isEmpty()) {
                    md.append("\n**").append(m.get("label.verify")).append(who).append("**: ").append(fix[1])
                            .append('\n');
                }
            }
            md.append('\n');
        }
    }

    private static void plan(StringBuilder md, AuditReport report, Messages m) {
        md.append("## ").append(m.get("section.plan")).append("\n\n");
        Map<String, Integer> phases = ReportFacts.phases(report);
        if (phases.isEmpty()) {
            md.append(m.get("label.no-findings")).append("\n\n");
        } else {
            md.append("| ").append(m.get("label.phase")).append(" | ").append(m.get("label.duration-heading"))
                    .append(" |\n|---|---:|\n");
            phases.forEach((key, minutes) -> md.append("| ").append(cell(m.get(key))).append(" | ")
                    .append(m.get("label.duration", minutes)).append(" |\n"));
            md.append('\n').append(m.get("label.total", phases.values().stream().mapToInt(Integer::intValue).sum()))
                    .append("\n\n");
        }
        md.append("## ").append(m.get("section.cautions")).append("\n\n");
        md.append("- ").append(m.get("caution.rollback")).append('\n');
        md.append("- ").append(m.get("caution.data-loss")).append('\n');
        md.append("- ").append(m.get("caution.gaps")).append('\n');
        md.append("- ").append(m.get("caution.operator")).append("\n\n");
    }

    /** Before and after, from the resource-waste finding's arithmetic. */
    private static void effect(StringBuilder md, AuditReport report, Messages m) {
        md.append("## ").append(m.get("section.effect")).append("\n\n");
        Optional<Finding> waste = report.firstOf("resource-waste");
        if (waste.isEmpty()) {
            md.append(m.get("waste.none")).append("\n\n");
            return;
        }
        Map<String, String> e = waste.get().evidence();
        md.append("| | ").append(m.get("label.before")).append(" | ").append(m.get("label.after")).append(" |\n");
        md.append("|---|---|---|\n");
        md.append("| ").append(m.get("effect.memory")).append(" | ")
                .append(cell(e.getOrDefault("edgePrometheusMemoryBefore", "?"))).append(" | ")
                .append(cell(e.getOrDefault("edgePrometheusMemoryAfter", "?"))).append(" |\n");
        md.append("| ").append(m.get("effect.storage")).append(" | ").append(cell(e.getOrDefault("storageWasted", "?")))
                .append(" | 0 |\n");
        md.append("| ").append(m.get("effect.scrapes")).append(" | ").append(m.get("effect.scrapes.before"))
                .append(" | ").append(m.get("effect.scrapes.after")).append(" |\n\n");
        md.append("**").append(m.get("effect.saving")).append("**: ").append(e.getOrDefault("monthlyCost", "?"))
                .append(" (").append(m.get("effect.percent", e.getOrDefault("memorySavedPercent", "?"))).append(")\n\n");
    }

    /** Read-only commands that show, on each cluster, what the findings are about. */
    private static void commands(StringBuilder md, AuditReport report, Messages m) {
        md.append("## ").append(m.get("section.commands")).append("\n\n```sh\n");
        for (String command : ReportFacts.commandsNow(report)) {
            md.append(command).append('\n');
        }
        md.append("```\n\n");
    }

    private static void gaps(StringBuilder md, AuditReport report, Messages m) {
        if (report.coverageGaps().isEmpty()) {
            return;
        }
        md.append("## ").append(m.get("section.gaps")).append("\n\n");
        for (CoverageGap gap : report.coverageGaps()) {
            md.append("- `").append(gap.check()).append("`")
                    .append(gap.cluster() == null ? "" : " (" + gap.cluster() + ")").append(": ").append(gap.reason())
                    .append('\n');
        }
        md.append('\n');
    }

    private static void evidence(StringBuilder md, Finding f) {
        if (f.evidence().isEmpty()) {
            return;
        }
        md.append("| | |\n|---|---|\n");
        f.evidence().forEach((k, v) -> md.append("| ").append(cell(k)).append(" | ").append(cell(v)).append(" |\n"));
        md.append('\n');
    }

    private static String object(Finding f) {
        return ReportFacts.object(f);
    }

    private static String severity(Severity s, Messages m) {
        return ReportFacts.severity(s, m);
    }

    /** Keeps a value inside its table cell: pipes and line breaks would end it. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
