package io.promfleet.cli.testplugin;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;

/**
 * A check only the CLI tests load: a medium finding for every ConfigMap named {@value #MARKER}, so a
 * fixture decides exactly which findings the audit has whatever the built-in checks find.
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
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.fleet().clusters()) {
            cluster.objectsOfKind("ConfigMap").filter(c -> c.name().equals(MARKER)).forEach(c -> context.report(
                    context.finding().cluster(cluster.name()).object(c).message("marker found").build()));
        }
    }
}
