package io.promfleet.remediators.duplicates;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.api.topology.Owner;
import io.promfleet.api.topology.OwnerType;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.WorkloadRef;
import io.promfleet.remediators.support.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code duplicate-full-prometheus} and {@code edge-alertmanager}: removes an edge's full Prometheus
 * and Alertmanager where they are declared, after a backup.
 *
 * <p>Owner-aware, because the seed audit's script was not: it deleted the StatefulSets
 * {@code prometheus-kube-prometheus-stack-prometheus} and {@code alertmanager-...}, which the Prometheus
 * Operator recreates within seconds from their {@code Prometheus}/{@code Alertmanager} resource. So a
 * Helm-installed component is switched off in the release's values ({@code helm upgrade}), an operator
 * resource without Helm is deleted (the operator then removes its StatefulSet), and only a plain workload is
 * deleted itself. An operator-owned StatefulSet is never a target. PersistentVolumeClaims outlive all of
 * these; they are deleted only with {@code --purge-data}.
 */
public final class RemoveDuplicatesRemediator implements Remediator {

    private static final Pattern CHART = Pattern.compile("(.+?)-v?(\\d[0-9A-Za-z.+_-]*)");

    private enum Component {
        PROMETHEUS("duplicate-full-prometheus", "prometheus.enabled", "server.enabled"),
        ALERTMANAGER("edge-alertmanager", "alertmanager.enabled", "alertmanager.enabled");

        final String check;
        final String stackValue;
        final String ownChartValue;

        Component(String check, String stackValue, String ownChartValue) {
            this.check = check;
            this.stackValue = stackValue;
            this.ownChartValue = ownChartValue;
        }

        String value(String chart) {
            return "prometheus".equals(chart) ? ownChartValue : stackValue;
        }
    }

    /** One component to remove. */
    private record Target(Component component, WorkloadRef workload, Owner owner, Finding finding) {}

    @Override
    public String id() {
        return "remove-duplicates";
    }

    @Override
    public String description() {
        return "Removes an edge's full Prometheus and Alertmanager through their owner (Helm values or operator "
                + "resource), after a backup; data is kept unless --purge-data.";
    }

    @Override
    public Set<String> answers() {
        return Set.of(Component.PROMETHEUS.check, Component.ALERTMANAGER.check);
    }

    @Override
    public List<Action> plan(RemediationContext context, List<Finding> findings) {
        List<Action> actions = new ArrayList<>();
        for (Cluster edge : context.fleet().edges()) {
            List<Target> targets = new ArrayList<>();
            for (Finding f : findings) {
                if (!edge.name().equals(f.cluster())) {
                    continue;
                }
                if (f.check().equals(Component.PROMETHEUS.check)) {
                    edge.topology().servers().stream().filter(p -> matches(f, p.owner(), p.workload())).findFirst()
                            .ifPresent(p -> targets.add(new Target(Component.PROMETHEUS, p.workload(), p.owner(), f)));
                } else if (f.check().equals(Component.ALERTMANAGER.check)) {
                    edge.topology().alertmanagers().stream().filter(a -> matches(f, a.owner(), a.workload())).findFirst()
                            .ifPresent(a -> targets.add(new Target(Component.ALERTMANAGER, a.workload(), a.owner(), f)));
                }
            }
            if (targets.isEmpty()) {
                continue;
            }
            targets.stream().filter(t -> t.component() == Component.PROMETHEUS)
                    .forEach(t -> actions.add(backup(edge, t)));
            actions.addAll(removals(edge, targets));
            if (context.purgeData()) {
                targets.forEach(t -> purge(edge, t).ifPresent(actions::add));
            }
        }
        return actions;
    }

    private static boolean matches(Finding f, Owner owner, WorkloadRef workload) {
        return Objects.equals(f.kind(), owner.kind()) && Objects.equals(f.name(), owner.name())
                || Objects.equals(f.kind(), workload.kind()) && Objects.equals(f.name(), workload.name());
    }

