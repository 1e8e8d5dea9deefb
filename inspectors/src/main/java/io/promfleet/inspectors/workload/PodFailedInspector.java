package io.promfleet.inspectors.workload;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code pod-failed}: pods that failed, crash-loop, or cannot pull their image. */
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

    /** What is wrong with a container of the pod. */
    private record Failure(String phase, String container, String reason, String exitCode, int restarts) {}

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
            if (terminated.isObject() && !terminated.get("reason").text("").equals("Completed")
                    && terminated.get("exitCode").asInt(0) != 0) {
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
        boolean helmTest = pod.annotation("helm.sh/hook").map(h -> h.contains("test")).orElse(false);
        String where = pod.namespace() + "/" + pod.name();
        String state = failure.reason() + (failure.exitCode() != null ? " (exit code " + failure.exitCode() + ")" : "")
                + (failure.restarts() > 0 ? " after " + failure.restarts() + " restarts" : "");
        var finding = context.finding().cluster(cluster.name()).object(pod)
                .evidence("phase", failure.phase())
                .evidence("container", failure.container())
                .evidence("reason", failure.reason())
                .evidence("exitCode", failure.exitCode())
                .evidence("restarts", failure.restarts());
        if (helmTest) {
            context.report(finding.severity(Severity.LOW)
                    .message("Helm test pod " + where + " on " + cluster.name() + " failed: " + state
                            + ". It is left over from `helm test` and runs nothing, but it hides real failures in pod listings.")
                    .remediation("See why the test failed (`kubectl logs -n " + pod.namespace() + " " + pod.name()
                            + "`), then delete the pod (`kubectl delete pod -n " + pod.namespace() + " " + pod.name()
                            + "`) and give the chart's test hook `helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded`"
                            + " so test pods do not linger. Verify: `helm test <release> --logs` passes.")
                    .evidence("helmHook", pod.annotation("helm.sh/hook").orElse(null))
                    .build());
            return;
        }
        context.report(finding
                .message("Pod " + where + " on " + cluster.name() + " is failing: "
                        + (failure.container() == null ? "" : "container " + failure.container() + " is ") + state + ".")
                .remediation("Read why: `kubectl describe pod -n " + pod.namespace() + " " + pod.name()
                        + "` and `kubectl logs -n " + pod.namespace() + " " + pod.name()
                        + (failure.container() == null ? "" : " -c " + failure.container()) + " --previous`; fix the "
                        + "image, configuration or resources it reports, and verify the pod is Running and Ready.")
                .build());
    }
}
