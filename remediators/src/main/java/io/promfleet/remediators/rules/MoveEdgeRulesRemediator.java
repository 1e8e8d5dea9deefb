package io.promfleet.remediators.rules;

import static io.promfleet.remediators.support.Trees.map;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.remediators.support.CentralReceive;
import io.promfleet.remediators.support.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers {@code edge-rules-stranded}: before an edge's full Prometheus goes, its {@code PrometheusRule}s are
 * copied to the central cluster and evaluated there by a Thanos Ruler (created when the central has none),
 * each expression scoped to the edge's {@code cluster} label so that an edge's alert keeps meaning that edge.
 *
 * <p>The copies carry only promfleet's labels, not the chart's ({@code release: ...}): the central's own
 * Prometheus selects rules by those, and would otherwise evaluate every edge's rules a second time.
 */
public final class MoveEdgeRulesRemediator implements Remediator {

    /** The label the Ruler selects the moved rules by. */
    public static final String MOVED_LABEL = "promfleet.io/moved-rules";
    public static final String SOURCE_LABEL = "promfleet.io/source-cluster";
    static final String RULER_NAME = "promfleet-ruler";

    @Override
    public String id() {
        return "move-edge-rules";
    }

    @Override
    public String description() {
        return "Moves each edge's alerting and recording rules to a Thanos Ruler on the central cluster, scoped to the edge.";
    }

    @Override
    public Set<String> answers() {
        return Set.of("edge-rules-stranded");
    }

    @Override
    public List<Action> plan(RemediationContext context, List<Finding> findings) {
        Optional<Cluster> centralCluster = context.fleet().centrals().stream().findFirst();
        if (centralCluster.isEmpty()) {
            return List.of();
        }
        Cluster central = centralCluster.get();
        String ns = CentralReceive.monitoringNamespace(central);
        List<Action> actions = new ArrayList<>();
        boolean rulerExists = central.objectsOfKind("ThanosRuler").findAny().isPresent()
                || !central.topology().thanos(ThanosRole.RULER).isEmpty();
        for (Finding finding : findings) {
            if (!answers().contains(finding.check()) || finding.cluster() == null) {
                continue;
            }
            Optional<Cluster> edge = context.fleet().cluster(finding.cluster());
            Optional<KubeObject> prometheus = edge.flatMap(e -> e.object("Prometheus", finding.namespace(), finding.name()));
            if (edge.isEmpty() || prometheus.isEmpty()) {
                continue; // rule_files of a plain Prometheus: not planned yet, listed as unaddressed
            }
            List<KubeObject> rules = selectedRules(edge.get(), prometheus.get());
            if (rules.isEmpty()) {
                continue;
            }
            if (!rulerExists) {
                actions.add(ruler(central, ns, context));
                rulerExists = true;
            }
            List<Change> changes = new ArrayList<>();
            for (KubeObject rule : rules) {
                String name = Trees.slug(edge.get().name() + "-" + rule.name());
                changes.add(ObjectChange.create(central.name(), "monitoring.coreos.com/v1", "PrometheusRule", ns, name,
                        Node.of(map("apiVersion", "monitoring.coreos.com/v1", "kind", "PrometheusRule",
                                "metadata", map("name", name, "namespace", ns,
                                        "labels", map(MOVED_LABEL, "true", SOURCE_LABEL, edge.get().name()),
                                        "annotations", map("promfleet.io/source",
                                                edge.get().name() + "/" + rule.ref())),
                                "spec", map("groups", scopedGroups(rule, edge.get().name()))))));
            }
            actions.add(new Action("move-rules-" + Trees.slug(edge.get().name()), Phase.MOVE_RULES, central.name(),
                    "Copy " + rules.size() + " PrometheusRule(s) that " + prometheus.get().ref() + " on "
                            + edge.get().name() + " evaluates to " + central.name() + "/" + ns + ", every expression "
                            + "scoped to cluster=\"" + edge.get().name() + "\" and every rule labelled with it; the "
                            + "edge's originals stay until its Prometheus is removed.",
                    changes,
                    "kubectl --context " + central.name() + " -n " + ns + " get prometheusrules -l " + SOURCE_LABEL + "="
                            + edge.get().name(),
                    "Delete the copies (label " + SOURCE_LABEL + "=" + edge.get().name() + ") on " + central.name() + ".",
                    List.of(finding.check())));
        }
        return actions;
    }

