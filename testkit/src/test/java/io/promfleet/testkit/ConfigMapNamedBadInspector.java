package io.promfleet.testkit;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;

/** The test kit's own sample check: every ConfigMap called {@code bad}. */
public class ConfigMapNamedBadInspector implements Inspector {

    @Override
    public String id() {
        return "configmap-named-bad";
    }

    @Override
    public String description() {
        return "ConfigMaps called bad";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.fleet().clusters()) {
            cluster.objectsOfKind("ConfigMap").filter(o -> o.name().equals("bad")).forEach(o -> context.report(
                    context.finding().cluster(cluster.name()).object(o)
                            .message("ConfigMap " + o.name() + " is bad" + context.settings().getString("suffix", ""))
                            .remediation("rename it").evidence("cluster", cluster.name()).build()));
        }
    }
}
