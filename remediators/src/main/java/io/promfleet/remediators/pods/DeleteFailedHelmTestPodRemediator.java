package io.promfleet.remediators.pods;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.remediators.support.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers {@code pod-failed} for Helm test pods only: a {@code helm test} pod that failed is a leftover with
 * no controller, so deleting it is the whole fix. Any other failed pod needs a person, not a plan.
 */
public final class DeleteFailedHelmTestPodRemediator implements Remediator {

    @Override
    public String id() {
        return "delete-failed-helm-test-pods";
    }

    @Override
    public String description() {
        return "Deletes failed Helm test pods (a `helm test` leftover that nothing recreates).";
    }

    @Override
    public Set<String> answers() {
        return Set.of("pod-failed");
    }

    @Override
    public List<Action> plan(RemediationContext context, List<Finding> findings) {
        List<Action> actions = new ArrayList<>();
        for (Finding f : findings) {
            if (!"pod-failed".equals(f.check()) || !"Pod".equals(f.kind()) || f.cluster() == null) {
                continue;
            }
            Optional<KubeObject> pod = context.fleet().cluster(f.cluster())
                    .flatMap(c -> c.object("Pod", f.namespace(), f.name()));
            if (pod.isEmpty() || !isHelmTest(pod.get())) {
                continue;
            }
            KubeObject p = pod.get();
            actions.add(new Action("delete-pod-" + Trees.slug(f.cluster()) + "-" + Trees.slug(p.name()),
                    Phase.REMOVE_DUPLICATES, f.cluster(),
                    "Delete the failed Helm test pod " + p.ref() + " (hook " + p.annotation("helm.sh/hook").orElse("")
                            + "); nothing recreates it until the next `helm test`.",
                    List.of(ObjectChange.delete(f.cluster(), p.apiVersion() == null ? "v1" : p.apiVersion(), "Pod",
                            p.namespace(), p.name(), p.body())),
                    "kubectl --context " + f.cluster() + " -n " + p.namespace() + " get pod " + p.name() + "  # NotFound",
                    "Nothing to restore: `helm test` creates the pod again.", List.of("pod-failed")));
        }
        return actions;
    }

    private static boolean isHelmTest(KubeObject pod) {
        return pod.controller().isEmpty()
                && pod.annotation("helm.sh/hook").map(h -> h.contains("test")).orElse(false);
    }
}
