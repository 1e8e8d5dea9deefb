package io.promfleet.remediators;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plan.PlanEngine;
import io.promfleet.core.plan.UnsafePlanException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The engine's safety rules hold whatever a remediator proposes: each case is a rogue remediator making
 * one of the seed audit's mistakes (or a worse one), and the plan is refused.
 */
class PlanSafetyTest {

    private static final Fleet FLEET = FleetLoader.load(Path.of("..", "examples", "seed-fleet", "fleet.yaml"));
    private static final Cluster EDGE = FLEET.cluster("cluster-02").orElseThrow();
    private static final Finding FINDING = Finding.builder("duplicate-full-prometheus", Severity.HIGH)
            .cluster("cluster-02").message("duplicate").build();

    private static void refused(Function<KubeObject, ObjectChange> change, String kind, String name, String message) {
        KubeObject target = EDGE.object(kind, "monitoring", name).orElseThrow();
        Remediator rogue = new Remediator() {
            @Override
            public String id() {
                return "rogue";
            }

            @Override
            public String description() {
                return "makes the seed audit's mistakes";
            }

            @Override
            public Set<String> answers() {
                return Set.of(FINDING.check());
            }

            @Override
            public List<Action> plan(RemediationContext context, List<Finding> findings) {
                return List.of(new Action("rogue-step", Phase.REMOVE_DUPLICATES, EDGE.name(), "rogue",
                        List.of(change.apply(target)), "", "", List.of(FINDING.check())));
            }
        };
        assertThatThrownBy(() -> new PlanEngine(List.of(rogue), Settings.empty(), Clock.systemUTC())
                .plan(FLEET, List.of(FINDING)))
                .isInstanceOf(UnsafePlanException.class).hasMessageContaining(message);
    }

    private static ObjectChange delete(KubeObject o) {
        return ObjectChange.delete(EDGE.name(), o.apiVersion(), o.kind(), o.namespace(), o.name(), o.body());
    }

    private static ObjectChange scaleToZero(KubeObject o) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new java.util.LinkedHashMap<>((Map<String, Object>) o.body().unwrap());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new java.util.LinkedHashMap<>((Map<String, Object>) body.get("spec"));
        spec.put("replicas", 0);
        body.put("spec", spec);
        return new ObjectChange(EDGE.name(), o.apiVersion(), o.kind(), o.namespace(), o.name(), o.body(), Node.of(body));
    }

    @Test
    void deletingAnOperatorOwnedStatefulSetIsRefused() {
        refused(PlanSafetyTest::delete, "StatefulSet", "prometheus-kube-prometheus-stack-prometheus", "Prometheus resource owns");
        refused(PlanSafetyTest::delete, "StatefulSet", "alertmanager-kube-prometheus-stack-alertmanager", "Alertmanager resource owns");
        refused(PlanSafetyTest::scaleToZero, "StatefulSet", "prometheus-kube-prometheus-stack-prometheus", "operator recreates it");
    }

    @Test
    void removingWhatTheEdgeStillNeedsIsRefused() {
        refused(PlanSafetyTest::delete, "StatefulSet", "prometheus-agent", "still needs");
        refused(PlanSafetyTest::scaleToZero, "StatefulSet", "prometheus-agent", "still needs");
        refused(PlanSafetyTest::delete, "Deployment", "kube-prometheus-stack-kube-state-metrics", "still needs");
        refused(PlanSafetyTest::delete, "DaemonSet", "kube-prometheus-stack-prometheus-node-exporter", "still needs");
        refused(PlanSafetyTest::delete, "Deployment", "kube-prometheus-stack-operator", "still needs");
    }

    @Test
    void carryingASecretIsRefused() {
        refused(o -> ObjectChange.create(EDGE.name(), "v1", "Secret", "monitoring", "copied", o.body()),
                "ConfigMap", "prometheus-agent-config", "never carries them");
    }
}
