package io.promfleet.inspectors.edge;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusInstance;

/**
 * {@code agent-rule-files}: a Prometheus agent whose configuration lists {@code rule_files}. Agent mode
 * evaluates no rules and Prometheus refuses such a configuration at start-up ("field rule_files is not
 * allowed in agent mode"), so the agent crash-loops, or keeps its old configuration after a reload fails.
 */
public final class AgentRuleFilesInspector implements Inspector {

    @Override
    public String id() {
        return "agent-rule-files";
    }

    @Override
    public String description() {
        return "A Prometheus agent's configuration lists rule_files, which agent mode rejects.";
    }

    /** High: the agent does not start (or stops reloading), so the edge's samples are not forwarded. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.fleet().clusters()) {
            for (PrometheusInstance agent : cluster.topology().agents()) {
                if (agent.config().ruleFiles().isEmpty()) {
                    continue;
                }
                ConfigSource source = agent.config().source();
                var finding = context.finding().cluster(cluster.name());
                if (source != null) {
                    finding.object(source.namespace(), source.kind(), source.name());
                } else {
                    finding.object(agent.workload().namespace(), agent.workload().kind(), agent.workload().name());
                }
                context.report(finding
                        .message(message(agent))
                        .remediation(remediation(agent))
                        .evidence("prometheus", agent.workload())
                        .evidence("ruleFiles", String.join(", ", agent.config().ruleFiles()))
                        .evidence("source", source)
                        .build());
            }
        }
    }

    // English texts, kept together so that they move into the plugin's bundle in one piece.

    private static String message(PrometheusInstance agent) {
        return "Prometheus agent " + agent.workload() + " lists rule_files (" + String.join(", ", agent.config().ruleFiles())
                + "): agent mode evaluates no rules and rejects this configuration, so the agent fails to start or"
                + " to reload, and forwards nothing new.";
    }

    private static String remediation(PrometheusInstance agent) {
        return "Remove `rule_files` from the agent's configuration and evaluate those rules centrally (Thanos Ruler"
                + " over the fleet's data). Verify: the agent's logs show no 'not allowed in agent mode' error and"
                + " `kubectl get pods -n " + agent.workload().namespace() + "` shows it Running with no new restarts.";
    }
}
