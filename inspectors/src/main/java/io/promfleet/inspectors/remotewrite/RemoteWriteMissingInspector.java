package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusInstance;

/**
 * {@code remote-write-missing}: a Prometheus agent on an edge with no remote_write. An agent keeps no
 * queryable TSDB; without remote_write it scrapes into its WAL and the samples are truncated away.
 */
public final class RemoteWriteMissingInspector implements Inspector {

    @Override
    public String id() {
        return "remote-write-missing";
    }

    @Override
    public String description() {
        return "A Prometheus agent on an edge has no remote_write, so every sample it scrapes is lost.";
    }

    /** High: all of the edge's data is lost, silently. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster edge : context.fleet().edges()) {
            for (PrometheusInstance agent : edge.topology().agents()) {
                if (!agent.config().isReadable()) {
                    context.coverageGap(edge.name(), "the configuration of " + agent.workload() + " could not be read: "
                            + String.join("; ", agent.config().problems()));
                    continue;
                }
                if (!agent.config().remoteWrites().isEmpty()) {
                    continue;
                }
                ConfigSource source = agent.config().source();
                var finding = context.finding().cluster(edge.name());
                if (source != null) {
                    finding.object(source.namespace(), source.kind(), source.name());
                } else {
                    finding.object(agent.workload().namespace(), agent.workload().kind(), agent.workload().name());
                }
                context.report(finding
                        .message(message(edge, agent))
                        .remediation(remediation(edge, agent))
                        .evidence("prometheus", agent.workload())
                        .evidence("source", source)
                        .build());
            }
        }
    }

    // English texts, kept together so that they move into the plugin's bundle in one piece.

    private static String message(Cluster edge, PrometheusInstance agent) {
        return "Prometheus agent " + agent.workload() + " on edge " + edge.name() + " has no remote_write: it keeps"
                + " no queryable data, so every sample it scrapes is dropped when its WAL is truncated.";
    }

    private static String remediation(Cluster edge, PrometheusInstance agent) {
        String where = agent.config().source() == null ? "its configuration" : agent.config().source().toString();
        return "Add a remote_write to " + where + " pointing at the central Receive's external endpoint (https,"
                + " with credentials from a Secret). Verify: `prometheus_remote_storage_samples_total` of the agent"
                + " grows, and `count by (cluster) (up{cluster=\"" + edge.name() + "\"})` answers centrally.";
    }
}