    /**
     * A TSDB snapshot through the admin API when it is enabled; otherwise the server is scaled to zero first,
     * so that its volume is detached and kept whole before anything is removed.
     */
    private static Action backup(Cluster edge, Target t) {
        Optional<KubeObject> ownerObject = edge.object(t.owner().kind(), t.owner().namespace(), t.owner().name());
        Optional<KubeObject> workload = edge.object(t.workload().kind(), t.workload().namespace(), t.workload().name());
        boolean adminApi = ownerObject.map(o -> o.at("spec", "enableAdminAPI").asBoolean(false)).orElse(false)
                || workload.map(w -> w.at("spec", "template", "spec", "containers").elements().stream()
                        .flatMap(c -> c.get("args").textElements().stream())
                        .anyMatch(a -> a.startsWith("--web.enable-admin-api"))).orElse(false);
        Optional<ServiceEndpoint> service = workload.flatMap(w -> edge.topology()
                .servicesSelecting(w.at("spec", "template", "metadata", "labels").textFields()).stream()
                .filter(s -> !"None".equals(s.clusterIp())).findFirst());
        String id = "backup-" + Trees.slug(edge.name()) + "-" + Trees.slug(t.workload().name());
        if (adminApi && service.isPresent()) {
            ServiceEndpoint s = service.get();
            String port = s.ports().isEmpty() ? "9090" : Optional.ofNullable(s.ports().get(0).name())
                    .orElse(String.valueOf(s.ports().get(0).port()));
            ApiRequest snapshot = new ApiRequest(edge.name(), s.namespace(), s.name(), port, "POST",
                    "/api/v1/admin/tsdb/snapshot", "TSDB snapshot before removal");
            return new Action(id, Phase.REMOVE_DUPLICATES, edge.name(),
                    "Back up " + t.workload() + ": a TSDB snapshot through its admin API (kept on its volume, which "
                            + "outlives the removal).",
                    List.of(snapshot), snapshot.command() + "  # the response names the snapshot directory",
                    "Nothing to undo: a snapshot only adds files.", List.of(t.finding().check()));
        }
        // The admin API is off: scale the owner to zero; the PersistentVolumeClaim stays.
        KubeObject scaled = t.owner().type() == OwnerType.OPERATOR && ownerObject.isPresent() ? ownerObject.get()
                : workload.orElse(null);
        if (scaled == null) {
            throw new IllegalStateException("no object for " + t.workload() + " in " + edge.name());
        }
        Map<String, Object> after = Trees.editable(scaled.body());
        Trees.child(after, "spec").put("replicas", 0);
        return new Action(id, Phase.REMOVE_DUPLICATES, edge.name(),
                "Back up " + t.workload() + ": its admin API is off, so scale " + scaled.ref() + " to zero replicas"
                        + (scaled.kind().equals(t.workload().kind()) ? "" : " (the operator scales the StatefulSet)")
                        + "; its PersistentVolumeClaim and data stay until --purge-data.",
                List.of(new ObjectChange(edge.name(), scaled.apiVersion(), scaled.kind(), scaled.namespace(),
                        scaled.name(), scaled.body(), Node.of(after))),
                "kubectl --context " + edge.name() + " -n " + t.workload().namespace() + " get " + t.workload().kind()
                        .toLowerCase(java.util.Locale.ROOT) + " " + t.workload().name() + " -o jsonpath='{.status.replicas}'  # 0",
                "Restore " + scaled.ref() + "'s replicas.", List.of(t.finding().check()));
    }

    /** One removal per owner: a Helm release's components are switched off in one upgrade. */
    private static List<Action> removals(Cluster edge, List<Target> targets) {
        List<Action> actions = new ArrayList<>();
        Map<String, List<Target>> byRelease = new LinkedHashMap<>();
        for (Target t : targets) {
            String release = t.owner().type() == OwnerType.HELM ? t.owner().name() : t.owner().helmRelease();
            if (release != null) {
                byRelease.computeIfAbsent(release, r -> new ArrayList<>()).add(t);
            } else {
                actions.add(deleteOwner(edge, t));
            }
        }
        byRelease.forEach((release, ts) -> actions.add(0, helm(edge, release, ts)));
        return actions;
    }

