package io.promfleet.cli.testplugin;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A remediator only the CLI tests load, and only as a plugin: {@code PluginsCommandTest} packs this class
 * into a jar of its own (it is not in the test class path's services files). One action per marker finding.
 */
public final class MarkerRemediator implements Remediator {

    public static final String ID = "cli-test-fix";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Labels each marker ConfigMap as fixed (CLI tests only).";
    }

    @Override
    public Set<String> answers() {
        return Set.of(MarkerInspector.ID);
    }

    @Override
    public List<Action> plan(RemediationContext context, List<Finding> findings) {
        return findings.stream().map(f -> new Action(ID + "-" + f.cluster(), Phase.VERIFY, f.cluster(),
                "label the marker ConfigMap", List.of(ObjectChange.create(f.cluster(), "v1", "ConfigMap", f.namespace(),
                        MarkerInspector.MARKER + "-fixed", Node.of(Map.of("kind", "ConfigMap")))),
                "kubectl get cm", "delete it", List.of(MarkerInspector.ID))).toList();
    }
}
