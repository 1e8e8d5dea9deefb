package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.OwnerReference;
import io.promfleet.api.topology.Owner;
import io.promfleet.api.topology.OwnerType;
import java.util.Optional;
import java.util.Set;

/** Decides who manages a workload: a Prometheus Operator resource, a Helm release, or nobody. */
final class Ownership {

    static final Set<String> OPERATOR_KINDS = Set.of("Prometheus", "PrometheusAgent", "Alertmanager", "ThanosRuler");

    private Ownership() {}

    /** The operator resource controlling {@code workload}, if any. */
    static Optional<OwnerReference> operatorController(KubeObject workload) {
        return workload.controller().filter(ref -> OPERATOR_KINDS.contains(ref.kind())
                && (ref.apiVersion() == null || ref.apiVersion().startsWith("monitoring.coreos.com/")));
    }

    /**
     * The owner of {@code workload}. {@code operatorResource} is the controlling operator resource when
     * the snapshot has it (its Helm labels then tell the release); it may be {@code null}.
     */
    static Owner of(KubeObject workload, KubeObject operatorResource) {
        Optional<OwnerReference> controller = operatorController(workload);
        if (controller.isPresent()) {
            KubeObject labelled = operatorResource != null ? operatorResource : workload;
            return new Owner(OwnerType.OPERATOR, controller.get().kind(), workload.namespace(),
                    controller.get().name(), helmRelease(labelled).orElse(null));
        }
        if (Ownership.OPERATOR_KINDS.contains(workload.kind())) {
            return new Owner(OwnerType.OPERATOR, workload.kind(), workload.namespace(), workload.name(),
                    helmRelease(workload).orElse(null));
        }
        Optional<String> release = helmRelease(workload);
        if (release.isPresent()) {
            return new Owner(OwnerType.HELM, "HelmRelease", workload.namespace(), release.get(), release.get());
        }
        return new Owner(OwnerType.PLAIN, workload.kind(), workload.namespace(), workload.name(), null);
    }

    /** The Helm release that installed {@code object}, from Helm's own annotation or its chart labels. */
    static Optional<String> helmRelease(KubeObject object) {
        Optional<String> annotated = object.annotation("meta.helm.sh/release-name");
        if (annotated.isPresent()) {
            return annotated;
        }
        boolean helmManaged = object.label("app.kubernetes.io/managed-by").map("Helm"::equalsIgnoreCase).orElse(false)
                || object.label("heritage").map("Helm"::equalsIgnoreCase).orElse(false);
        if (!helmManaged) {
            return Optional.empty();
        }
        return object.label("release").or(() -> object.label("app.kubernetes.io/instance"));
    }
}
