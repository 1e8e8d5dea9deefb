package io.promfleet.core.audit;

import io.promfleet.api.Finding;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.MonitoringWorkload;
import io.promfleet.api.topology.Owner;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.Topology;
import io.promfleet.api.topology.WorkloadRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a streaming audit keeps of an edge cluster once its cluster-scoped checks have run: the cluster
 * with its whole topology, but only the objects something after it may still look up — those the
 * topology names (the checks that compare clusters point their findings at them, and read their
 * {@code promfleet.io/ignore} annotations), those carrying that annotation (suppression), and those the
 * cluster's findings point at (a SARIF report names their file and line). The thousands of application
 * pods, Deployments and ConfigMaps of a real cluster go.
 */
final class ClusterSummary {

    /** An object's identity as {@link Cluster#object} looks it up. */
    record Key(String kind, String namespace, String name) {

        static Key of(Finding finding) {
            return new Key(finding.kind(), finding.namespace(), finding.name());
        }

        static Key of(KubeObject object) {
            return new Key(object.kind(), object.namespace(), object.name());
        }
    }

    private ClusterSummary() {}

    /** {@code cluster} with only the objects named above, and those of {@code pointedAt}. */
    static Cluster of(Cluster cluster, Set<Key> pointedAt) {
        Set<Key> wanted = new HashSet<>(pointedAt);
        named(cluster.topology(), wanted);
        List<KubeObject> kept = new ArrayList<>();
        // Cluster.object answers with the first object of a key: keep that one, annotated or not, so that
        // a lookup in the summary answers what it answered in the whole cluster.
        Set<Key> seen = new HashSet<>();
        for (KubeObject object : cluster.objects()) {
            Key key = Key.of(object);
            if (seen.add(key) && (wanted.contains(key) || object.annotations().containsKey(KubeObject.IGNORE_ANNOTATION))) {
                kept.add(object);
            }
        }
        return new Cluster(cluster.name(), cluster.role(), cluster.domain(), kept, cluster.topology());
    }

    /** Adds the workloads, owners and configuration sources {@code topology} names. */
    private static void named(Topology topology, Set<Key> into) {
        for (PrometheusInstance p : topology.prometheuses()) {
            add(p.workload(), into);
            add(p.owner(), into);
            ConfigSource source = p.config().source();
            if (source != null && source.name() != null) {
                into.add(new Key(source.kind(), source.namespace(), source.name()));
            }
        }
        for (ThanosComponent t : topology.thanos()) {
            add(t.workload(), into);
        }
        for (MonitoringWorkload w : topology.alertmanagers()) {
            add(w.workload(), into);
            add(w.owner(), into);
        }
        for (MonitoringWorkload w : topology.grafanas()) {
            add(w.workload(), into);
            add(w.owner(), into);
        }
    }

    private static void add(WorkloadRef workload, Set<Key> into) {
        if (workload != null) {
            into.add(new Key(workload.kind(), workload.namespace(), workload.name()));
        }
    }

    private static void add(Owner owner, Set<Key> into) {
        if (owner != null) {
            into.add(new Key(owner.kind(), owner.namespace(), owner.name()));
        }
    }
}
