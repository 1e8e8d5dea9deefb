package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusInstance;

/**
 * {@code remote-write-missing}: a Prometheus agent on an edge with no remote_write. An agent keeps no
 * queryable TSDB; without remote_write it scrapes into its WAL and the samples are truncated away.
 */
public final class RemoteWriteMissingInspector implements BundledInspector {

    @Override
    public String id() {
        return "remote-write-missing";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
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
                    context.coverageGap(edge.name(), Texts.of(context).get("gap.config-unreadable", agent.workload(),
                            String.join("; ", agent.config().problems())));
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
                        .message(Texts.of(context).get("rwm.message", agent.workload(), edge.name()))
                        .remediation(remediation(Texts.of(context), edge, agent))
                        .evidence("prometheus", agent.workload())
                        .evidence("source", source)
                        .build());
            }
        }
    }

    private static String remediation(Texts t, Cluster edge, PrometheusInstance agent) {
        ConfigSource source = agent.config().source();
        return t.get("rwm.remediation", source == null ? t.get("config.where.default") : source, edge.name());
    }
}
