package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code remote-write-target-unknown}: an edge's remote_write URL matches no Thanos Receive endpoint a
 * central cluster exposes (Receive Service DNS name and port, LoadBalancer address and port, NodePort,
 * Ingress host). The message says what the centrals do expose, so the reader sees the mismatch.
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
            String url = entry.target().url();
            if (entry.target().host().isEmpty()) {
                context.report(entry.finding(context)
                        .message(entry.prometheus().workload() + " on edge " + entry.edge().name()
                                + " has a remote_write URL that is not a valid absolute URL: '" + url + "'.")
                        .remediation("Write the central Receive's remote-write URL in full, e.g. "
                                + "`http://<address>:19291/api/v1/receive`.")
                        .build());
                return;
            }
            String host = entry.target().host().get();
            int port = entry.target().port();
            if (endpoints.stream().anyMatch(e -> e.matches(host, port))) {
                return;
            }
            context.report(entry.finding(context)
                    .message(entry.prometheus().workload() + " on edge " + entry.edge().name() + " remote-writes to "
                            + url + ", which matches no Thanos Receive endpoint of the central cluster: "
                            + whatCentralsExpose(centrals, endpoints) + ".")
                    .remediation(endpoints.isEmpty()
                            ? "Deploy Thanos Receive on the central cluster and expose it (LoadBalancer, Ingress or "
                                    + "NodePort), then point this remote_write at that address."
                            : "Point this remote_write at one of the central Receive's endpoints: "
                                    + endpoints.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining("; "))
                                    + ". Verify: `curl -s -o /dev/null -w '%{http_code}' -X POST <url>` from the edge "
                                    + "answers 400 (an empty write), not a connection error.")
                    .evidence("host", host)
                    .evidence("port", port)
                    .evidence("receiveEndpoints", endpoints.isEmpty() ? "none"
                            : endpoints.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining("; ")))
                    .build());
        });
    }

    private static String whatCentralsExpose(List<Cluster> centrals, List<ReceiveEndpoint> endpoints) {
        List<String> parts = new ArrayList<>();
        for (Cluster central : centrals) {
            List<ReceiveEndpoint> own = endpoints.stream().filter(e -> e.cluster().equals(central.name())).toList();
            List<String> exposed = ReceiveEndpoints.externalExposure(central);
            String exposure = exposed.isEmpty() ? "nothing outside the cluster" : String.join(", ", exposed);
            if (own.isEmpty()) {
                parts.add(central.name() + " exposes no Thanos Receive; its external endpoints: " + exposure);
            } else {
                parts.add(central.name() + " exposes Receive at "
                        + own.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining(", ")));
            }
        }
        return String.join("; ", parts);
    }
}
