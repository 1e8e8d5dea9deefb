package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.PrometheusInstance;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code agent-missing}: an edge with no Prometheus in agent mode. In the target architecture every edge
 * scrapes with an agent and remote-writes to the central Receive; an edge without one either keeps its
 * data to itself (a full server) or is not monitored at all.
 */
public final class AgentMissingInspector implements BundledInspector {

    @Override
    public String id() {
        return "agent-missing";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    /** High: the central cluster sees nothing of this edge (or only what a full server keeps locally). */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster edge : context.fleet().edges()) {
            if (!edge.topology().agents().isEmpty()) {
                continue;
            }
            List<PrometheusInstance> servers = edge.topology().servers();
            var finding = context.finding().cluster(edge.name());
            if (!servers.isEmpty()) {
                PrometheusInstance server = servers.get(0);
                finding.object(server.workload().namespace(), server.workload().kind(), server.workload().name());
            }
            context.report(finding
                    .message(message(Texts.of(context), edge, servers))
                    .remediation(Texts.of(context).get("agm.remediation", edge.name()))
                    .evidence("fullServers", servers.isEmpty() ? "none"
                            : servers.stream().map(s -> s.workload().toString()).collect(Collectors.joining(", ")))
                    .build());
        }
    }

    private static String message(Texts t, Cluster edge, List<PrometheusInstance> servers) {
        return servers.isEmpty() ? t.get("agm.message.none", edge.name())
                : t.get("agm.message", edge.name(), servers.size(), servers.get(0).workload());
    }
}
