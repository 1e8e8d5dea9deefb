package io.promfleet.inspectors.receive;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import java.util.stream.Collectors;

/** {@code receive-missing}: a central cluster without Thanos Receive, so edge remote-write has nowhere to land. */
public final class ReceiveMissingInspector implements Inspector {

    @Override
    public String id() {
        return "receive-missing";
    }

    @Override
    public String description() {
        return "A central cluster runs no Thanos Receive, so the edges' remote-write has nowhere to land.";
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
            context.report(context.finding()
                    .cluster(central.name())
                    .message("Central cluster " + central.name() + " runs no Thanos Receive: the remote-write of the "
                            + edges + " edge cluster(s) has nowhere to land"
                            + (present.isEmpty() ? "." : " (Thanos components found: " + present + ")."))
                    .remediation("Deploy Thanos Receive on " + central.name() + ": a StatefulSet running "
                            + "`thanos receive` with `--remote-write.address=0.0.0.0:19291`, a hashring ConfigMap, "
                            + "`--objstore.config-file` pointing at a configuration mounted from a Secret (never "
                            + "inline keys), a Service, and a LoadBalancer or Ingress the edges can reach. Verify: "
                            + "`kubectl get pods -n monitoring -l app.kubernetes.io/component=receive` and "
                            + "`curl -s http://<endpoint>:10902/-/ready`.")
                    .evidence("edges", edges)
                    .evidence("thanosComponents", present.isEmpty() ? "none" : present)
                    .build());
        }
    }
}
