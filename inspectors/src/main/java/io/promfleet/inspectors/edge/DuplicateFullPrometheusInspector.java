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
 * An edge with a server and no agent is {@code agent-missing}'s business, not this check's: there the
 * server is the only thing collecting the edge's data.
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

    /**
     * Medium, as the original audit rated it: it wastes memory and disk and doubles the scrape load, but
     * loses no data and breaks nothing by itself — the agent still collects everything. Its removal is the
     * risky part (rules it evaluates go silent), which the remediation orders.
     */
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
        long cpu = server.resources().cpuRequestMillis();
        int replicas = server.replicas();
        String retention = server.retention() == null ? "15d (Prometheus' default)" : PromDuration.format(server.retention());
        StringBuilder cost = new StringBuilder("it requests ");
        cost.append(memory > 0 ? Sizes.bytes(memory) : "an undeclared amount of").append(" memory");
        if (cpu > 0) {
            cost.append(" and ").append(Sizes.cpu(cpu));
        }
        cost.append(" per replica × ").append(replicas).append(replicas == 1 ? " replica" : " replicas");
        if (replicas > 1 && memory > 0) {
            cost.append(" = ").append(Sizes.bytes(memory * replicas));
        }
        cost.append(", keeps ").append(retention).append(" of local TSDB");
        if (server.storageBytes() > 0) {
            cost.append(" on a ").append(Sizes.bytes(server.storageBytes())).append(" volume")
                    .append(replicas > 1 ? " per replica" : "");
        }
        var finding = OwnerAdvice.pointAtOwner(context.finding().cluster(edge.name()), server.owner(), server.workload());
        context.report(finding
                .message("Edge " + edge.name() + " runs a full Prometheus server (" + server.workload() + ", managed by "
                        + server.owner() + ") beside its agent (" + agents + "): " + cost
                        + ", and every target is scraped twice.")
                .remediation("Remove the full server and let the agent carry the edge's data to the central cluster. "
                        + "First move its alerting and recording rules (PrometheusRule objects, rule_files) to the "
                        + "central Thanos Ruler — removing the server silences them — and wait until the central has "
                        + "received this edge's samples for at least 2 hours. "
                        + OwnerAdvice.removal(edge, server.owner(), server.workload(), OwnerAdvice.Component.PROMETHEUS)
                        + " Keep its volume (or a TSDB snapshot) until the change is verified. Verify: `kubectl get "
                        + "prometheus,statefulsets -n " + server.workload().namespace() + "` no longer lists it, and "
                        + "the edge's series are still queryable centrally, e.g. `up{cluster=\"" + edge.name() + "\"}`.")
                .evidence("workload", server.workload())
                .evidence("owner", server.owner())
                .evidence("replicas", replicas)
                .evidence("memoryRequestPerReplica", memory > 0 ? Sizes.bytes(memory) : null)
                .evidence("memoryRequestTotal", memory > 0 ? Sizes.bytes(memory * replicas) : null)
                .evidence("cpuRequestPerReplica", cpu > 0 ? Sizes.cpu(cpu) : null)
                .evidence("storagePerReplica", server.storageBytes() > 0 ? Sizes.bytes(server.storageBytes()) : null)
                .evidence("retention", retention)
                .evidence("agents", agents)
                .build());
    }
}
