package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.RemoteWriteTarget;
import java.util.function.Consumer;

/** Walks every remote_write of every Prometheus on the fleet's edges, for the remote-write checks. */
final class EdgeRemoteWrites {

    /** One remote_write target of one Prometheus on one edge. */
    record Entry(Cluster edge, PrometheusInstance prometheus, RemoteWriteTarget target) {

        /**
         * A finding pointed at where the URL is written: the ConfigMap or operator resource holding the
         * configuration, or the workload when the source is not known.
         */
        Finding.Builder finding(InspectionContext context) {
            ConfigSource source = prometheus.config().source();
            Finding.Builder finding = context.finding().cluster(edge.name());
            if (source != null) {
                finding.object(source.namespace(), source.kind(), source.name());
            } else {
                finding.object(prometheus.workload().namespace(), prometheus.workload().kind(),
                        prometheus.workload().name());
            }
            return finding.evidence("url", target.url())
                    .evidence("prometheus", prometheus.workload())
                    .evidence("mode", prometheus.mode().name().toLowerCase(java.util.Locale.ROOT))
                    .evidence("location", source == null ? target.location() : source + " " + target.location());
        }
    }

    private EdgeRemoteWrites() {}

    static void forEach(InspectionContext context, Consumer<Entry> action) {
        for (Cluster edge : context.fleet().edges()) {
            for (PrometheusInstance prometheus : edge.topology().prometheuses()) {
                for (RemoteWriteTarget target : prometheus.config().remoteWrites()) {
                    action.accept(new Entry(edge, prometheus, target));
                }
            }
        }
    }
}
