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

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster edge : context.fleet().edges()) {
            for (MonitoringWorkload alertmanager : edge.topology().alertmanagers()) {
                long memory = alertmanager.resources().memoryRequestBytes();
                var finding = OwnerAdvice.pointAtOwner(context.finding().cluster(edge.name()), alertmanager.owner(),
                        alertmanager.workload());
                context.report(finding
                        .message("Edge " + edge.name() + " runs an Alertmanager (" + alertmanager.workload()
                                + ", managed by " + alertmanager.owner() + ")"
                                + (memory > 0 ? ", requesting " + Sizes.bytes(memory) + " per replica × "
                                        + alertmanager.replicas() : "")
                                + ". Alerts should be routed once, by the central cluster's Alertmanager.")
                        .remediation("Route this edge's alerts through the central Alertmanager (evaluate its rules in "
                                + "the central Thanos Ruler), then remove it. "
                                + OwnerAdvice.removal(alertmanager.owner(), alertmanager.workload(),
                                        "alertmanager.enabled=false")
                                + " Verify: `kubectl get alertmanagers,statefulsets -n "
                                + alertmanager.workload().namespace() + "` lists no Alertmanager.")
                        .evidence("workload", alertmanager.workload())
                        .evidence("owner", alertmanager.owner())
                        .evidence("replicas", alertmanager.replicas())
                        .evidence("memoryRequestPerReplica", memory > 0 ? Sizes.bytes(memory) : null)
                        .build());
            }
        }
    }
}
