package io.promfleet.core.report;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.RemoteWriteTarget;
import io.promfleet.api.topology.Topology;
import io.promfleet.core.audit.AuditReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What the human-readable reports (Markdown, HTML) derive alike from an audit report. */
final class ReportFacts {

    /** Checks whose findings each phase of the plan addresses, in the seed audit's order. */
    static final Map<String, Set<String>> PHASES = new LinkedHashMap<>();

    static {
        PHASES.put("plan.phase1", Set.of("receive-missing", "sidecar-pattern", "receive-not-exposed",
                "receive-objstore-missing"));
        PHASES.put("plan.phase2", Set.of("remote-write-unresolvable", "remote-write-target-unknown",
                "remote-write-missing", "remote-write-insecure", "external-labels-missing", "queue-config"));
        PHASES.put("plan.phase3", Set.of("duplicate-full-prometheus", "edge-alertmanager", "edge-rules-stranded",
                "resource-waste", "pod-failed", "agent-missing"));
    }

    /** The seed audit's durations of phases 1–4, in minutes. */
    static final int[] PHASE_MINUTES = {30, 15, 30, 15};

    /** The checks whose findings make a remote-write arrow broken. */
    private static final Set<String> BREAKING = Set.of("remote-write-unresolvable", "remote-write-target-unknown");

    private ReportFacts() {}

    /**
     * One remote-write of the fleet as the topology picture draws it.
     *
     * @param from       the sending cluster
     * @param sender     the Prometheus that sends
     * @param target     where it sends
     * @param to         the cluster the URL points into, empty when none can be told
     * @param brokenBy   the checks that found it broken, empty when none did
     */
    record Arrow(Cluster from, PrometheusInstance sender, RemoteWriteTarget target, Optional<Cluster> to,
            List<String> brokenBy) {

        boolean broken() {
            return !brokenBy.isEmpty();
        }
    }

    /** Every remote-write of every cluster, in fleet order. */
    static List<Arrow> arrows(AuditReport report) {
        List<Arrow> arrows = new ArrayList<>();
        for (Cluster cluster : report.fleet().clusters()) {
            for (PrometheusInstance p : cluster.topology().prometheuses()) {
                for (RemoteWriteTarget target : p.config().remoteWrites()) {
                    List<String> broken = report.findingsFor(cluster.name()).stream()
                            .filter(f -> f.check().startsWith("remote-write-"))
                            .filter(f -> target.url().equals(f.evidence().get("url")) || f.message().contains(target.url()))
                            .map(Finding::check).distinct().toList();
                    arrows.add(new Arrow(cluster, p, target, pointsInto(report, cluster, target), broken));
                }
            }
        }
        return arrows;
    }

    /**
     * The cluster a remote-write URL points into: the one whose name its host names (a service DNS name
     * of that cluster, e.g. {@code svc.cluster-01.local}), else the only central cluster.
     */
    private static Optional<Cluster> pointsInto(AuditReport report, Cluster from, RemoteWriteTarget target) {
        String host = target.host().orElse("");
        Optional<Cluster> named = report.fleet().clusters().stream()
                .filter(c -> !c.name().equals(from.name()))
                .filter(c -> host.matches(".*(^|[.-])" + java.util.regex.Pattern.quote(c.name()) + "($|[.-]).*"))
                .findFirst();
        if (named.isPresent() || report.fleet().centrals().size() != 1) {
            return named;
        }
        return Optional.of(report.fleet().centrals().get(0));
    }

    static boolean breaks(String check) {
        return BREAKING.contains(check);
    }

    static List<String> componentNames(Topology topology, Messages m) {
        List<String> names = new ArrayList<>();
        topology.agents().forEach(p -> names.add(m.get("component.agent")));
        topology.servers().forEach(p -> names.add(m.get("component.server")));
        topology.thanos().forEach(t -> names.add(m.get("component.thanos", t.role().subcommand())));
        topology.alertmanagers().forEach(a -> names.add(m.get("component.alertmanager")));
        topology.grafanas().forEach(g -> names.add(m.get("component.grafana")));
        return names.isEmpty() ? List.of(m.get("component.none")) : names;
    }

    /** {@code Kind/namespace/name} of the object a finding points at, empty for none. */
    static String object(Finding f) {
        if (f.kind() == null) {
            return "";
        }
        return f.kind() + "/" + (f.namespace() == null ? "" : f.namespace() + "/") + Objects.toString(f.name(), "");
    }

    static String severity(Severity s, Messages m) {
        return m.get("severity." + s.id());
    }

    /** The seed audit's priorities: 1 for critical and high, 2 for medium, 3 for low and info. */
    static int priority(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> 1;
            case MEDIUM -> 2;
            default -> 3;
        };
    }

    /** Findings grouped by check, in the report's order (most severe first). */
    static Map<String, List<Finding>> byCheck(List<Finding> findings) {
        Map<String, List<Finding>> byCheck = new LinkedHashMap<>();
        findings.forEach(f -> byCheck.computeIfAbsent(f.check(), k -> new ArrayList<>()).add(f));
        return byCheck;
    }

    /**
     * Splits a remediation into the fix and its verification, at the "Verify:" the checks write
     * ({@code 검증:} in Korean); the verification is empty when there is none.
     */
    static String[] fixAndVerification(String remediation) {
        for (String marker : new String[] {"Verify from the edge:", "Verify:", "엣지에서 검증:", "검증:"}) {
            int at = remediation.indexOf(marker);
            if (at >= 0) {
                return new String[] {remediation.substring(0, at).trim(),
                        remediation.substring(at + marker.length()).trim()};
            }
        }
        return new String[] {remediation, ""};
    }

    /** Which phases the findings need, with their durations; phase 4 (verification) whenever any is needed. */
    static Map<String, Integer> phases(AuditReport report) {
        Map<String, Integer> phases = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, Set<String>> phase : PHASES.entrySet()) {
            if (report.findings().stream().anyMatch(f -> phase.getValue().contains(f.check()))) {
                phases.put(phase.getKey(), PHASE_MINUTES[index]);
            }
            index++;
        }
        if (!phases.isEmpty()) {
            phases.put("plan.phase4", PHASE_MINUTES[3]);
        }
        return phases;
    }

    /**
     * Read-only commands to run now: what each cluster's monitoring runs, and whether the edges' agents
     * manage to send. Nothing here changes a cluster.
     */
    static List<String> commandsNow(AuditReport report) {
        List<String> commands = new ArrayList<>();
        for (Cluster c : report.fleet().clusters()) {
            commands.add("kubectl --context " + c.name()
                    + " get prometheus,prometheusagent,alertmanager,statefulsets,pods -n monitoring");
        }
        for (Cluster c : report.fleet().centrals()) {
            commands.add("kubectl --context " + c.name() + " get svc,ingress -A | grep -i -E 'receive|thanos'");
        }
        for (Cluster c : report.fleet().edges()) {
            commands.add("kubectl --context " + c.name() + " logs -n monitoring -l app.kubernetes.io/name=prometheus-agent"
                    + " --tail=50 | grep -i 'remote'");
        }
        commands.add("promfleet audit --fleet fleet.yaml --fail-on high");
        return commands;
    }
}
