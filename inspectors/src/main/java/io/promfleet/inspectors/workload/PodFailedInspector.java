package io.promfleet.inspectors.workload;

import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.model.OwnerReference;
import io.promfleet.api.topology.WorkloadRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code pod-failed}: pods that failed, crash-loop, or cannot start: phase {@code Failed}, a container
 * terminated with a non-zero exit code, or waiting in a state it will not leave without a change
 * ({@code CrashLoopBackOff}, {@code ImagePullBackOff}, ...). A container that restarted and runs again is
 * not reported.
 *
 * <p>Severity by case: high for a pod of the monitoring data path (a Prometheus or Thanos workload: while
 * it is down the fleet loses samples), medium for any other pod, low for a leftover Helm test hook pod.
 */
public final class PodFailedInspector implements BundledInspector {

    /** Waiting reasons of a container that will not start without a change. */
    private static final Set<String> STUCK_REASONS = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "CreateContainerError", "InvalidImageName", "RunContainerError");

    @Override
    public String id() {
        return "pod-failed";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.clustersToInspect()) {
            cluster.objectsOfKind("Pod").forEach(pod -> failure(pod).ifPresent(f -> report(context, cluster, pod, f)));
        }
    }

    /** What is wrong with the pod: its phase and the first failing container's state. */
    private record Failure(String phase, String container, String reason, String exitCode, int restarts) {

        String describe(Texts t) {
            return reason + (exitCode != null ? t.get("pf.exit", exitCode) : "")
                    + (restarts == 1 ? t.get("pf.restart") : restarts > 1 ? t.get("pf.restarts", restarts) : "");
        }
    }

    private static Optional<Failure> failure(KubeObject pod) {
        String phase = pod.at("status", "phase").text("Unknown");
        if (phase.equals("Succeeded")) {
            return Optional.empty();
        }
        List<Node> statuses = new ArrayList<>(pod.at("status", "initContainerStatuses").elements());
        statuses.addAll(pod.at("status", "containerStatuses").elements());
        for (Node status : statuses) {
            String container = status.get("name").text("?");
            int restarts = status.get("restartCount").asInt(0);
            String waiting = status.path("state", "waiting", "reason").text(null);
            if (waiting != null && STUCK_REASONS.contains(waiting)) {
                Node last = status.path("lastState", "terminated");
                return Optional.of(new Failure(phase, container, waiting, last.get("exitCode").text(null), restarts));
            }
            Node terminated = status.path("state", "terminated");
            if (terminated.isObject() && terminated.get("exitCode").asInt(0) != 0) {
                return Optional.of(new Failure(phase, container, terminated.get("reason").text("Error"),
                        terminated.get("exitCode").text(null), restarts));
            }
        }
        if (phase.equals("Failed")) {
            return Optional.of(new Failure(phase, null, pod.at("status", "reason").text("Failed"), null, 0));
        }
        return Optional.empty();
    }

    private void report(InspectionContext context, Cluster cluster, KubeObject pod, Failure failure) {
        Optional<String> hook = pod.annotation("helm.sh/hook").filter(h -> h.contains("test"));
        Optional<WorkloadRef> dataPath = dataPathWorkload(cluster, pod);
        var finding = context.finding().cluster(cluster.name()).object(pod)
                .evidence("phase", failure.phase())
                .evidence("container", failure.container())
                .evidence("reason", failure.reason())
                .evidence("exitCode", failure.exitCode())
                .evidence("restarts", failure.restarts())
                .evidence("helmHook", hook.orElse(null))
                .evidence("monitoringWorkload", dataPath.orElse(null));
        String where = pod.namespace() + "/" + pod.name();
        Texts t = Texts.of(context);
        if (hook.isPresent()) {
            context.report(finding.severity(Severity.LOW)
                    .message(t.get("pf.hook.message", where, cluster.name(), failure.describe(t)))
                    .remediation(t.get("pf.hook.remediation", hook.get(), pod.namespace(), pod.name()))
                    .build());
            return;
        }
        String dataPathText = dataPath.map(w -> t.get("pf.data-path", w)).orElse("");
        context.report(finding.severity(dataPath.isPresent() ? Severity.HIGH : Severity.MEDIUM)
                .message(failure.container() == null
                        ? t.get("pf.message", where, cluster.name(), failure.describe(t), dataPathText)
                        : t.get("pf.message.container", where, cluster.name(), failure.container(), failure.describe(t),
                                dataPathText))
                .remediation(t.get("pf.remediation", pod.namespace(), pod.name(),
                        failure.container() == null ? "" : " -c " + failure.container()))
                .build());
    }

    /**
     * The Prometheus or Thanos workload controlling {@code pod}: its StatefulSet or DaemonSet by name, or
     * the Deployment behind its ReplicaSet ({@code <deployment>-<pod-template-hash>}).
     */
    private static Optional<WorkloadRef> dataPathWorkload(Cluster cluster, KubeObject pod) {
        Optional<OwnerReference> controller = pod.controller();
        if (controller.isEmpty()) {
            return Optional.empty();
        }
        OwnerReference ref = controller.get();
        return Stream.concat(
                        cluster.topology().prometheuses().stream().map(p -> p.workload()),
                        cluster.topology().thanos().stream().map(t -> t.workload()))
                .filter(w -> pod.namespace() != null && pod.namespace().equals(w.namespace()))
                .filter(w -> controls(ref, w))
                .findFirst();
    }

    private static boolean controls(OwnerReference ref, WorkloadRef workload) {
        if (ref.kind().equals("ReplicaSet")) {
            return workload.kind().equals("Deployment") && ref.name().startsWith(workload.name() + "-")
                    && ref.name().substring(workload.name().length() + 1).matches("[a-z0-9]+");
        }
        return ref.kind().equals(workload.kind()) && ref.name().equals(workload.name());
    }
}
