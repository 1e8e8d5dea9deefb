package io.promfleet.e2e.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.core.apply.HelmRunner;
import io.promfleet.e2e.harness.k3s.KubeApi;
import io.promfleet.e2e.harness.k3s.ServerObjects;
import io.promfleet.e2e.harness.k3s.SnapshotLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A test double of {@code helm upgrade --set prometheus.enabled=...,alertmanager.enabled=...} on a
 * kube-prometheus-stack release, acting on the real API servers. No Helm and no chart here, and no Prometheus
 * Operator runs; the double does what each would do, and nothing the API server does itself:
 * <ul>
 *   <li>{@code =false}: Helm deletes what the chart no longer renders — the release's {@code Prometheus} or
 *       {@code Alertmanager} resource. Nothing else: the StatefulSet the operator made from it, and that
 *       StatefulSet's Pods, carry ownerReferences to it, so removing them is k3s's garbage collector's job; the
 *       double waits for it (see {@link #awaitCollected}) and records what it removed.</li>
 *   <li>{@code =true} (a rollback): Helm renders the resource again, and the operator (played here) makes its
 *       StatefulSet and the Pods again — all as the cluster's snapshot recorded them, loaded like the snapshot
 *       was, with owner references pointed at the new owners.</li>
 * </ul>
 * Stateless, so that an apply in another process (the one a test kills) uses it the same way.
 */
final class HelmDouble implements HelmRunner {

    private static final Map<String, String> KINDS = Map.of("prometheus.enabled", "Prometheus",
            "alertmanager.enabled", "Alertmanager");

    private static final Duration COLLECT_DEADLINE = Duration.ofSeconds(90);

    private final Map<String, KubeApi> apis;
    private final Map<String, Path> snapshots;
    /** {@code cluster Kind namespace/name} of each dependent the garbage collector removed. */
    final List<String> collected = new CopyOnWriteArrayList<>();
    /** The Pods among them that the collector marked Terminating, whose deletion the double confirmed. */
    final List<String> terminated = new CopyOnWriteArrayList<>();

    HelmDouble(Map<String, KubeApi> apis, Map<String, Path> snapshots) {
        this.apis = apis;
        this.snapshots = snapshots;
    }

    @Override
    public String upgrade(HelmValuesChange change, Map<String, String> values, boolean dryRun) {
        if (dryRun) {
            return "helm double: dry run, nothing changed";
        }
        KubeApi api = apis.get(change.cluster());
        List<String> done = new ArrayList<>();
        values.forEach((key, value) -> {
            String kind = KINDS.get(key);
            if (kind == null) {
                return;
            }
            KubeApi.Resource resource = api.resource("monitoring.coreos.com/v1", kind).orElseThrow();
            if (value.equals("false")) {
                for (JsonNode owner : api.list(resource)) {
                    if (ofRelease(owner, change)) {
                        List<JsonNode> dependents = dependents(api, owner);
                        api.delete(resource.object(change.namespace(), owner.path("metadata").path("name").asText()));
                        done.add("deleted " + kind + "/" + owner.path("metadata").path("name").asText());
                        awaitCollected(change.cluster(), api, dependents);
                    }
                }
            } else {
                List<ObjectNode> missing = renderedAgain(change, kind, api);
                SnapshotLoader.Report report = new SnapshotLoader(api).load(missing);
                if (!report.failures().isEmpty()) {
                    throw new IllegalStateException("helm double could not restore " + kind + ": " + report);
                }
                done.add("restored " + report.createdByKind());
            }
        });
        return "helm double: " + done;
    }

    /** Every object of the read kinds that {@code owner} owns, directly or through another. */
    private static List<JsonNode> dependents(KubeApi api, JsonNode owner) {
        List<ObjectNode> all = ServerObjects.read(api).values().stream().flatMap(List::stream).toList();
        Set<String> owners = new LinkedHashSet<>(List.of(owner.path("metadata").path("uid").asText()));
        List<JsonNode> found = new ArrayList<>();
        for (boolean more = true; more; ) {
            more = false;
            for (ObjectNode o : all) {
                String uid = o.path("metadata").path("uid").asText();
                if (!owners.contains(uid) && ownerUids(o).stream().anyMatch(owners::contains)) {
                    owners.add(uid);
                    found.add(o);
                    more = true;
                }
            }
        }
        return found;
    }

    /**
     * Waits, like {@code helm upgrade --wait}, until the garbage collector has removed every dependent. A Pod
     * bound to a Node is only marked (Terminating) until its kubelet confirms its containers stopped; no kubelet
     * runs here, so the double confirms for it — only for Pods the collector marked: a Pod it did not mark stays,
     * and the wait fails.
     */
    private void awaitCollected(String cluster, KubeApi api, List<JsonNode> dependents) {
        List<JsonNode> left = new ArrayList<>(dependents);
        try {
            Awaitility.await().atMost(COLLECT_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
                left.removeIf(d -> collected(cluster, api, d));
                return left.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the garbage collector of " + cluster + " has not removed "
                    + left.stream().map(SnapshotLoader::key).toList() + " within " + COLLECT_DEADLINE, e);
        }
    }

    /** Whether {@code dependent} is gone; confirms its deletion first if it is a Pod the collector marked. */
    private boolean collected(String cluster, KubeApi api, JsonNode dependent) {
        JsonNode metadata = dependent.path("metadata");
        String path = api.resource(dependent.path("apiVersion").asText(), dependent.path("kind").asText()).orElseThrow()
                .object(metadata.path("namespace").asText(null), metadata.path("name").asText());
        Supplier<Optional<JsonNode>> find = () -> api.find(path)
                .filter(l -> l.path("metadata").path("uid").equals(metadata.path("uid")));
        Optional<JsonNode> live = find.get();
        if (live.isPresent() && dependent.path("kind").asText().equals("Pod")
                && live.get().path("metadata").has("deletionTimestamp")) {
            api.deleteNow(path);
            terminated.add(cluster + " " + SnapshotLoader.key(dependent));
            live = find.get();
        }
        if (live.isEmpty()) {
            collected.add(cluster + " " + SnapshotLoader.key(dependent));
        }
        return live.isEmpty();
    }

    private static List<String> ownerUids(JsonNode object) {
        List<String> uids = new ArrayList<>();
        object.path("metadata").path("ownerReferences").forEach(o -> uids.add(o.path("uid").asText()));
        return uids;
    }

    /** The release's resources of {@code kind} and, transitively, what they own, as the snapshot has them and the server has not. */
    private List<ObjectNode> renderedAgain(HelmValuesChange change, String kind, KubeApi api) {
        List<ObjectNode> snapshot = SnapshotLoader.readSnapshot(snapshots.get(change.cluster()));
        Set<String> owners = new LinkedHashSet<>();
        List<ObjectNode> wanted = new ArrayList<>();
        for (ObjectNode o : snapshot) {
            if (o.path("kind").asText().equals(kind) && ofRelease(o, change)) {
                owners.add(kind + "/" + o.path("metadata").path("name").asText());
                wanted.add(o);
            }
        }
        for (boolean more = true; more; ) {
            more = false;
            for (ObjectNode o : snapshot) {
                if (!wanted.contains(o) && change.namespace().equals(o.path("metadata").path("namespace").asText())
                        && ownedByAny(o, owners)) {
                    owners.add(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText());
                    wanted.add(o);
                    more = true;
                }
            }
        }
        return wanted.stream().filter(o -> api.resource(o.path("apiVersion").asText(), o.path("kind").asText())
                .flatMap(r -> api.find(r.object(change.namespace(), o.path("metadata").path("name").asText())))
                .isEmpty()).toList();
    }

    private static boolean ownedByAny(JsonNode object, Set<String> owners) {
        for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
            if (owners.contains(owner.path("kind").asText() + "/" + owner.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean ofRelease(JsonNode object, HelmValuesChange change) {
        JsonNode metadata = object.path("metadata");
        return change.namespace().equals(metadata.path("namespace").asText())
                && change.release().equals(metadata.path("annotations").path("meta.helm.sh/release-name").asText());
    }
}
