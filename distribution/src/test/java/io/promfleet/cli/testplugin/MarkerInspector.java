package io.promfleet.cli.testplugin;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;

/**
 * A check only the CLI tests load: a medium finding for every ConfigMap named {@value #MARKER}, so a
 * fixture decides exactly which findings the audit has whatever the built-in checks find. Cluster-scoped,
 * as every built-in check is streamable: on the CLI tests' class path, a fleet-scoped check would make
 * every audit they run take the whole-fleet path instead of the one users get.
 */
public final class MarkerInspector implements Inspector {

    public static final String ID = "cli-test-marker";
    public static final String MARKER = "promfleet-test-marker";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Flags ConfigMaps named " + MARKER + " (CLI tests only).";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.clustersToInspect()) {
            cluster.objectsOfKind("ConfigMap").filter(c -> c.name().equals(MARKER)).forEach(c -> context.report(
                    context.finding().cluster(cluster.name()).object(c).message("marker found").build()));
        }
    }
}
