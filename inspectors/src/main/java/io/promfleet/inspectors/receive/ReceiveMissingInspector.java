package io.promfleet.inspectors.receive;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.inspectors.support.Texts;
import java.util.stream.Collectors;

/** {@code receive-missing}: a central cluster without Thanos Receive, so edge remote-write has nowhere to land. */
public final class ReceiveMissingInspector implements BundledInspector {

    @Override
    public String id() {
        return "receive-missing";
    }

    /** Counts the fleet's edges; the centrals it inspects are kept whole. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.TOPOLOGY;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        int edges = context.fleet().edges().size();
        if (edges == 0) {
            return; // nothing remote-writes to a fleet without edges
        }
        for (Cluster central : context.fleet().centrals()) {
            if (!central.topology().thanos(ThanosRole.RECEIVE).isEmpty()) {
                continue;
            }
            String present = central.topology().thanos().stream().map(ThanosComponent::role)
                    .map(ThanosRole::subcommand).distinct().collect(Collectors.joining(", "));
            Texts t = Texts.of(context);
            context.report(context.finding()
                    .cluster(central.name())
                    .message(t.get(present.isEmpty() ? "rm.message" : "rm.message.found", central.name(), edges, present))
                    .remediation(t.get("rm.remediation", central.name()))
                    .evidence("edges", edges)
                    .evidence("thanosComponents", present.isEmpty() ? "none" : present)
                    .build());
        }
    }
}
