package io.promfleet.inspectors.workload;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
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
public final class PodFailedInspector implements Inspector {

    /** Waiting reasons of a container that will not start without a change. */
    private static final Set<String> STUCK_REASONS = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "CreateContainerError", "InvalidImageName", "RunContainerError");

    @Override
    public String id() {
        return "pod-failed";
    }

    @Override
    public String description() {
        return "Pods in Error, CrashLoopBackOff, ImagePullBackOff or another state they will not leave by themselves.";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.fleet().clusters()) {
            cluster.objectsOfKind("Pod").forEach(pod -> failure(pod).ifPresent(f -> report(context, cluster, pod, f)));
        }
    }

    /** What is wrong with the pod: its phase and the first failing container's state. */
    private record Failure(String phase, String container, String reason, String exitCode, int restarts) {

        String describe() {
            return reason + (exitCode != null ? " (exit code " + exitCode + ")" : "")
                    + (restarts > 0 ? " after " + restarts + " restart" + (restarts == 1 ? "" : "s") : "");
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
        if (hook.isPresent()) {
            context.report(finding.severity(Severity.LOW)
                    .message("Helm test pod " + where + " on " + cluster.name() + " failed: " + failure.describe()
                            + ". It is left over from `helm test` and serves nothing, but it hides real failures in "
                            + "pod listings and alerts on failed pods.")
                    .remediation("This is a Helm test hook (`helm.sh/hook: " + hook.get() + "`), not a workload. See "
                            + "why the test failed (`kubectl logs -n " + pod.namespace() + " " + pod.name() + "`), then "
                            + "delete the pod (`kubectl delete pod -n " + pod.namespace() + " " + pod.name() + "`) and "
                            + "give the chart's test hook `helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded`"
                            + " so test pods do not linger. Verify: `helm test <release> --logs` passes.")
                    .build());
            return;
        }
        String container = failure.container() == null ? "" : "container " + failure.container() + " is ";
        context.report(finding.severity(dataPath.isPresent() ? Severity.HIGH : Severity.MEDIUM)
                .message("Pod " + where + " on " + cluster.name() + " is failing: " + container + failure.describe() + "."
                        + dataPath.map(w -> " It belongs to " + w + ", part of the monitoring data path: while it is "
                                + "down, samples are not collected or not stored.").orElse(""))
                .remediation("Read why: `kubectl describe pod -n " + pod.namespace() + " " + pod.name()
                        + "` and `kubectl logs -n " + pod.namespace() + " " + pod.name()
                        + (failure.container() == null ? "" : " -c " + failure.container()) + " --previous`; fix the "
                        + "image, configuration or resources it reports (through the workload that owns the pod, not "
                        + "the pod itself), and verify the pod is Running and Ready.")
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
