package io.promfleet.inspectors.receive;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
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
public final class ReceiveObjstoreMissingInspector implements BundledInspector {

    @Override
    public String id() {
        return "receive-objstore-missing";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    /** High: every sample older than the local retention is deleted, for every edge. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.clustersToInspect()) {
            for (ThanosComponent receive : cluster.topology().thanos(ThanosRole.RECEIVE)) {
                if (receive.flags().has("objstore.config-file") || receive.flags().has("objstore.config")) {
                    continue;
                }
                Texts t = Texts.of(context);
                String retention = receive.flags().first("tsdb.retention").orElseGet(() -> t.get("rom.retention.default"));
                context.report(context.finding().cluster(cluster.name())
                        .object(receive.workload().namespace(), receive.workload().kind(), receive.workload().name())
                        .message(t.get("rom.message", receive.workload(), cluster.name(), retention))
                        .remediation(t.get("rom.remediation", receive.workload().name()))
                        .evidence("receive", receive.workload())
                        .evidence("container", receive.container())
                        .evidence("tsdbRetention", retention)
                        .build());
            }
        }
    }
}
