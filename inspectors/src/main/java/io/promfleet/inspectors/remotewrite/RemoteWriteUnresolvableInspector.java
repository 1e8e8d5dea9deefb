package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import java.util.List;
import java.util.Optional;

/**
 * {@code remote-write-unresolvable}: a remote_write host an edge's DNS cannot resolve. Kubernetes
 * serves {@code *.svc.<domain>} names only inside the cluster whose domain that is, so another cluster's
 * Service name fails from the edge; so does an in-cluster name ({@code name.ns.svc} or
 * {@code name.ns.svc.<edge domain>}) with no such Service on the edge. IP addresses and external host
 * names are not this check's business: it cannot see outside DNS.
 */
public final class RemoteWriteUnresolvableInspector implements Inspector {

    @Override
    public String id() {
        return "remote-write-unresolvable";
    }

    @Override
    public String description() {
        return "An edge remote-writes to a host its DNS cannot resolve, such as another cluster's Service name.";
    }

    /** High: every send fails, and the agent's WAL drops what it could not send. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        List<ReceiveEndpoint> receive = ReceiveEndpoints.of(context.fleet());
        EdgeRemoteWrites.forEach(context, entry -> {
            Optional<ServiceDnsName> name = entry.target().host().flatMap(ServiceDnsName::parse);
            if (name.isEmpty()) {
                return;
            }
            Cluster edge = entry.edge();
            ServiceDnsName dns = name.get();
            String problem = problem(edge, dns);
            if (problem == null) {
                return;
            }
            context.report(entry.finding(context)
                    .message(entry.prometheus().workload() + " on edge " + edge.name() + " remote-writes to "
                            + entry.target().url() + ", but the host " + entry.target().host().orElseThrow()
                            + " cannot be resolved from the edge: " + problem + ". Every send fails; samples pile up "
                            + "in the WAL and are lost when it is truncated.")
                    .remediation(remediation(receive, edge))
                    .evidence("host", entry.target().host().orElseThrow())
                    .evidence("edgeDomain", edge.domain())
                    .evidence("hostDomain", dns.domain() == null ? "(none: resolved through the pod's search path)"
                            : dns.domain())
                    .build());
        });
    }

    /** Why {@code dns} does not resolve on {@code edge}, or {@code null} when it does. */
    private static String problem(Cluster edge, ServiceDnsName dns) {
        if (!dns.resolvesIn(edge.domain())) {
            return "it is a Service name of the cluster DNS domain '" + dns.domain() + "', which resolves only inside "
                    + "a cluster with that domain; " + edge.name() + "'s domain is '" + edge.domain() + "'";
        }
        if (edge.object("Service", dns.namespace(), dns.service()).isEmpty()) {
            return "it names Service " + dns.namespace() + "/" + dns.service() + ", which " + edge.name()
                    + " does not have";
        }
        return null;
    }

    private static String remediation(List<ReceiveEndpoint> receive, Cluster edge) {
        Optional<ReceiveEndpoint> external = receive.stream().filter(e -> e.exposure().isExternal()).findFirst();
        String target = external.map(e -> "the central Receive's external endpoint " + e)
                .orElse("an address of the central cluster's Thanos Receive that the edge can reach (a "
                        + "LoadBalancer IP, an Ingress host or a NodePort; deploy and expose Receive first)");
        return "Point remote_write at " + target + ", e.g. `http://<address>:19291/api/v1/receive`, and reload the "
                + "agent (`curl -X POST http://<agent>:9090/-/reload` or restart it). Verify from the edge: "
                + "`kubectl --context " + edge.name() + " run -it --rm dnscheck --image=busybox --restart=Never -- "
                + "nslookup <host>`, then `prometheus_remote_storage_samples_failed_total` stops growing and "
                + "`prometheus_remote_storage_samples_total` grows.";
    }
}
