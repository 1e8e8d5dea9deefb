package io.promfleet.inspectors.receive;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;

/**
 * {@code receive-objstore-missing}: a Thanos Receive started without an object store
 * ({@code --objstore.config-file} or {@code --objstore.config}). Receive then keeps blocks only on its
 * local disk for {@code --tsdb.retention} and never uploads them: the fleet's history is lost past the
 * retention, and Store Gateway and Compactor have nothing to serve.
 */
public final class ReceiveObjstoreMissingInspector implements Inspector {

    @Override
    public String id() {
        return "receive-objstore-missing";
    }

    @Override
    public String description() {
        return "A Thanos Receive has no object store, so the fleet's data is kept only for its local retention.";
    }

    /** High: every sample older than the local retention is deleted, for every edge. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.fleet().clusters()) {
            for (ThanosComponent receive : cluster.topology().thanos(ThanosRole.RECEIVE)) {
                if (receive.flags().has("objstore.config-file") || receive.flags().has("objstore.config")) {
                    continue;
                }
                String retention = receive.flags().first("tsdb.retention").orElse("15d (Thanos' default)");
                context.report(context.finding().cluster(cluster.name())
                        .object(receive.workload().namespace(), receive.workload().kind(), receive.workload().name())
                        .message(message(cluster, receive, retention))
                        .remediation(remediation(receive))
                        .evidence("receive", receive.workload())
                        .evidence("container", receive.container())
                        .evidence("tsdbRetention", retention)
                        .build());
            }
        }
    }

    // English texts, kept together so that they move into the plugin's bundle in one piece.

    private static String message(Cluster cluster, ThanosComponent receive, String retention) {
        return "Thanos Receive " + receive.workload() + " on " + cluster.name() + " has no object store: it keeps blocks"
                + " on its local disk for " + retention + " and uploads nothing, so older data is deleted and Store"
                + " Gateway and Compactor cannot serve it.";
    }

    private static String remediation(ThanosComponent receive) {
        return "Give Receive an object store: a Secret with the bucket configuration (e.g. type S3 with the MinIO"
                + " endpoint and bucket; credentials in the Secret, not in args) mounted and passed as"
                + " `--objstore.config-file`. Verify: `thanos_objstore_bucket_operations_total{operation=\"upload\"}` of"
                + " " + receive.workload().name() + " grows after the next block cut (2 h), and `thanos tools bucket ls`"
                + " lists its blocks.";
    }
}
