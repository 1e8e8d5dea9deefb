package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
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
public final class AgentMissingInspector implements Inspector {

    @Override
    public String id() {
        return "agent-missing";
    }

    @Override
    public String description() {
        return "An edge has no Prometheus in agent mode to forward its samples to the central cluster.";
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
                    .message(message(edge, servers))
                    .remediation(remediation(edge))
                    .evidence("fullServers", servers.isEmpty() ? "none"
                            : servers.stream().map(s -> s.workload().toString()).collect(Collectors.joining(", ")))
                    .build());
        }
    }

    // English texts, kept together so that they move into the plugin's bundle in one piece.

    private static String message(Cluster edge, List<PrometheusInstance> servers) {
        return servers.isEmpty()
                ? "Edge " + edge.name() + " runs no Prometheus at all: nothing scrapes it, and the central cluster has"
                        + " no data from it."
                : "Edge " + edge.name() + " runs no Prometheus in agent mode, only " + servers.size()
                        + " full server(s) (" + servers.get(0).workload() + "): its samples stay on the edge and the"
                        + " central cluster cannot query or alert on them.";
    }

    private static String remediation(Cluster edge) {
        return "Deploy a Prometheus agent on " + edge.name() + " (a PrometheusAgent resource, or Prometheus with"
                + " `--agent` / `--enable-feature=agent`) with a `cluster` external label and remote_write to the"
                + " central Receive's external endpoint. Verify: `kubectl get prometheusagents,statefulsets -A` on "
                + edge.name() + " lists the agent, and `count by (cluster) (up{cluster=\"" + edge.name()
                + "\"})` answers on the central cluster.";
    }
}
