package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code receive-not-exposed}: a central cluster runs Thanos Receive, but no address outside the cluster
 * (a LoadBalancer, a NodePort, an Ingress host) reaches its remote-write port, directly or through a
 * promfleet receiver-proxy. Edges are other clusters: a Service DNS name does not resolve there.
 */
public final class ReceiveNotExposedInspector implements BundledInspector {

    @Override
    public String id() {
        return "receive-not-exposed";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    /** High: every edge's remote-write fails until Receive is reachable. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster central : context.clustersToInspect()) {
            if (!central.isCentral()) {
                continue;
            }
            List<ThanosComponent> receives = central.topology().thanos(ThanosRole.RECEIVE);
            if (receives.isEmpty()) {
                continue; // receive-missing says so
            }
            List<ReceiveEndpoint> endpoints = ReceiveEndpoints.of(central);
            if (endpoints.stream().anyMatch(e -> e.exposure().isExternal())) {
                continue;
            }
            ThanosComponent receive = receives.get(0);
            List<String> exposed = ReceiveEndpoints.externalExposure(central);
            Texts t = Texts.of(context);
            context.report(context.finding().cluster(central.name())
                    .object(receive.workload().namespace(), receive.workload().kind(), receive.workload().name())
                    .message(message(t, central, receive, endpoints))
                    .remediation(t.get("rne.remediation", ReceiveEndpoints.port(receive.flags().first("remote-write.address"),
                            ReceiveEndpoints.DEFAULT_REMOTE_WRITE_PORT), central.name()))
                    .evidence("receive", receive.workload())
                    .evidence("inClusterEndpoints", endpoints.isEmpty() ? t.get("rne.endpoints.none")
                            : endpoints.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining("; ")))
                    .evidence("externallyExposed", exposed.isEmpty() ? t.get("rne.exposed.none") : String.join("; ", exposed))
                    .build());
        }
    }

    private static String message(Texts t, Cluster central, ThanosComponent receive, List<ReceiveEndpoint> endpoints) {
        String at = endpoints.isEmpty() ? t.get("rne.at.none") : t.get("rne.at", endpoints.get(0).host(), central.name());
        return t.get("rne.message", receive.workload(), central.name(), at);
    }
}
