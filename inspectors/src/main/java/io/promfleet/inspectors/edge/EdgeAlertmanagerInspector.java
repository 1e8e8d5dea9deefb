package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.MonitoringWorkload;
import io.promfleet.inspectors.support.OwnerAdvice;
import io.promfleet.inspectors.support.Sizes;
import io.promfleet.inspectors.support.Texts;

/**
 * {@code edge-alertmanager}: an Alertmanager on an edge. In the target architecture alerts are evaluated
 * centrally (Thanos Ruler over the fleet's data) and routed by the central Alertmanager; an edge one
 * either duplicates notifications or goes quiet when the edge's full Prometheus is removed.
 */
public final class EdgeAlertmanagerInspector implements BundledInspector {

    @Override
    public String id() {
        return "edge-alertmanager";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    /**
     * Medium: alert routing is split across clusters (silences and inhibitions set centrally do not
     * apply, notifications may be duplicated) and the edge pays for it; no data is lost.
     */
    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster edge : context.fleet().edges()) {
            for (MonitoringWorkload alertmanager : edge.topology().alertmanagers()) {
                report(context, edge, alertmanager);
            }
        }
    }

    private void report(InspectionContext context, Cluster edge, MonitoringWorkload alertmanager) {
        long memory = alertmanager.resources().memoryRequestBytes();
        Texts t = Texts.of(context);
        var finding = OwnerAdvice.pointAtOwner(context.finding().cluster(edge.name()), alertmanager.owner(),
                alertmanager.workload());
        context.report(finding
                .message(t.get("am.message", edge.name(), alertmanager.workload(), alertmanager.owner(),
                        memory > 0 ? t.get("am.requests", Sizes.bytes(memory), alertmanager.replicas()) : ""))
                .remediation(t.get("am.remediation", OwnerAdvice.removal(t, edge, alertmanager.owner(),
                        alertmanager.workload(), OwnerAdvice.Component.ALERTMANAGER), alertmanager.workload().namespace()))
                .evidence("workload", alertmanager.workload())
                .evidence("owner", alertmanager.owner())
                .evidence("replicas", alertmanager.replicas())
                .evidence("memoryRequestPerReplica", memory > 0 ? Sizes.bytes(memory) : null)
                .build());
    }
}