    private static Action helm(Cluster edge, String release, List<Target> targets) {
        Target first = targets.get(0);
        Optional<KubeObject> labelled = edge.object(first.owner().kind(), first.owner().namespace(), first.owner().name())
                .or(() -> edge.object(first.workload().kind(), first.workload().namespace(), first.workload().name()));
        String chartLabel = labelled.flatMap(o -> o.label("helm.sh/chart").or(() -> o.label("chart"))).orElse(null);
        String chart = "kube-prometheus-stack";
        String version = null;
        if (chartLabel != null) {
            Matcher m = CHART.matcher(chartLabel);
            chart = m.matches() ? m.group(1) : chartLabel;
            version = m.matches() ? m.group(2) : null;
        }
        String namespace = labelled.flatMap(o -> o.annotation("meta.helm.sh/release-namespace"))
                .orElse(first.owner().namespace());
        Map<String, String> set = new LinkedHashMap<>();
        Map<String, String> previous = new LinkedHashMap<>();
        List<String> checks = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (Target t : targets) {
            set.put(t.component().value(chart), "false");
            previous.put(t.component().value(chart), "true");
            checks.add(t.finding().check());
            what.add(t.owner().kind() + "/" + t.owner().name() + " (" + t.workload() + ")");
        }
        HelmValuesChange change = new HelmValuesChange(edge.name(), release, namespace,
                // The repository alias is an assumption of the plan: adjust it to the one `helm repo list` shows.
                "prometheus-community/" + chart, version, set, previous);
        return new Action("remove-duplicates-" + Trees.slug(edge.name()) + "-" + Trees.slug(release),
                Phase.REMOVE_DUPLICATES, edge.name(),
                "Switch off " + String.join(" and ", what) + " in Helm release " + namespace + "/" + release
                        + ": " + change.summary() + ". Not by deleting the StatefulSets — the operator would recreate "
                        + "them from their resources, and the next upgrade the resources. Run: " + change.command(),
                List.of(change),
                targets.stream().map(t -> "kubectl --context " + edge.name() + " -n " + t.owner().namespace() + " get "
                        + t.owner().kind().toLowerCase(java.util.Locale.ROOT) + " " + t.owner().name()
                        + "  # NotFound").reduce((a, b) -> a + " && " + b).orElse(""),
                change.undoCommand(), checks);
    }

    /** An operator resource without Helm is deleted (the operator removes its StatefulSet); a plain workload itself. */
    private static Action deleteOwner(Cluster edge, Target t) {
        boolean operator = t.owner().type() == OwnerType.OPERATOR;
        String kind = operator ? t.owner().kind() : t.workload().kind();
        String namespace = operator ? t.owner().namespace() : t.workload().namespace();
        String name = operator ? t.owner().name() : t.workload().name();
        KubeObject object = edge.object(kind, namespace, name)
                .orElseThrow(() -> new IllegalStateException("no " + kind + "/" + name + " in " + edge.name()));
        return new Action("remove-duplicates-" + Trees.slug(edge.name()) + "-" + Trees.slug(name), Phase.REMOVE_DUPLICATES,
                edge.name(), "Delete " + object.ref() + (operator ? "; the operator removes " + t.workload()
                        + " with it (deleting the StatefulSet itself would only have it recreated)" : "")
                        + "; PersistentVolumeClaims stay.",
                List.of(ObjectChange.delete(edge.name(), object.apiVersion(), kind, namespace, name, object.body())),
                "kubectl --context " + edge.name() + " -n " + namespace + " get " + t.workload().kind()
                        .toLowerCase(java.util.Locale.ROOT) + " " + t.workload().name() + "  # NotFound",
                "Recreate " + object.ref() + " from the journal's before-state.", List.of(t.finding().check()));
    }

    /** With --purge-data: the StatefulSet's claims, which outlive it, are deleted last. */
    private static Optional<Action> purge(Cluster edge, Target t) {
        List<Change> deletes = edge.objectsOfKind("PersistentVolumeClaim")
                .filter(p -> Objects.equals(p.namespace(), t.workload().namespace())
                        && p.name().matches(".+-" + Pattern.quote(t.workload().name()) + "-\\d+"))
                .map(p -> (Change) ObjectChange.delete(edge.name(), p.apiVersion(), p.kind(), p.namespace(), p.name(),
                        p.body()))
                .toList();
        if (deletes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Action("purge-data-" + Trees.slug(edge.name()) + "-" + Trees.slug(t.workload().name()),
                Phase.REMOVE_DUPLICATES, edge.name(),
                "--purge-data: delete the PersistentVolumeClaims of " + t.workload() + " (its data is gone for good).",
                deletes, "kubectl --context " + edge.name() + " -n " + t.workload().namespace() + " get pvc",
                "Not undoable: the data is deleted.", List.of(t.finding().check())));
    }
}
