package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
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
public final class ReceiveNotExposedInspector implements Inspector {

    @Override
    public String id() {
        return "receive-not-exposed";
    }

    @Override
    public String description() {
        return "The central Thanos Receive accepts remote-write only inside its own cluster, where no edge can reach it.";
    }

    /** High: every edge's remote-write fails until Receive is reachable. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster central : context.fleet().centrals()) {
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
            context.report(context.finding().cluster(central.name())
                    .object(receive.workload().namespace(), receive.workload().kind(), receive.workload().name())
                    .message(message(central, receive, endpoints))
                    .remediation(remediation(central, receive))
                    .evidence("receive", receive.workload())
                    .evidence("inClusterEndpoints", endpoints.isEmpty() ? "none (no Service selects its remote-write port)"
                            : endpoints.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining("; ")))
                    .evidence("externallyExposed", exposed.isEmpty() ? "nothing" : String.join("; ", exposed))
                    .build());
        }
    }

    // English texts, kept together so that they move into the plugin's bundle in one piece.

    private static String message(Cluster central, ThanosComponent receive, List<ReceiveEndpoint> endpoints) {
        return "Thanos Receive " + receive.workload() + " on central cluster " + central.name() + " accepts remote-write"
                + (endpoints.isEmpty() ? " on no Service at all" : " only at " + endpoints.get(0).host() + ", inside "
                        + central.name())
                + ": no LoadBalancer, NodePort or Ingress reaches its remote-write port, so no edge can deliver samples.";
    }

    private static String remediation(Cluster central, ThanosComponent receive) {
        return "Expose the remote-write port (" + ReceiveEndpoints.port(receive.flags().first("remote-write.address"),
                ReceiveEndpoints.DEFAULT_REMOTE_WRITE_PORT) + ") outside " + central.name() + ": a LoadBalancer Service"
                + " selecting the Receive pods, or an Ingress with TLS to its Service (optionally through the promfleet"
                + " receiver-proxy). Verify: from an edge pod, `curl -s -o /dev/null -w '%{http_code}' <address>/-/ready`"
                + " prints 200.";
    }
}
