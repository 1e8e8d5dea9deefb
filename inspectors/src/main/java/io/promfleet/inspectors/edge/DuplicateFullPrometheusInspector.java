package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.inspectors.support.OwnerAdvice;
import io.promfleet.inspectors.support.Sizes;
import io.promfleet.inspectors.support.Texts;
import java.util.stream.Collectors;

/**
 * {@code duplicate-full-prometheus}: a full Prometheus server beside an edge's agent. It scrapes the
 * same targets a second time and keeps a local TSDB nobody should query, at the cost of memory and disk.
 * An edge with a server and no agent is {@code agent-missing}'s business, not this check's: there the
 * server is the only thing collecting the edge's data.
 */
public final class DuplicateFullPrometheusInspector implements BundledInspector {

    @Override
    public String id() {
        return "duplicate-full-prometheus";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
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
        Texts t = Texts.of(context);
        String retention = server.retention() == null ? t.get("dup.retention.default")
                : PromDuration.format(server.retention());
        StringBuilder cost = new StringBuilder(memory > 0 ? t.get("dup.cost.memory", Sizes.bytes(memory))
                : t.get("dup.cost.memory-undeclared"));
        if (cpu > 0) {
            cost.append(t.get("dup.cost.cpu", Sizes.cpu(cpu)));
        }
        cost.append(replicas == 1 ? t.get("dup.cost.replica") : t.get("dup.cost.replicas", replicas));
        if (replicas > 1 && memory > 0) {
            cost.append(t.get("dup.cost.total", Sizes.bytes(memory * replicas)));
        }
        cost.append(t.get("dup.cost.retention", retention));
        if (server.storageBytes() > 0) {
            cost.append(t.get(replicas > 1 ? "dup.cost.volume-per-replica" : "dup.cost.volume",
                    Sizes.bytes(server.storageBytes())));
        }
        var finding = OwnerAdvice.pointAtOwner(context.finding().cluster(edge.name()), server.owner(), server.workload());
        context.report(finding
                .message(t.get("dup.message", edge.name(), server.workload(), server.owner(), agents, cost))
                .remediation(t.get("dup.remediation", OwnerAdvice.removal(t, edge, server.owner(), server.workload(),
                        OwnerAdvice.Component.PROMETHEUS), server.workload().namespace(), edge.name()))
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
