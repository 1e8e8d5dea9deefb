package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.inspectors.support.OwnerAdvice;
import io.promfleet.inspectors.support.Sizes;
import java.util.stream.Collectors;

/**
 * {@code duplicate-full-prometheus}: a full Prometheus server beside an edge's agent. It scrapes the
 * same targets a second time and keeps a local TSDB nobody should query, at the cost of memory and disk.
 * An edge with a server and no agent is {@code agent-missing}'s business, not this check's.
 */
public final class DuplicateFullPrometheusInspector implements Inspector {

    @Override
    public String id() {
        return "duplicate-full-prometheus";
    }

    @Override
    public String description() {
        return "An edge runs a full Prometheus server beside its agent: targets scraped twice, memory and disk wasted.";
    }

    /** Medium: it wastes resources and doubles scrape load, but loses no data by itself. */
    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster edge : context.fleet().edges()) {
            if (edge.topology().agents().isEmpty()) {
                continue;
            }
            String agents = edge.topology().agents().stream().map(a -> a.workload().toString())
                    .collect(Collectors.joining(", "));
            for (PrometheusInstance server : edge.topology().servers()) {
                report(context, edge, server, agents);
            }
        }
    }

    private void report(InspectionContext context, Cluster edge, PrometheusInstance server, String agents) {
        long memory = server.resources().memoryRequestBytes();
        String retention = server.retention() == null ? "the default 15d" : PromDuration.format(server.retention());
        StringBuilder cost = new StringBuilder();
        cost.append("it requests ").append(memory > 0 ? Sizes.bytes(memory) : "no declared amount of")
                .append(" memory");
        if (server.resources().cpuRequestMillis() > 0) {
            cost.append(" and ").append(Sizes.cpu(server.resources().cpuRequestMillis()));
        }
        cost.append(" per replica × ").append(server.replicas());
        if (server.storageBytes() > 0) {
            cost.append(", keeps ").append(retention).append(" of local TSDB on a ")
                    .append(Sizes.bytes(server.storageBytes())).append(" volume");
        } else {
            cost.append(", keeps ").append(retention).append(" of local TSDB");
        }
        var finding = OwnerAdvice.pointAtOwner(context.finding().cluster(edge.name()), server.owner(), server.workload());
        context.report(finding
                .message("Edge " + edge.name() + " runs a full Prometheus server (" + server.workload() + ", managed by "
                        + server.owner() + ") beside its agent (" + agents + "): " + cost
                        + ", and every target is scraped twice.")
                .remediation("Remove the full server and let the agent carry the edge's data to the central cluster. "
                        + "First move its alerting and recording rules to the central Thanos Ruler (removing the "
                        + "server silences them), and wait until the central has received this edge's samples for at "
                        + "least 2 hours. " + OwnerAdvice.removal(server.owner(), server.workload(), "prometheus.enabled=false")
                        + " Keep its volume (or a TSDB snapshot) until the change is verified. Verify: `kubectl get "
                        + "statefulsets -n " + server.workload().namespace() + "` no longer lists " + server.workload().name()
                        + ", and the edge's series are still queryable centrally, e.g. `up{cluster=\"" + edge.name() + "\"}`.")
                .evidence("workload", server.workload())
                .evidence("owner", server.owner())
                .evidence("replicas", server.replicas())
                .evidence("memoryRequestPerReplica", memory > 0 ? Sizes.bytes(memory) : null)
                .evidence("cpuRequestPerReplica", server.resources().cpuRequestMillis() > 0
                        ? Sizes.cpu(server.resources().cpuRequestMillis()) : null)
                .evidence("storagePerReplica", server.storageBytes() > 0 ? Sizes.bytes(server.storageBytes()) : null)
                .evidence("retention", retention)
                .evidence("agents", agents)
                .build());
    }
}
