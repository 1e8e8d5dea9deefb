package io.promfleet.inspectors.remotewrite;

import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
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
public final class RemoteWriteTargetUnknownInspector implements BundledInspector {

    @Override
    public String id() {
        return "remote-write-target-unknown";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
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
                    Texts.of(context).get("gap.no-central")));
            return;
        }
        List<ReceiveEndpoint> endpoints = ReceiveEndpoints.of(context.fleet());
        EdgeRemoteWrites.forEach(context, entry -> {
            boolean valid = entry.target().host().isPresent();
            if (valid && endpoints.stream().anyMatch(e -> e.matches(entry.target().host().get(), entry.target().port()))) {
                return;
            }
            Texts t = Texts.of(context);
            context.report(entry.finding(context)
                    .message(message(t, entry, valid, centrals, endpoints))
                    .remediation(remediation(t, endpoints))
                    .evidence("host", entry.target().host().orElse(null))
                    .evidence("port", valid ? entry.target().port() : null)
                    .evidence("receiveEndpoints", endpoints.isEmpty() ? "none"
                            : endpoints.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining("; ")))
                    .build());
        });
    }

    private static String message(Texts t, EdgeRemoteWrites.Entry entry, boolean valid, List<Cluster> centrals,
            List<ReceiveEndpoint> endpoints) {
        String who = t.get("tu.who", entry.prometheus().workload(), entry.edge().name());
        if (!valid) {
            return t.get("tu.message.invalid", who, entry.target().url());
        }
        return t.get("tu.message", who, entry.target().url(), whatCentralsExpose(t, centrals, endpoints));
    }

    private static String remediation(Texts t, List<ReceiveEndpoint> endpoints) {
        List<ReceiveEndpoint> external = endpoints.stream().filter(e -> e.exposure().isExternal()).toList();
        if (endpoints.isEmpty()) {
            return t.get("tu.remediation.no-receive");
        }
        if (external.isEmpty()) {
            return t.get("tu.remediation.internal", join(endpoints));
        }
        return t.get("tu.remediation.external", join(external));
    }

    private static String whatCentralsExpose(Texts t, List<Cluster> centrals, List<ReceiveEndpoint> endpoints) {
        List<String> parts = new ArrayList<>();
        for (Cluster central : centrals) {
            List<ReceiveEndpoint> own = endpoints.stream().filter(e -> e.cluster().equals(central.name())).toList();
            List<String> exposed = ReceiveEndpoints.externalExposure(central);
            String exposure = exposed.isEmpty() ? t.get("tu.none") : String.join(", ", exposed);
            if (!own.isEmpty()) {
                parts.add(t.get("tu.central.exposes", central.name(), join(own)));
            } else if (!central.topology().thanos(ThanosRole.RECEIVE).isEmpty()) {
                parts.add(t.get("tu.central.unexposed", central.name(), exposure));
            } else {
                parts.add(t.get("tu.central.none", central.name(), exposure));
            }
        }
        return String.join("; ", parts);
    }

    private static String join(List<ReceiveEndpoint> endpoints) {
        return endpoints.stream().map(ReceiveEndpoint::toString).collect(Collectors.joining(", "));
    }
}