    /** The rules the operator gives this Prometheus: its ruleSelector's labels, in its own namespace unless told otherwise. */
    private static List<KubeObject> selectedRules(Cluster edge, KubeObject prometheus) {
        Node selector = prometheus.at("spec", "ruleSelector");
        if (selector.isNullOrMissing()) {
            return List.of(); // no selector: the operator gives the Prometheus no rules
        }
        Map<String, String> match = selector.get("matchLabels").textFields();
        boolean anyNamespace = !prometheus.at("spec", "ruleNamespaceSelector").isNullOrMissing();
        return edge.objectsOfKind("PrometheusRule")
                .filter(r -> anyNamespace || Objects.equals(r.namespace(), prometheus.namespace()))
                .filter(r -> r.labels().entrySet().containsAll(match.entrySet()))
                .toList();
    }

    private static List<Object> scopedGroups(KubeObject rule, String cluster) {
        List<Object> groups = new ArrayList<>();
        for (Node group : rule.at("spec", "groups").elements()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) copyOf(group));
            copy.put("name", cluster + "-" + group.get("name").text("rules"));
            List<Object> scoped = new ArrayList<>();
            for (Node r : group.get("rules").elements()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> one = (Map<String, Object>) copyOf(r);
                one.put("expr", PromqlScoper.scope(r.get("expr").text(""), "cluster", cluster));
                Map<String, Object> labels = new LinkedHashMap<>();
                r.get("labels").textFields().forEach(labels::put);
                labels.put("cluster", cluster);
                one.put("labels", labels);
                scoped.add(one);
            }
            copy.put("rules", scoped);
            groups.add(copy);
        }
        return groups;
    }

    private static Object copyOf(Node node) {
        return Trees.editable(Node.of(Map.of("v", node.unwrap()))).get("v");
    }

    private static Action ruler(Cluster central, String ns, RemediationContext context) {
        String query = CentralReceive.query(central)
                .map(s -> "dnssrv+_http._tcp." + s.name() + "." + s.namespace() + ".svc." + central.domain())
                .orElse("dnssrv+_http._tcp.thanos-query." + ns + ".svc." + central.domain());
        Optional<String> alertmanager = central.topology().alertmanagers().stream()
                .flatMap(a -> central.topology().servicesSelecting(a.podLabels()).stream())
                .filter(s -> !"None".equals(s.clusterIp()))
                .findFirst().map(s -> "http://" + s.dnsName(central.domain()) + ":" + port(s));
        Map<String, Object> spec = map("replicas", 1, "image", CentralReceive.thanosImage(central),
                "queryEndpoints", List.of(query),
                "alertmanagersUrl", alertmanager.map(List::of).orElse(null),
                "ruleSelector", map("matchLabels", map(MOVED_LABEL, "true")),
                "ruleNamespaceSelector", map(),
                "evaluationInterval", "30s");
        CentralReceive.objstoreSecret(central).ifPresent(s ->
                spec.put("objectStorageConfig", map("name", s[0], "key", s[1])));
        return new Action("deploy-ruler-" + Trees.slug(central.name()), Phase.MOVE_RULES, central.name(),
                "Create ThanosRuler " + ns + "/" + RULER_NAME + " on " + central.name() + ", querying Thanos Query and "
                        + "alerting through " + alertmanager.orElse("no Alertmanager (none found on the central)")
                        + "; it evaluates the rules labelled " + MOVED_LABEL + "=true.",
                List.of(ObjectChange.create(central.name(), "monitoring.coreos.com/v1", "ThanosRuler", ns, RULER_NAME,
                        Node.of(map("apiVersion", "monitoring.coreos.com/v1", "kind", "ThanosRuler",
                                "metadata", map("name", RULER_NAME, "namespace", ns,
                                        "labels", map("app.kubernetes.io/managed-by", "promfleet")),
                                "spec", spec)))),
                "kubectl --context " + central.name() + " -n " + ns + " rollout status statefulset/thanos-ruler-" + RULER_NAME,
                "Delete ThanosRuler " + ns + "/" + RULER_NAME + ".",
                List.of("edge-rules-stranded"));
    }

    private static int port(ServiceEndpoint service) {
        return service.ports().isEmpty() ? 9093 : service.ports().get(0).port();
    }
}
