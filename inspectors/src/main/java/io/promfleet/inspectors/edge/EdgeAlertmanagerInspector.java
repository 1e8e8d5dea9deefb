package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.MonitoringWorkload;
import io.promfleet.inspectors.support.OwnerAdvice;
import io.promfleet.inspectors.support.Sizes;

/**
 * {@code edge-alertmanager}: an Alertmanager on an edge. In the target architecture alerts are evaluated
 * centrally (Thanos Ruler over the fleet's data) and routed by the central Alertmanager; an edge one
 * either duplicates notifications or goes quiet when the edge's full Prometheus is removed.
 */
public final class EdgeAlertmanagerInspector implements Inspector {

    @Override
    public String id() {
        return "edge-alertmanager";
    }

    @Override
    public String description() {
        return "An edge runs an Alertmanager, which belongs on the central cluster only.";
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
        var finding = OwnerAdvice.pointAtOwner(context.finding().cluster(edge.name()), alertmanager.owner(),
                alertmanager.workload());
        context.report(finding
                .message("Edge " + edge.name() + " runs an Alertmanager (" + alertmanager.workload() + ", managed by "
                        + alertmanager.owner() + ")"
                        + (memory > 0 ? ", requesting " + Sizes.bytes(memory) + " per replica × " + alertmanager.replicas()
                                : "")
                        + ". Alerts should be routed once, by the central cluster's Alertmanager: silences and "
                        + "inhibitions set there do not reach this one.")
                .remediation("Route this edge's alerts through the central Alertmanager (evaluate its rules in the "
                        + "central Thanos Ruler and copy any receivers only this one has), then remove it. "
                        + OwnerAdvice.removal(edge, alertmanager.owner(), alertmanager.workload(),
                                OwnerAdvice.Component.ALERTMANAGER)
                        + " Verify: `kubectl get alertmanagers,statefulsets -n " + alertmanager.workload().namespace()
                        + "` lists no Alertmanager, and a test alert from this edge's data reaches the central one.")
                .evidence("workload", alertmanager.workload())
                .evidence("owner", alertmanager.owner())
                .evidence("replicas", alertmanager.replicas())
                .evidence("memoryRequestPerReplica", memory > 0 ? Sizes.bytes(memory) : null)
                .build());
    }
}
