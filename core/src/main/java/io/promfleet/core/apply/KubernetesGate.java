package io.promfleet.core.apply;

import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.core.plan.PlanStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Gate.Api#KUBERNETES} gate: the objects the actions before it (same cluster, same phase) created or
 * replaced have reached their state: workloads have every replica ready, a LoadBalancer Service has an address
 * (unless {@code --receive-url} says where the edges reach it), anything else exists. The final audit gate is
 * asked of a {@link FleetVerifier}.
 */
final class KubernetesGate {

    static final String AUDIT_GATE = "audit-clean";

    private final FleetVerifier verifier;

    KubernetesGate(FleetVerifier verifier) {
        this.verifier = verifier;
    }

    GateResult check(Gate gate, GateContext context) {
        if (gate.id().equals(AUDIT_GATE)) {
            return audit(context);
        }
        List<String> waiting = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        for (ObjectChange o : changesBefore(gate, context)) {
            KubeWriter cluster = context.clusters().apply(o.cluster());
            Optional<Map<String, Object>> live = cluster.get(ObjectRef.of(o));
            String ref = o.ref();
            if (live.isEmpty()) {
                waiting.add(ref + " does not exist");
                continue;
            }
            io.promfleet.api.model.Node n = io.promfleet.api.model.Node.of(live.get());
            switch (o.kind()) {
                case "StatefulSet", "Deployment" -> {
                    long want = n.path("spec", "replicas").asLong(1);
                    long have = n.path("status", "readyReplicas").asLong(0);
                    (have >= want ? ready : waiting).add(ref + " " + have + "/" + want + " ready");
                }
                case "Service" -> {
                    if (!"LoadBalancer".equals(n.path("spec", "type").text(""))) {
                        ready.add(ref + " exists");
                    } else if (!n.path("status", "loadBalancer", "ingress").elements().isEmpty()) {
                        ready.add(ref + " has address " + n.path("status", "loadBalancer", "ingress").get(0).fields().values());
                    } else if (context.receiveUrl() != null) {
                        ready.add(ref + " has no address yet, but --receive-url is given");
                    } else {
                        waiting.add(ref + " has no LoadBalancer address yet");
                    }
                }
                default -> ready.add(ref + " exists");
            }
        }
        String checked = "the objects created before it in " + gate.cluster() + " (" + gate.query() + ")";
        if (!waiting.isEmpty()) {
            return GateResult.notPassed(checked, String.join("; ", waiting), context.now().plus(Duration.ofMinutes(1)));
        }
        return GateResult.passed(checked, ready.isEmpty() ? "nothing to wait for" : String.join("; ", ready));
    }

    private GateResult audit(GateContext context) {
        String checked = "a live audit of the fleet: the findings the plan addressed are gone";
        if (verifier == null) {
            return GateResult.notPassed(checked, "nothing: this run cannot audit; run `promfleet audit --fleet FLEET --live`",
                    null);
        }
        List<String> remaining = verifier.remaining(context.plan());
        if (remaining.isEmpty()) {
            return GateResult.passed(checked, "none of them is reported any more");
        }
        return GateResult.notPassed(checked, remaining.size() + " still reported: "
                + String.join("; ", remaining.subList(0, Math.min(5, remaining.size()))), null);
    }

    /** The object changes (not deletions) of the actions before the gate, back to the previous gate. */
    private static List<ObjectChange> changesBefore(Gate gate, GateContext context) {
        List<ObjectChange> result = new ArrayList<>();
        List<PlanStep> steps = context.plan().steps();
        for (int i = context.step().number() - 2; i >= 0 && !steps.get(i).isGate(); i--) {
            PlanStep step = steps.get(i);
            if (step.phase() != gate.phase() || !step.cluster().equals(gate.cluster())) {
                continue;
            }
            for (Change c : step.action().changes()) {
                if (c instanceof ObjectChange o && o.operation() != ObjectChange.Operation.DELETE) {
                    result.add(o);
                }
            }
        }
        return result;
    }
}
