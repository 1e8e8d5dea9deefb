package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.OwnerType;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.inspectors.support.OwnerAdvice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code edge-rules-stranded}: alerting and recording rules that only an edge's full Prometheus evaluates.
 * Removing that server (the fix for {@code duplicate-full-prometheus}) silences them unless they move to
 * the central Thanos Ruler first.
 *
 * <p>The rules are the {@code PrometheusRule} objects the server's operator resource selects
 * ({@code spec.ruleSelector}: absent selects none, {@code {}} all; {@code spec.ruleNamespaceSelector}:
 * absent means the resource's own namespace, {@code {}} every namespace), and the {@code rule_files} of
 * a server configured by file. A group that a central {@code ThanosRuler} already evaluates (same group
 * name in a PrometheusRule it selects) has moved and is not counted.
 */
public final class EdgeRulesStrandedInspector implements Inspector {

    @Override
    public String id() {
        return "edge-rules-stranded";
    }

    @Override
    public String description() {
        return "Alerting or recording rules are evaluated only by an edge's full Prometheus and die with it.";
    }

    /**
     * Medium: nothing is lost yet, but removing the duplicate server before moving the rules silences the
     * edge's alerts without a sign.
     */
    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    private record Counted(Set<String> groups, List<String> objects) {}

    @Override
    public void inspect(InspectionContext context) {
        Set<String> moved = centrallyEvaluatedGroups(context);
        for (Cluster edge : context.fleet().edges()) {
            for (PrometheusInstance server : edge.topology().servers()) {
                inspect(context, edge, server, moved);
            }
        }
    }

    private void inspect(InspectionContext context, Cluster edge, PrometheusInstance server, Set<String> moved) {
        Counted counted = new Counted(new TreeSet<>(), new ArrayList<>());
        int alerting = 0;
        int recording = 0;
        if (server.owner().type() == OwnerType.OPERATOR && server.owner().kind().equals("Prometheus")) {
            KubeObject resource = edge.object("Prometheus", server.owner().namespace(), server.owner().name()).orElse(null);
            if (resource != null) {
                List<KubeObject> rules = selectedRules(context, edge, resource.at("spec"), resource.namespace());
                for (KubeObject rule : rules) {
                    boolean any = false;
                    for (Node group : rule.at("spec", "groups").elements()) {
                        String name = group.get("name").text("");
                        if (moved.contains(name)) {
                            continue;
                        }
                        for (Node r : group.get("rules").elements()) {
                            if (r.get("alert").isScalar()) {
                                alerting++;
                                any = true;
                            } else if (r.get("record").isScalar()) {
                                recording++;
                                any = true;
                            }
                        }
                        counted.groups().add(name);
                    }
                    if (any) {
                        counted.objects().add(rule.namespace() + "/" + rule.name());
                    }
                }
            }
        }
        List<String> ruleFiles = server.config().ruleFiles();
        if (alerting + recording == 0 && ruleFiles.isEmpty()) {
            return;
        }
        var finding = OwnerAdvice.pointAtOwner(context.finding().cluster(edge.name()), server.owner(), server.workload());
        context.report(finding
                .message(message(edge, server, alerting, recording, counted, ruleFiles))
                .remediation(remediation(edge, counted))
                .evidence("prometheus", server.workload())
                .evidence("owner", server.owner())
                .evidence("alertingRules", alerting)
                .evidence("recordingRules", recording)
                .evidence("groups", counted.groups().isEmpty() ? null : String.join(", ", counted.groups()))
                .evidence("prometheusRules", counted.objects().isEmpty() ? null : String.join(", ", counted.objects()))
                .evidence("ruleFiles", ruleFiles.isEmpty() ? null : String.join(", ", ruleFiles))
                .build());
    }

    /** The PrometheusRule objects of {@code cluster} that an operator spec's rule selectors select. */
    private static List<KubeObject> selectedRules(InspectionContext context, Cluster cluster, Node spec, String ownNamespace) {
        Node selector = spec.get("ruleSelector");
        if (selector.isNullOrMissing()) {
            return List.of();
        }
        Node namespaces = spec.get("ruleNamespaceSelector");
        List<KubeObject> selected = new ArrayList<>();
        Set<String> undecided = new TreeSet<>();
        cluster.objectsOfKind("PrometheusRule").forEach(rule -> {
            Boolean inNamespace = namespaces.isNullOrMissing() ? Objects.equals(rule.namespace(), ownNamespace)
                    : LabelSelector.selectsNamespace(namespaces, rule.namespace());
            if (inNamespace == null) {
                undecided.add(rule.namespace());
            } else if (inNamespace && LabelSelector.matches(selector, rule.labels())) {
                selected.add(rule);
            }
        });
        if (!undecided.isEmpty()) {
            context.coverageGap(cluster.name(), "ruleNamespaceSelector selects by namespace labels, which are not read;"
                    + " rules in namespaces " + String.join(", ", undecided) + " were not counted");
        }
        return selected;
    }

    /** The rule group names central Thanos Rulers evaluate. */
    private static Set<String> centrallyEvaluatedGroups(InspectionContext context) {
        Set<String> groups = new HashSet<>();
        for (Cluster central : context.fleet().centrals()) {
            central.objectsOfKind("ThanosRuler").forEach(ruler -> {
                for (KubeObject rule : selectedRules(context, central, ruler.at("spec"), ruler.namespace())) {
                    rule.at("spec", "groups").elements().forEach(g -> groups.add(g.get("name").text("")));
                }
            });
        }
        return groups;
    }

    // English texts, kept together so that they move into the plugin's bundle in one piece.

    private static String message(Cluster edge, PrometheusInstance server, int alerting, int recording, Counted counted,
            List<String> ruleFiles) {
        String what = alerting + recording > 0
                ? alerting + " alerting and " + recording + " recording rules in " + counted.groups().size() + " groups ("
                        + String.join(", ", counted.groups()) + ")"
                : "rules";
        return "Only the full Prometheus " + server.workload() + " on edge " + edge.name() + " evaluates " + what
                + (ruleFiles.isEmpty() ? "" : (alerting + recording > 0 ? ", plus" : " from") + " rule_files "
                        + String.join(", ", ruleFiles))
                + ": an agent evaluates no rules, so removing this server silences them unless they move to the central"
                + " Thanos Ruler first.";
    }

    private static String remediation(Cluster edge, Counted counted) {
        return "Before removing the edge server, deploy the rules to the central Thanos Ruler (a ThanosRuler whose"
                + " ruleSelector selects copies of " + (counted.objects().isEmpty() ? "these rules"
                        : String.join(", ", counted.objects()))
                + ", querying through Thanos Query) with expressions filtered by `cluster=\"" + edge.name() + "\"` where"
                + " they must stay per edge. Verify: the central Ruler's `/api/v1/rules` lists the groups and"
                + " `ALERTS{cluster=\"" + edge.name() + "\"}` is evaluated centrally.";
    }
}
