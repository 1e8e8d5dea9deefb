package io.promfleet.inspectors.edge;

import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code external-labels-missing}: an edge Prometheus that forwards samples without an external label
 * identifying its cluster, or with the same identifying labels as another edge. Thanos Receive stores
 * series by their labels: without a cluster label the edges' series merge (and collide) centrally, and
 * no query or alert can tell the edges apart.
 *
 * <p>A label identifies the cluster when its name contains {@code cluster} ({@code cluster},
 * {@code cluster_name}, {@code k8s_cluster}…), the convention of kube-prometheus and Thanos' docs.
 */
public final class ExternalLabelsMissingInspector implements BundledInspector {

    @Override
    public String id() {
        return "external-labels-missing";
    }

    /** Compares the edges' external labels with each other, which their topology holds. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.TOPOLOGY;
    }

    /** High: the central store cannot attribute samples to edges; series of two edges overwrite each other. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    private record Sender(Cluster edge, PrometheusInstance prometheus, Map<String, String> identifying) {}

    @Override
    public void inspect(InspectionContext context) {
        List<Sender> senders = new ArrayList<>();
        for (Cluster edge : context.fleet().edges()) {
            for (PrometheusInstance prometheus : edge.topology().prometheuses()) {
                if (!prometheus.isAgent() && prometheus.config().remoteWrites().isEmpty()) {
                    continue; // a full server that forwards nothing keeps its labels to itself
                }
                if (!prometheus.config().isReadable()) {
                    context.coverageGap(edge.name(), Texts.of(context).get("gap.config-unreadable",
                            prometheus.workload(), String.join("; ", prometheus.config().problems())));
                    continue;
                }
                senders.add(new Sender(edge, prometheus, identifying(prometheus.config().externalLabels())));
            }
        }
        Map<Map<String, String>, List<Sender>> byLabels = new LinkedHashMap<>();
        for (Sender sender : senders) {
            if (sender.identifying().isEmpty()) {
                context.report(finding(context, sender)
                        .message(missingMessage(Texts.of(context), sender))
                        .remediation(remediation(Texts.of(context), sender))
                        .evidence("externalLabels", describe(sender.prometheus().config().externalLabels()))
                        .build());
            } else {
                byLabels.computeIfAbsent(sender.identifying(), k -> new ArrayList<>()).add(sender);
            }
        }
        for (List<Sender> group : byLabels.values()) {
            List<String> edges = group.stream().map(s -> s.edge().name()).distinct().toList();
            if (edges.size() < 2) {
                continue;
            }
            for (Sender sender : group) {
                context.report(finding(context, sender)
                        .message(sharedMessage(Texts.of(context), sender, edges))
                        .remediation(remediation(Texts.of(context), sender))
                        .evidence("externalLabels", describe(sender.prometheus().config().externalLabels()))
                        .evidence("sharedWith", edges.stream().filter(e -> !e.equals(sender.edge().name()))
                                .collect(Collectors.joining(", ")))
                        .build());
            }
        }
    }

    static Map<String, String> identifying(Map<String, String> externalLabels) {
        Map<String, String> identifying = new TreeMap<>();
        externalLabels.forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).contains("cluster") && v != null && !v.isBlank()) {
                identifying.put(k, v);
            }
        });
        return identifying;
    }

    private static Finding.Builder finding(InspectionContext context, Sender sender) {
        ConfigSource source = sender.prometheus().config().source();
        var finding = context.finding().cluster(sender.edge().name());
        if (source != null) {
            finding.object(source.namespace(), source.kind(), source.name());
        } else {
            var w = sender.prometheus().workload();
            finding.object(w.namespace(), w.kind(), w.name());
        }
        return finding.evidence("prometheus", sender.prometheus().workload()).evidence("source", source);
    }

    private static String describe(Map<String, String> labels) {
        return labels.isEmpty() ? "(none)" : new TreeMap<>(labels).toString();
    }

    private static String missingMessage(Texts t, Sender sender) {
        Map<String, String> labels = sender.prometheus().config().externalLabels();
        return t.get("elm.message.missing", sender.prometheus().workload(), sender.edge().name(),
                labels.isEmpty() ? t.get("elm.labels.none") : describe(labels));
    }

    private static String sharedMessage(Texts t, Sender sender, List<String> edges) {
        return t.get("elm.message.shared", sender.prometheus().workload(), sender.edge().name(),
                describe(sender.identifying()), String.join(", ", edges));
    }

    private static String remediation(Texts t, Sender sender) {
        ConfigSource source = sender.prometheus().config().source();
        return t.get("elm.remediation", sender.edge().name(), source == null ? t.get("config.where.default") : source);
    }
}
