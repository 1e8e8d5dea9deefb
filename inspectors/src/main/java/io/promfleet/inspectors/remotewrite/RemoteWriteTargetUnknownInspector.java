package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ThanosRole;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code remote-write-target-unknown}: an edge's remote_write URL matches no Thanos Receive endpoint a
 * central cluster exposes — the Receive Service's DNS name and port, its LoadBalancer address and port,
 * a NodePort on a node address, or an Ingress host routing to it (or the same for a promfleet
 * receiver-proxy in front of Receive). The message says what the centrals do expose, so the reader sees
 * the mismatch: the seed fleet's agents wrote to a {@code thanos-receiver} no cluster had, while the
 * central exposed only its sidecar's gRPC port.
 */
public final class RemoteWriteTargetUnknownInspector implements Inspector {

    @Override
    public String id() {
        return "remote-write-target-unknown";
    }

    @Override
    public String description() {
        return "An edge remote-writes to a URL that matches no Thanos Receive endpoint the central cluster exposes.";
    }

    /** High: every sample sent to an address that is not a Receive is lost once the WAL is truncated. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        List<Cluster> centrals = context.fleet().centrals();
        if (centrals.isEmpty()) {
            context.fleet().edges().forEach(edge -> context.coverageGap(edge.name(),
                    "the fleet has no central cluster to match remote_write URLs against"));
            return;
        }
        List<ReceiveEndpoint> endpoints = ReceiveEndpoints.of(context.fleet());
        EdgeRemoteWrites.forEach(context, entry -> {
            boolean valid = entry.target().host().isPresent();
            if (valid && endpoints.stream().anyMatch(e -> e.matches(entry.target().host().get(), entry.target().port()))) {
                return;
            }
            context.report(entry.finding(context)
                    .message(message(entry, valid, centrals, endpoints))
                    .remediation(remediation(endpoints))
                    .evidence("host", entry.target().host().orElse(null))
                    .evidence("port", valid ? entry.target().port() : null)
                    .evidence("receiveEndpoints", endpoints.isEmpty() ? "none"
                            : endpoints.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining("; ")))
                    .build());
        });
    }

    private static String message(EdgeRemoteWrites.Entry entry, boolean valid, List<Cluster> centrals,
            List<ReceiveEndpoint> endpoints) {
        String who = entry.prometheus().workload() + " on edge " + entry.edge().name();
        if (!valid) {
            return who + " has a remote_write URL that is not a valid absolute URL: '" + entry.target().url()
                    + "', so it matches no Thanos Receive endpoint of the central cluster.";
        }
        return who + " remote-writes to " + entry.target().url()
                + ", which matches no Thanos Receive endpoint of the central cluster: "
                + whatCentralsExpose(centrals, endpoints) + ". Samples sent there are not stored centrally.";
    }

    private static String remediation(List<ReceiveEndpoint> endpoints) {
        List<ReceiveEndpoint> external = endpoints.stream().filter(e -> e.exposure().isExternal()).toList();
        if (endpoints.isEmpty()) {
            return "Deploy Thanos Receive on the central cluster (see receive-missing) and expose its remote-write "
                    + "port (19291) through a LoadBalancer, an Ingress or a NodePort; then point this remote_write at "
                    + "that address, e.g. `http://<address>:19291/api/v1/receive`, and reload the agent.";
        }
        if (external.isEmpty()) {
            return "Expose the central Receive outside its cluster (a LoadBalancer, an Ingress or a NodePort on its "
                    + "remote-write port); it is reachable only at " + join(endpoints)
                    + ", which an edge cannot resolve. Then point this remote_write at the new address.";
        }
        return "Point this remote_write at one of the central Receive's external endpoints: " + join(external)
                + ", e.g. `http://<address>:<port>/api/v1/receive`, and reload the agent. Verify from the edge: "
                + "`curl -s -o /dev/null -w '%{http_code}' -X POST <url>` answers 400 (an empty write), not a "
                + "connection error, and `prometheus_remote_storage_samples_failed_total` stops growing.";
    }

    private static String whatCentralsExpose(List<Cluster> centrals, List<ReceiveEndpoint> endpoints) {
        List<String> parts = new ArrayList<>();
        for (Cluster central : centrals) {
            List<ReceiveEndpoint> own = endpoints.stream().filter(e -> e.cluster().equals(central.name())).toList();
            List<String> exposed = ReceiveEndpoints.externalExposure(central);
            String exposure = exposed.isEmpty() ? "none" : String.join(", ", exposed);
            if (!own.isEmpty()) {
                parts.add(central.name() + " exposes Thanos Receive at " + join(own));
            } else if (!central.topology().thanos(ThanosRole.RECEIVE).isEmpty()) {
                parts.add(central.name() + " runs Thanos Receive but no Service leads to its remote-write port; "
                        + "its external endpoints: " + exposure);
            } else {
                parts.add(central.name() + " exposes no Thanos Receive; its external endpoints: " + exposure);
            }
        }
        return String.join("; ", parts);
    }

    private static String join(List<ReceiveEndpoint> endpoints) {
        return endpoints.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining(", "));
    }
}
