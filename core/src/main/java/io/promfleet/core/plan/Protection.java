package io.promfleet.core.plan;

import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.topology.PrometheusInstance;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a cluster still needs after its duplicates go: its Prometheus agents (workload, operator resource and
 * configuration), kube-state-metrics, node-exporter, and the Prometheus Operator with its CRDs (the agent may be
 * managed by it).
 */
public final class Protection {

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Pod",
            "Service", "ServiceAccount");

    private Protection() {}

    /** The objects of {@code cluster} that a plan may not remove. */
    public static Set<KubeObject> protectedObjects(Cluster cluster) {
        Set<KubeObject> result = new HashSet<>();
        for (PrometheusInstance agent : cluster.topology().agents()) {
            cluster.object(agent.workload().kind(), agent.workload().namespace(), agent.workload().name()).ifPresent(result::add);
            cluster.object(agent.owner().kind(), agent.owner().namespace(), agent.owner().name()).ifPresent(result::add);
            if (agent.config().source() != null) {
                cluster.object(agent.config().source().kind(), agent.config().source().namespace(),
                        agent.config().source().name()).ifPresent(result::add);
            }
        }
        cluster.objects().stream().filter(Protection::isEdgeEssential).forEach(result::add);
        return result;
    }

    /** kube-state-metrics, node-exporter, the Prometheus Operator, and CRDs, by kind, name and well-known labels. */
    static boolean isEdgeEssential(KubeObject o) {
        if (o.kind().equals("CustomResourceDefinition")) {
            return true;
        }
        if (!WORKLOAD_KINDS.contains(o.kind())) {
            return false;
        }
        return Stream.of(o.name(), o.labels().getOrDefault("app.kubernetes.io/name", ""),
                        o.labels().getOrDefault("app", ""))
                .map(s -> s.toLowerCase(Locale.ROOT))
                .anyMatch(s -> s.contains("kube-state-metrics") || s.contains("node-exporter")
                        || s.contains("prometheus-operator") || s.endsWith("-operator"));
    }
}
