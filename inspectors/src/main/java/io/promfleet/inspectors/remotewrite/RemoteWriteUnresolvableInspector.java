package io.promfleet.inspectors.remotewrite;

import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
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
public final class RemoteWriteUnresolvableInspector implements BundledInspector {

    @Override
    public String id() {
        return "remote-write-unresolvable";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
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
            Texts t = Texts.of(context);
            String problem = problem(t, edge, dns);
            if (problem == null) {
                return;
            }
            context.report(entry.finding(context)
                    .message(t.get("ru.message", entry.prometheus().workload(), edge.name(), entry.target().url(),
                            entry.target().host().orElseThrow(), problem))
                    .remediation(remediation(t, receive, edge))
                    .evidence("host", entry.target().host().orElseThrow())
                    .evidence("edgeDomain", edge.domain())
                    .evidence("hostDomain", dns.domain() == null ? "(none: resolved through the pod's search path)"
                            : dns.domain())
                    .build());
        });
    }

    /** Why {@code dns} does not resolve on {@code edge}, or {@code null} when it does. */
    private static String problem(Texts t, Cluster edge, ServiceDnsName dns) {
        if (!dns.resolvesIn(edge.domain())) {
            return t.get("ru.problem.domain", dns.domain(), edge.name(), edge.domain());
        }
        if (edge.object("Service", dns.namespace(), dns.service()).isEmpty()) {
            return t.get("ru.problem.service", dns.namespace(), dns.service(), edge.name());
        }
        return null;
    }

    private static String remediation(Texts t, List<ReceiveEndpoint> receive, Cluster edge) {
        Optional<ReceiveEndpoint> external = receive.stream().filter(e -> e.exposure().isExternal()).findFirst();
        String target = external.map(e -> t.get("ru.target.external", e)).orElse(t.get("ru.target.none"));
        return t.get("ru.remediation", target, edge.name());
    }
}
