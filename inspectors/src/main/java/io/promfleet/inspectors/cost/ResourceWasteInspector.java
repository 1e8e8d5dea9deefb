package io.promfleet.inspectors.cost;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.MonitoringWorkload;
import io.promfleet.api.topology.Owner;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.WorkloadRef;
import io.promfleet.inspectors.support.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code resource-waste}: one fleet-level finding adding up what the edges' duplicates cost — full
 * Prometheus servers beside agents, and Alertmanagers — in memory, CPU and storage (requests × replicas),
 * with a monthly estimate from the configured {@link Prices}. Its evidence shows the arithmetic.
 */
public final class ResourceWasteInspector implements Inspector {

    @Override
    public String id() {
        return "resource-waste";
    }

    @Override
    public String description() {
        return "What the edges' duplicate Prometheus servers and Alertmanagers cost in memory, CPU, storage and money.";
    }

    /** Low: the duplicates are reported one by one by their own checks; this adds them up. */
    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public void inspect(InspectionContext context) {
        long agentMemory = 0;
        long serverMemory = 0;
        long alertmanagerMemory = 0;
        long cpuMillis = 0;
        long storage = 0;
        List<String> parts = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        for (Cluster edge : context.fleet().edges()) {
            List<PrometheusInstance> agents = edge.topology().agents();
            List<PrometheusInstance> duplicates = agents.isEmpty() ? List.of() : edge.topology().servers().stream()
                    .filter(s -> !ignored(edge, s.workload(), s.owner())).toList();
            List<MonitoringWorkload> alertmanagers = edge.topology().alertmanagers().stream()
                    .filter(a -> !ignored(edge, a.workload(), a.owner())).toList();
            if (duplicates.isEmpty() && alertmanagers.isEmpty()) {
                continue;
            }
            edges.add(edge.name());
            for (PrometheusInstance agent : agents) {
                agentMemory += agent.resources().memoryRequestBytes() * agent.replicas();
            }
            for (PrometheusInstance server : duplicates) {
                serverMemory += server.resources().memoryRequestBytes() * server.replicas();
                cpuMillis += server.resources().cpuRequestMillis() * server.replicas();
                storage += server.storageBytes() * server.replicas();
                parts.add(edge.name() + " " + server.workload().name() + ": "
                        + Sizes.bytes(server.resources().memoryRequestBytes()) + " × " + server.replicas()
                        + (server.storageBytes() > 0 ? ", " + Sizes.bytes(server.storageBytes()) + " storage" : "")
                        + (server.retention() != null ? ", " + server.retention().toDays() + "d retention" : ""));
            }
            for (MonitoringWorkload alertmanager : alertmanagers) {
                alertmanagerMemory += alertmanager.resources().memoryRequestBytes() * alertmanager.replicas();
                cpuMillis += alertmanager.resources().cpuRequestMillis() * alertmanager.replicas();
                parts.add(edge.name() + " " + alertmanager.workload().name() + ": "
                        + Sizes.bytes(alertmanager.resources().memoryRequestBytes()) + " × " + alertmanager.replicas());
            }
        }
        if (edges.isEmpty()) {
            return;
        }
        Prices prices = Prices.from(context.settings());
        long wastedMemory = serverMemory + alertmanagerMemory;
        double memoryCost = Sizes.gib(wastedMemory) * prices.memoryGibMonth();
        double cpuCost = cpuMillis / 1000d * prices.cpuCoreMonth();
        double storageCost = Sizes.gib(storage) * prices.storageGibMonth();
        double total = memoryCost + cpuCost + storageCost;
        long before = agentMemory + serverMemory;
        double savedPercent = before == 0 ? 0 : 100d * serverMemory / before;

        String message = String.format(Locale.ROOT,
                "The duplicates on %d edge(s) (%s) request %s of memory, %s and %s of storage. Prometheus memory on "
                        + "the edges falls from %s to %s without the full servers (%.0f%% saved); estimated %s %.2f "
                        + "per month at the configured prices.",
                edges.size(), String.join(", ", edges), Sizes.bytes(wastedMemory), Sizes.cpu(cpuMillis),
                Sizes.bytes(storage), Sizes.bytes(before), Sizes.bytes(agentMemory), savedPercent,
                prices.currency(), total);
        context.report(context.finding()
                .message(message)
                .remediation("Remove the duplicates as their own findings say (duplicate-full-prometheus, "
                        + "edge-alertmanager), one edge at a time, after the central has received each edge's data "
                        + "for at least 2 hours; then run the audit again: this finding disappears.")
                .evidence("edges", String.join(", ", edges))
                .evidence("duplicates", String.join("; ", parts))
                .evidence("edgePrometheusMemoryBefore", Sizes.bytes(before))
                .evidence("edgePrometheusMemoryAfter", Sizes.bytes(agentMemory))
                .evidence("memorySavedPercent", String.format(Locale.ROOT, "%.1f", savedPercent))
                .evidence("memoryCost", String.format(Locale.ROOT, "%.2f GiB × %s %s = %.2f", Sizes.gib(wastedMemory),
                        Sizes.trim(prices.memoryGibMonth()), prices.currency(), memoryCost))
                .evidence("cpuCost", String.format(Locale.ROOT, "%s cores × %s %s = %.2f", Sizes.trim(cpuMillis / 1000d),
                        Sizes.trim(prices.cpuCoreMonth()), prices.currency(), cpuCost))
                .evidence("storageCost", String.format(Locale.ROOT, "%.1f GiB × %s %s = %.2f", Sizes.gib(storage),
                        Sizes.trim(prices.storageGibMonth()), prices.currency(), storageCost))
                .evidence("monthlyCost", String.format(Locale.ROOT, "%.2f %s", total, prices.currency()))
                .build());
    }

    /**
     * A fleet-level finding names no object the engine could match a {@code promfleet.io/ignore}
     * annotation against, so the annotation on a duplicate's workload or owning resource is honoured here:
     * the duplicate is left out of the sum.
     */
    private boolean ignored(Cluster edge, WorkloadRef workload, Owner owner) {
        return Stream.of(edge.object(workload.kind(), workload.namespace(), workload.name()),
                        edge.object(owner.kind(), owner.namespace(), owner.name()))
                .flatMap(Optional::stream)
                .anyMatch(o -> o.ignoredChecks().contains(id()));
    }
}
