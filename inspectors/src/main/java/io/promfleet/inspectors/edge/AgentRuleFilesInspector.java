package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusInstance;

/**
 * {@code agent-rule-files}: a Prometheus agent whose configuration lists {@code rule_files}. Agent mode
 * evaluates no rules and Prometheus refuses such a configuration at start-up ("field rule_files is not
 * allowed in agent mode"), so the agent crash-loops, or keeps its old configuration after a reload fails.
 */
public final class AgentRuleFilesInspector implements BundledInspector {

    @Override
    public String id() {
        return "agent-rule-files";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    /** High: the agent does not start (or stops reloading), so the edge's samples are not forwarded. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.clustersToInspect()) {
            for (PrometheusInstance agent : cluster.topology().agents()) {
                if (agent.config().ruleFiles().isEmpty()) {
                    continue;
                }
                ConfigSource source = agent.config().source();
                Texts t = Texts.of(context);
                var finding = context.finding().cluster(cluster.name());
                if (source != null) {
                    finding.object(source.namespace(), source.kind(), source.name());
                } else {
                    finding.object(agent.workload().namespace(), agent.workload().kind(), agent.workload().name());
                }
                context.report(finding
                        .message(t.get("arf.message", agent.workload(), String.join(", ", agent.config().ruleFiles())))
                        .remediation(t.get("arf.remediation", agent.workload().namespace()))
                        .evidence("prometheus", agent.workload())
                        .evidence("ruleFiles", String.join(", ", agent.config().ruleFiles()))
                        .evidence("source", source)
                        .build());
            }
        }
    }
}
