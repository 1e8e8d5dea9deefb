package io.promfleet.inspectors.support;

import io.promfleet.api.Finding;
import io.promfleet.api.topology.Owner;
import io.promfleet.api.topology.OwnerType;
import io.promfleet.api.topology.WorkloadRef;

/**
 * How to remove a component given who manages it. The seed fleet's hand-written removal script deleted
 * operator-owned StatefulSets, which the Prometheus Operator recreates within seconds from the owning
 * resource: the change must be made where the component is declared.
 */
public final class OwnerAdvice {

    private OwnerAdvice() {}

    /**
     * Points {@code finding} at the object that must change: the operator resource for an
     * operator-managed component, the workload otherwise.
     */
    public static Finding.Builder pointAtOwner(Finding.Builder finding, Owner owner, WorkloadRef workload) {
        if (owner.type() == OwnerType.OPERATOR) {
            return finding.object(owner.namespace(), owner.kind(), owner.name());
        }
        return finding.object(workload.namespace(), workload.kind(), workload.name());
    }

    /**
     * The sentence saying how to remove the component.
     *
     * @param owner       who manages it
     * @param workload    its workload
     * @param helmValue   the chart value that turns it off, e.g. {@code prometheus.enabled=false}
     */
    public static String removal(Owner owner, WorkloadRef workload, String helmValue) {
        String release = owner.helmRelease();
        return switch (owner.type()) {
            case OPERATOR -> (release != null
                    ? "Set `" + helmValue + "` in the values of Helm release `" + release + "` (namespace "
                            + owner.namespace() + ") and run `helm upgrade`, which removes the " + owner.kind()
                            + " resource `" + owner.name() + "`. "
                    : "Delete the " + owner.kind() + " resource `" + owner.namespace() + "/" + owner.name()
                            + "` (`kubectl delete " + owner.kind().toLowerCase(java.util.Locale.ROOT) + " -n "
                            + owner.namespace() + " " + owner.name() + "`). ")
                    + "Do not delete " + workload.kind() + " `" + workload.name()
                    + "` itself: the Prometheus Operator recreates it from the " + owner.kind() + " resource.";
            case HELM -> "Set `" + helmValue + "` in the values of Helm release `" + release + "` (namespace "
                    + owner.namespace() + ") and run `helm upgrade`; a `kubectl delete` would be undone by the next upgrade.";
            case PLAIN -> "Scale " + workload.kind() + " `" + workload.namespace() + "/" + workload.name()
                    + "` to zero first (`kubectl scale --replicas=0`), and delete it and its volumes only once the"
                    + " change has proven safe.";
        };
    }
}
