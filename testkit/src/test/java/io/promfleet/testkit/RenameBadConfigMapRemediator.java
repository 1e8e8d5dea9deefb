package io.promfleet.testkit;

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

/** The test kit's own sample remediator: labels each ConfigMap called {@code bad} as reviewed. */
public class RenameBadConfigMapRemediator implements Remediator {

    @Override
    public String id() {
        return "label-bad-configmaps";
    }

    @Override
    public String description() {
        return "Labels ConfigMaps called bad";
    }

    @Override
    public Set<String> answers() {
        return Set.of("configmap-named-bad");
    }

    @Override
    public List<Action> plan(RemediationContext context, List<Finding> findings) {
        String label = context.settings().getString("label", "reviewed");
        return findings.stream().map(f -> {
            Node before = context.fleet().cluster(f.cluster()).orElseThrow()
                    .object("ConfigMap", f.namespace(), f.name()).orElseThrow().body();
            Node after = Node.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", f.name(), "namespace", f.namespace(), "labels", Map.of("state", label))));
            return new Action("label-" + f.cluster() + "-" + f.name(), Phase.VERIFY, f.cluster(), "label it",
                    List.of(new ObjectChange(f.cluster(), "v1", "ConfigMap", f.namespace(), f.name(), before, after)),
                    "kubectl get cm " + f.name(), "remove the label", List.of(f.check()));
        }).toList();
    }
}
