package io.promfleet.inspectors.receive;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.inspectors.support.OwnerAdvice;
import java.util.Optional;

/**
 * {@code sidecar-pattern}: the central cluster ships data with a Thanos sidecar while the fleet's edges
 * remote-write. A sidecar only uploads the blocks of the Prometheus beside it and accepts no remote-write,
 * so it cannot be where the edges' data goes.
 */
public final class SidecarPatternInspector implements Inspector {

    @Override
    public String id() {
        return "sidecar-pattern";
    }

    @Override
    public String description() {
        return "The central cluster uses the Thanos sidecar pattern, which cannot take the edges' remote-write.";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public void inspect(InspectionContext context) {
        if (context.fleet().edges().isEmpty()) {
            return;
        }
        for (Cluster central : context.fleet().centrals()) {
            if (!central.topology().thanos(ThanosRole.RECEIVE).isEmpty()) {
                continue; // a sidecar for the central's own Prometheus is fine once Receive takes the edges
            }
            for (ThanosComponent sidecar : central.topology().thanos(ThanosRole.SIDECAR)) {
                Optional<PrometheusInstance> prometheus = central.topology().prometheuses().stream()
                        .filter(p -> p.workload().equals(sidecar.workload())).findFirst();
                var finding = context.finding().cluster(central.name());
                if (prometheus.isPresent()) {
                    OwnerAdvice.pointAtOwner(finding, prometheus.get().owner(), sidecar.workload());
                } else {
                    finding.object(sidecar.workload().namespace(), sidecar.workload().kind(), sidecar.workload().name());
                }
                boolean uploads = sidecar.flags().has("objstore.config") || sidecar.flags().has("objstore.config-file");
                context.report(finding
                        .message("Central cluster " + central.name() + " runs Prometheus with a Thanos sidecar ("
                                + sidecar.workload() + (uploads ? ", uploading blocks to object storage" : "")
                                + "). A sidecar uploads only its own Prometheus's blocks and accepts no remote-write, "
                                + "so the edges' agents cannot deliver their samples through it.")
                        .remediation("Add Thanos Receive as the edges' remote-write endpoint (see receive-missing) "
                                + "with the same object storage, so edge data lands in the same bucket; keep the "
                                + "sidecar only for the central Prometheus's own blocks.")
                        .evidence("sidecar", sidecar.workload() + " container " + sidecar.container())
                        .evidence("grpcAddress", sidecar.flags().first("grpc-address").orElse(null))
                        .evidence("uploadsToObjectStorage", uploads)
                        .build());
            }
        }
    }
}
