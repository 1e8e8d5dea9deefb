package io.promfleet.remediators;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.RemediationContext;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.core.Promfleet;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's settings: --purge-data deletes volumes last, after the removal; --gate-window and --receive-url apply. */
class PurgeDataPlanTest {

    private static Plan plan(String... settings) {
        Promfleet.Builder builder = Promfleet.builder().classLoader(PurgeDataPlanTest.class.getClassLoader());
        for (int i = 0; i < settings.length; i += 2) {
            builder.setting(settings[i], settings[i + 1]);
        }
        try (Promfleet promfleet = builder.build()) {
            return promfleet.plan(FleetLoader.load(Path.of("..", "examples", "seed-fleet", "fleet.yaml")));
        }
    }

    @Test
    void purgeDataDeletesEachEdgesVolumesAfterItsRemoval() {
        Plan plan = plan(RemediationContext.PURGE_DATA_SETTING, "true");
        List<String> ids = plan.steps().stream().map(PlanStep::id).toList();
        for (String edge : List.of("cluster-02", "cluster-03", "cluster-04")) {
            int removal = ids.indexOf("remove-duplicates-" + edge + "-kube-prometheus-stack");
            int purge = ids.indexOf("purge-data-" + edge + "-prometheus-kube-prometheus-stack-prometheus");
            int gate = ids.indexOf("still-receiving-" + edge);
            assertThat(removal).isPositive().isLessThan(purge);
            assertThat(purge).isLessThan(gate);
            Action action = plan.steps().get(purge).action();
            assertThat(action.changes()).allSatisfy(c -> assertThat(((ObjectChange) c).kind()).isEqualTo("PersistentVolumeClaim"));
        }
    }

    @Test
    void theGateWindowAndTheReceiveUrlComeFromTheSettings() {
        Plan plan = plan(RemediationContext.GATE_WINDOW_SETTING, "90m",
                RemediationContext.RECEIVE_URL_SETTING, "https://receive.example.org/api/v1/receive");
        Gate gate = plan.steps().stream().filter(PlanStep::isGate).map(PlanStep::gate)
                .filter(g -> g.id().equals("receiving-cluster-03")).findFirst().orElseThrow();
        assertThat(gate.window()).isEqualTo(Duration.ofMinutes(90));
        assertThat(gate.query()).contains("[90m:1m]) >= 90");
        ObjectChange config = (ObjectChange) plan.steps().stream().filter(s -> s.id().startsWith("repoint-remote-write-cluster-03"))
                .findFirst().orElseThrow().action().changes().get(0);
        assertThat(config.after().path("data", "prometheus.yml").text(""))
                .contains("url: https://receive.example.org/api/v1/receive");
    }
}
