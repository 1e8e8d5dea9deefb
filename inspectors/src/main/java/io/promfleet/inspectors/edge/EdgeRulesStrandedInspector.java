package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
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
public final class EdgeRulesStrandedInspector implements BundledInspector {

    @Override
    public String id() {
        return "edge-rules-stranded";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
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
        Texts t = Texts.of(context);
        context.report(finding
                .message(message(t, edge, server, alerting, recording, counted, ruleFiles))
                .remediation(remediation(t, edge, counted))
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
            context.coverageGap(cluster.name(), Texts.of(context).get("gap.rule-namespaces", String.join(", ", undecided)));
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

    private static String message(Texts t, Cluster edge, PrometheusInstance server, int alerting, int recording,
            Counted counted, List<String> ruleFiles) {
        boolean anyCounted = alerting + recording > 0;
        String what = anyCounted ? t.get("ers.what", alerting, recording, counted.groups().size(),
                String.join(", ", counted.groups())) : t.get("ers.what.rules");
        String files = ruleFiles.isEmpty() ? ""
                : t.get(anyCounted ? "ers.files.plus" : "ers.files.from", String.join(", ", ruleFiles));
        return t.get("ers.message", server.workload(), edge.name(), what, files);
    }

    private static String remediation(Texts t, Cluster edge, Counted counted) {
        String rules = counted.objects().isEmpty() ? t.get("ers.objects.default") : String.join(", ", counted.objects());
        return t.get("ers.remediation", rules, edge.name());
    }
}
