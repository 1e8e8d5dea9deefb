package io.promfleet.inspectors.cost;

import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.topology.MonitoringWorkload;
import io.promfleet.api.topology.Owner;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.WorkloadRef;
import io.promfleet.inspectors.support.Sizes;
import io.promfleet.inspectors.support.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code resource-waste}: one fleet-level finding adding up what the edges' duplicates cost — full
 * Prometheus servers beside agents (as {@code duplicate-full-prometheus} finds them) and Alertmanagers
 * (as {@code edge-alertmanager} does) — in memory, CPU and storage, requests × replicas, with a monthly
 * estimate from the configured {@link Prices} (whose defaults and their source are documented there).
 *
 * <p>The before/after figure is the edges' Prometheus memory: before, the agents plus the duplicate
 * servers; after, the agents alone. For the seed fleet that is 3 × 200 MiB + 3 × 2 GiB = 6.6 GiB before
 * and 600 MiB after, 91% saved, as the original audit found. Its evidence shows every step of the arithmetic.
 */
public final class ResourceWasteInspector implements BundledInspector {

    @Override
    public String id() {
        return "resource-waste";
    }

    /** Sums the duplicates of every edge, which their topology holds. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.TOPOLOGY;
    }

    /**
     * Medium: the duplicates are paid for every month, on every edge, and the figure is what justifies
     * the clean-up; but it is money, not lost data or a broken pipeline.
     */
    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    /** Totals over the edges, in bytes and millicores. */
    private static final class Totals {
        long agentMemory;
        long serverMemory;
        long alertmanagerMemory;
        long cpuMillis;
        long storage;
        int servers;
        int alertmanagers;
        final Set<String> retentions = new LinkedHashSet<>();
        final Map<String, String> perEdge = new LinkedHashMap<>();

        long wastedMemory() {
            return serverMemory + alertmanagerMemory;
        }

        long before() {
            return agentMemory + serverMemory;
        }

        double savedPercent() {
            return before() == 0 ? 0 : 100d * serverMemory / before();
        }
    }

    @Override
    public void inspect(InspectionContext context) {
        Texts t = Texts.of(context);
        Totals totals = new Totals();
        for (Cluster edge : context.fleet().edges()) {
            add(t, totals, edge);
        }
        if (totals.perEdge.isEmpty()) {
            return;
        }
        if (totals.wastedMemory() == 0 && totals.cpuMillis == 0 && totals.storage == 0) {
            context.coverageGap(null, t.get("gap.no-requests", String.join(", ", totals.perEdge.keySet())));
            return;
        }
        Prices prices;
        try {
            prices = Prices.from(context.settings());
        } catch (IllegalArgumentException e) {
            context.coverageGap(null, t.get("gap.prices", e.getMessage()));
            return;
        }
        context.report(finding(t, context.finding(), totals, prices));
    }

