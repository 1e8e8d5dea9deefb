package com.example.thirdparty;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;

/**
 * A plugin as a third party writes it: it depends on promfleet-api only and is found through
 * META-INF/services. It flags every cluster that has no Pod labelled with a team.
 */
public final class ThirdPartyInspector implements Inspector {

    public static final String ID = "third-party-team-label";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Every cluster runs at least one Pod labelled with its owning team.";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.fleet().clusters()) {
            if (cluster.objectsOfKind("Pod").noneMatch(p -> p.label("team").isPresent())) {
                context.report(context.finding().cluster(cluster.name())
                        .message("no Pod in " + cluster.name() + " carries a team label")
                        .remediation("label the monitoring Pods with their owning team").build());
            }
        }
    }
}
