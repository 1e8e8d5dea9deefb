package io.promfleet.remediators.apply;

import io.promfleet.api.model.Node;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.core.apply.HelmRunner;
import io.promfleet.core.apply.KubeWriter;
import io.promfleet.core.apply.ObjectRef;
import io.promfleet.core.apply.ServerFields;
import io.promfleet.core.live.KubeAccess;
import io.promfleet.core.live.KubeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of {@code helm upgrade} on kube-prometheus-stack, acting on the mock APIs as the chart and the
 * Prometheus Operator would: {@code prometheus.enabled=false} removes the release's Prometheus resource, and with
 * it (the operator's garbage collection) the StatefulSet it controls and that StatefulSet's pods; {@code =true}
 * brings back what it removed. Enough for the apply tests' after-state; the real chart is not involved.
 */
final class FakeKubePrometheusStack implements HelmRunner {

    private static final Map<String, String> KINDS = Map.of("prometheus.enabled", "Prometheus",
            "alertmanager.enabled", "Alertmanager");

    private final KubeAccess.Factory readers;
    private final KubeWriter.Factory writers;
    private final Map<String, String> contexts;
    private final Map<String, List<Map<String, Object>>> removed = new HashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    FakeKubePrometheusStack(KubeAccess.Factory readers, KubeWriter.Factory writers, Map<String, String> contexts) {
        this.readers = readers;
        this.writers = writers;
        this.contexts = contexts;
    }

    @Override
    public String upgrade(HelmValuesChange change, Map<String, String> values, boolean dryRun) {
        calls.add(change.cluster() + " " + values + (dryRun ? " dry-run" : ""));
        if (dryRun) {
            return "dry run";
        }
        String cluster = change.cluster();
        try (KubeAccess read = readers.open(cluster, contexts.get(cluster));
                KubeWriter write = writers.open(cluster, contexts.get(cluster))) {
            values.forEach((key, value) -> {
                String kind = KINDS.get(key);
                if (kind == null) {
                    return;
                }
                String stash = cluster + "/" + kind;
                if (value.equals("false")) {
                    List<Map<String, Object>> gone = new ArrayList<>();
                    for (Map<String, Object> owner : read.list(KubeKind.of(kind).orElseThrow())) {
                        Node o = Node.of(owner);
                        if (!change.release().equals(o.path("metadata", "annotations", "meta.helm.sh/release-name").text(""))) {
                            continue;
                        }
                        String name = o.path("metadata", "name").text("");
                        for (String dependent : List.of("StatefulSet", "Pod")) {
                            for (Map<String, Object> d : read.list(KubeKind.of(dependent).orElseThrow())) {
                                if (ownedBy(d, kind, name) || dependent.equals("Pod") && gone.stream()
                                        .anyMatch(s -> ownedBy(d, "StatefulSet", Node.of(s).path("metadata", "name").text("")))) {
                                    gone.add(d);
                                }
                            }
                        }
                        gone.add(owner);
                    }
                    for (Map<String, Object> object : gone) {
                        write.delete(ref(cluster, object), false);
                    }
                    removed.computeIfAbsent(stash, k -> new ArrayList<>()).addAll(gone);
                } else {
                    List<Map<String, Object>> back = removed.getOrDefault(stash, List.of());
                    for (int i = back.size() - 1; i >= 0; i--) {
                        write.create(ref(cluster, back.get(i)), ServerFields.strip(back.get(i)), false);
                    }
                    removed.remove(stash);
                }
            });
        }
        return "upgraded";
    }

    private static boolean ownedBy(Map<String, Object> object, String kind, String name) {
        return Node.of(object).path("metadata", "ownerReferences").elements().stream()
                .anyMatch(r -> kind.equals(r.get("kind").text("")) && name.equals(r.get("name").text("")));
    }

    private static ObjectRef ref(String cluster, Map<String, Object> object) {
        Node o = Node.of(object);
        return new ObjectRef(cluster, o.get("apiVersion").text(""), o.get("kind").text(""),
                o.path("metadata", "namespace").text(null), o.path("metadata", "name").text(""));
    }
}