    /** Adds the duplicates of one edge: servers only beside an agent, Alertmanagers always. */
    private void add(Texts t, Totals totals, Cluster edge) {
        List<PrometheusInstance> agents = edge.topology().agents();
        List<PrometheusInstance> duplicates = agents.isEmpty() ? List.of() : edge.topology().servers().stream()
                .filter(s -> !ignored(edge, s.workload(), s.owner())).toList();
        List<MonitoringWorkload> alertmanagers = edge.topology().alertmanagers().stream()
                .filter(a -> !ignored(edge, a.workload(), a.owner())).toList();
        if (duplicates.isEmpty() && alertmanagers.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (PrometheusInstance agent : agents) {
            totals.agentMemory += agent.resources().memoryRequestBytes() * agent.replicas();
        }
        for (PrometheusInstance server : duplicates) {
            int n = server.replicas();
            totals.servers++;
            totals.serverMemory += server.resources().memoryRequestBytes() * n;
            totals.cpuMillis += server.resources().cpuRequestMillis() * n;
            totals.storage += server.storageBytes() * n;
            String retention = server.retention() == null ? "15d" : PromDuration.format(server.retention());
            totals.retentions.add(server.retention() == null ? t.get("rw.retention.default") : retention);
            parts.add(t.get("rw.duplicate.server", server.workload(), times(t, server.resources().memoryRequestBytes(), n),
                    cpuTimes(t, server.resources().cpuRequestMillis(), n), times(t, server.storageBytes(), n),
                    server.retention() == null ? t.get("dup.retention.default") : retention));
        }
        for (MonitoringWorkload alertmanager : alertmanagers) {
            int n = alertmanager.replicas();
            totals.alertmanagers++;
            totals.alertmanagerMemory += alertmanager.resources().memoryRequestBytes() * n;
            totals.cpuMillis += alertmanager.resources().cpuRequestMillis() * n;
            parts.add(t.get("rw.duplicate.alertmanager", alertmanager.workload(),
                    times(t, alertmanager.resources().memoryRequestBytes(), n),
                    cpuTimes(t, alertmanager.resources().cpuRequestMillis(), n)));
        }
        totals.perEdge.put(edge.name(), edge.name() + ": " + String.join(", ", parts));
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

    private static Finding finding(Texts tx, Finding.Builder builder, Totals t, Prices prices) {
        double memoryCost = Sizes.gib(t.wastedMemory()) * prices.memoryGibMonth();
        double cpuCost = t.cpuMillis / 1000d * prices.cpuCoreMonth();
        double storageCost = Sizes.gib(t.storage) * prices.storageGibMonth();
        double total = memoryCost + cpuCost + storageCost;
        String edges = String.join(", ", t.perEdge.keySet());
        List<String> what = new ArrayList<>();
        if (t.servers > 0) {
            what.add(tx.get("rw.what.servers", t.servers));
        }
        if (t.alertmanagers > 0) {
            what.add(tx.get("rw.what.alertmanagers", t.alertmanagers));
        }
        List<String> requested = new ArrayList<>();
        requested.add(tx.get("rw.requested.memory", Sizes.bytes(t.wastedMemory())));
        if (t.cpuMillis > 0) {
            requested.add(Sizes.cpu(t.cpuMillis));
        }
        if (t.storage > 0) {
            requested.add(tx.get("rw.requested.storage", Sizes.bytes(t.storage), String.join("/", t.retentions)));
        }
        String and = tx.get("rw.and");
        StringBuilder message = new StringBuilder(tx.get("rw.message", t.perEdge.size(), edges,
                String.join(and, what), join(requested, and)));
        if (t.servers > 0) {
            message.append(tx.get("rw.message.before-after", Sizes.bytes(t.before()), Sizes.bytes(t.agentMemory),
                    Sizes.bytes(t.serverMemory), String.format(Locale.ROOT, "%.0f", t.savedPercent())));
        }
        message.append(tx.get("rw.message.cost", Prices.amount(total), prices.currency(),
                tx.get(prices.defaults() ? "rw.prices.default" : "rw.prices.configured")));
        builder.message(message.toString())
                .remediation(tx.get("rw.remediation"))
                .evidence("edges", edges)
                .evidence("duplicates", String.join("; ", t.perEdge.values()));
        return builder
                .evidence("memoryWasted", tx.get("rw.evidence.memory-wasted", Sizes.bytes(t.serverMemory),
                        Sizes.bytes(t.alertmanagerMemory), Sizes.bytes(t.wastedMemory())))
                .evidence("edgePrometheusMemoryBefore", tx.get("rw.evidence.before", Sizes.bytes(t.agentMemory),
                        Sizes.bytes(t.serverMemory), Sizes.bytes(t.before())))
                .evidence("edgePrometheusMemoryAfter", tx.get("rw.evidence.after", Sizes.bytes(t.agentMemory)))
                .evidence("memorySaved", tx.get("rw.evidence.saved", Sizes.bytes(t.serverMemory), Sizes.bytes(t.before())))
                .evidence("memorySavedPercent", String.format(Locale.ROOT, "%.1f", t.savedPercent()))
                .evidence("cpuWasted", Sizes.cpu(t.cpuMillis))
                .evidence("storageWasted", t.storage == 0 ? tx.get("rw.evidence.none")
                        : tx.get("rw.evidence.storage", Sizes.bytes(t.storage), String.join("/", t.retentions)))
                .evidence("prices", prices.describe(tx))
                .evidence("memoryCost", String.format(Locale.ROOT, "%.2f GiB × %s = %s %s", Sizes.gib(t.wastedMemory()),
                        Prices.amount(prices.memoryGibMonth()), Prices.amount(memoryCost), prices.currency()))
                .evidence("cpuCost", tx.get("rw.evidence.cpu-cost", Sizes.trim(t.cpuMillis / 1000d),
                        Prices.amount(prices.cpuCoreMonth()), Prices.amount(cpuCost), prices.currency()))
                .evidence("storageCost", String.format(Locale.ROOT, "%.2f GiB × %s = %s %s", Sizes.gib(t.storage),
                        Prices.amount(prices.storageGibMonth()), Prices.amount(storageCost), prices.currency()))
                .evidence("monthlyCost", Prices.amount(memoryCost) + " + " + Prices.amount(cpuCost) + " + "
                        + Prices.amount(storageCost) + " = " + Prices.amount(total) + " " + prices.currency())
                .build();
    }

    /** {@code a, b and c}. */
    private static String join(List<String> parts, String and) {
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + and + parts.get(parts.size() - 1);
    }

    private static String times(Texts t, long bytes, int replicas) {
        return bytes == 0 ? t.get("rw.none-requested") : Sizes.bytes(bytes) + " × " + replicas + " = " + Sizes.bytes(bytes * replicas);
    }

    private static String cpuTimes(Texts t, long millis, int replicas) {
        return millis == 0 ? t.get("rw.none-requested") : Sizes.trim(millis / 1000d) + " × " + replicas + " = "
                + Sizes.trim(millis * replicas / 1000d);
    }
}
