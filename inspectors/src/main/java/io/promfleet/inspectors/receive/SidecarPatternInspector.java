package io.promfleet.inspectors.receive;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.inspectors.support.OwnerAdvice;
import io.promfleet.inspectors.support.Texts;
import java.util.Optional;

/**
 * {@code sidecar-pattern}: the central cluster ships its data to object storage with a Thanos sidecar
 * while the fleet's edges remote-write and there is no Receive. A sidecar uploads only the blocks of the
 * Prometheus beside it and accepts no remote-write, so it cannot be where the edges' data goes. A sidecar
 * that uploads nothing (serving only the Query fan-out) is not the pattern: {@code receive-missing} still
 * reports the missing Receive.
 */
public final class SidecarPatternInspector implements BundledInspector {

    @Override
    public String id() {
        return "sidecar-pattern";
    }

    /** Counts the fleet's edges; the centrals it inspects are kept whole. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.TOPOLOGY;
    }

    /**
     * Medium: it is an architecture mismatch, not data loss in itself; the loss is reported by
     * {@code receive-missing} and the remote-write checks.
     */
    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public void inspect(InspectionContext context) {
        int edges = context.fleet().edges().size();
        if (edges == 0) {
            return; // with no edge, nothing needs to remote-write: a sidecar is a fine design
        }
        for (Cluster central : context.fleet().centrals()) {
            if (!central.topology().thanos(ThanosRole.RECEIVE).isEmpty()) {
                continue; // a sidecar for the central's own Prometheus is fine once Receive takes the edges
            }
            for (ThanosComponent sidecar : central.topology().thanos(ThanosRole.SIDECAR)) {
                if (uploads(central, sidecar)) {
                    report(context, central, sidecar, edges);
                }
            }
        }
    }

    /**
     * True when the sidecar ships blocks to object storage: {@code --objstore.config[-file]} on its
     * command line, or {@code spec.thanos.objectStorageConfig[File]} of the operator resource it stands for.
     */
    private static boolean uploads(Cluster central, ThanosComponent sidecar) {
        if (sidecar.flags().has("objstore.config") || sidecar.flags().has("objstore.config-file")) {
            return true;
        }
        Optional<KubeObject> resource = central.object(sidecar.workload().kind(), sidecar.workload().namespace(),
                sidecar.workload().name()).filter(o -> o.kind().equals("Prometheus"));
        return resource.map(r -> !r.at("spec", "thanos", "objectStorageConfig").isNullOrMissing()
                || !r.at("spec", "thanos", "objectStorageConfigFile").isNullOrMissing()).orElse(false);
    }

    private void report(InspectionContext context, Cluster central, ThanosComponent sidecar, int edges) {
        Optional<PrometheusInstance> prometheus = central.topology().prometheuses().stream()
                .filter(p -> p.workload().equals(sidecar.workload())).findFirst();
        var finding = context.finding().cluster(central.name());
        if (prometheus.isPresent()) {
            OwnerAdvice.pointAtOwner(finding, prometheus.get().owner(), sidecar.workload());
        } else {
            finding.object(sidecar.workload().namespace(), sidecar.workload().kind(), sidecar.workload().name());
        }
        Texts t = Texts.of(context);
        String owner = prometheus.map(p -> t.get("sc.managed", p.owner())).orElse("");
        context.report(finding
                .message(t.get("sc.message", central.name(), sidecar.workload(), owner, edges))
                .remediation(t.get("sc.remediation"))
                .evidence("sidecar", sidecar.workload() + " container " + sidecar.container())
                .evidence("prometheusOwner", prometheus.map(p -> p.owner().toString()).orElse(null))
                .evidence("grpcAddress", sidecar.flags().first("grpc-address").orElse(null))
                .evidence("uploadsToObjectStorage", true)
                .evidence("edges", edges)
                .build());
    }
}
