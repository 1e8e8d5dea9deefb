package io.promfleet.core.apply;

import io.promfleet.api.model.Node;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The changes {@code apply} refuses whatever a plan says, in one place to audit: each throws
 * {@link ApplyRefusedException} before anything of the change is written or journaled.
 */
final class SafetyRules {

    /** Owner kinds whose operator recreates what is deleted under them (as {@code PlanEngine} knows them). */
    static final Set<String> OPERATOR_KINDS = Set.of("Prometheus", "PrometheusAgent", "Alertmanager", "ThanosRuler");

    private SafetyRules() {}

    /** A plan references Secrets by name and never changes them, so none can ever reach a journal. */
    static void refuseSecret(ObjectChange o, ApplyTexts texts) {
        if (o.kind().equals("Secret") || o.after().path("kind").text("").equals("Secret")) {
            throw new ApplyRefusedException(texts.get("refused.secret", o.ref()));
        }
    }

    /**
     * Data is deleted only when asked ({@code --purge-data}), after the cluster's receiving gate passed and a backup
     * step of that cluster is done ({@code done} answers for step ids).
     */
    static void refusePurge(Plan plan, PlanStep step, ObjectChange o, boolean purgeData, Predicate<String> done,
            ApplyTexts texts) {
        if (!purgeData) {
            throw new ApplyRefusedException(texts.get("refused.purge", step.number(), o.ref()));
        }
        String cluster = step.cluster();
        boolean gatePassed = plan.steps().stream().filter(PlanStep::isGate)
                .filter(s -> s.gate().phase() == Phase.GATE_RECEIVING && cluster.equals(s.cluster()))
                .anyMatch(s -> done.test(s.id()));
        if (!gatePassed) {
            throw new ApplyRefusedException(texts.get("refused.purge-gate", step.number(), o.ref(), cluster));
        }
        boolean backedUp = plan.steps().stream().filter(s -> !s.isGate())
                .filter(s -> cluster.equals(s.cluster()) && s.phase() == Phase.REMOVE_DUPLICATES
                        && s.id().startsWith("backup-") && s.number() < step.number())
                .anyMatch(s -> done.test(s.id()));
        if (!backedUp) {
            throw new ApplyRefusedException(texts.get("refused.purge-backup", step.number(), o.ref(), cluster));
        }
    }

    /** The object must still be what the plan saw: a plan made from another state would undo someone's change. */
    static void refuseDrift(ObjectChange o, ObjectRef ref, Map<String, Object> live, Map<String, Object> before,
            Instant planned, ApplyTexts texts) {
        switch (o.operation()) {
            case CREATE -> {
                if (live != null) {
                    throw new ApplyRefusedException(texts.get("refused.exists", ref));
                }
            }
            case REPLACE, DELETE -> {
                if (live == null) {
                    if (o.operation() == ObjectChange.Operation.REPLACE) {
                        throw new ApplyRefusedException(texts.get("refused.gone", ref));
                    }
                } else if (!ServerFields.unchangedSince(live, before)) {
                    throw new ApplyRefusedException(texts.get("refused.drift", ref, planned));
                }
            }
        }
    }

    /**
     * The owner-aware rule, again at apply time: the Prometheus Operator recreates a StatefulSet (or anything) its
     * resource controls at once, so deleting or scaling it directly only fakes a removal — the seed audit's script
     * made exactly this mistake.
     */
    static void refuseOwned(ObjectChange o, ObjectRef ref, Map<String, Object> live, ApplyTexts texts) {
        if (live == null) {
            return;
        }
        boolean removes = o.operation() == ObjectChange.Operation.DELETE
                || o.after().path("spec", "replicas").asLong(1) == 0 && Node.of(live).path("spec", "replicas").asLong(1) != 0;
        if (!removes) {
            return;
        }
        for (Node owner : Node.of(live).path("metadata", "ownerReferences").elements()) {
            String kind = owner.get("kind").text("");
            if (owner.get("controller").asBoolean(false) && OPERATOR_KINDS.contains(kind)) {
                throw new ApplyRefusedException(texts.get(o.operation() == ObjectChange.Operation.DELETE
                        ? "refused.owned.delete" : "refused.owned.scale", ref, kind, owner.get("name").text("?")));
            }
        }
    }
}
