package io.promfleet.remediators.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.RemediationContext;
import io.promfleet.core.apply.ApplyOptions;
import io.promfleet.core.apply.ApplyResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan made with {@code --purge-data} deletes the removed servers' volumes: apply does so only when told
 * ({@code --purge-data} again), and only after the edge's receiving gate passed and its backup step is journaled
 * done. Against the mock APIs of {@link SeedApply}.
 */
class PurgeDataApplyTest {

    @TempDir
    Path dir;

    @Test
    void volumesAreDeletedOnlyWithPurgeDataAfterTheGateAndTheBackup() {
        try (SeedApply seed = new SeedApply(dir, Map.of(RemediationContext.PURGE_DATA_SETTING, "true"))) {
            Path journal = dir.resolve("journal.jsonl");
            ApplyResult refused = seed.apply(journal, new ApplyOptions(false, false, null, null, Set.of()), e -> { });

            assertThat(refused.status()).isEqualTo(ApplyResult.Status.REFUSED);
            assertThat(seed.plan.plan().steps().get(refused.stoppedAt() - 1).id())
                    .startsWith("purge-data-cluster-02-");
            assertThat(refused.reason()).contains("apply deletes data only with --purge-data");
            assertThat(seed.engineWrites).noneMatch(w -> w.contains("PersistentVolumeClaim"));

            ApplyResult purged = seed.apply(journal, new ApplyOptions(false, true, null, null, Set.of()), e -> { });

            assertThat(purged.status()).as(String.join("\n", purged.log())).isEqualTo(ApplyResult.Status.COMPLETED);
            assertThat(seed.engineWrites).anyMatch(w -> w.startsWith("DELETE cluster-02:PersistentVolumeClaim/monitoring/"));
            // The claim carries the pvc-protection finalizer: deleted, it lingers as terminating, as on a real cluster.
            try (var access = seed.readers.open("cluster-02", seed.contexts.get("cluster-02"))) {
                var pvc = access.get(io.promfleet.core.live.KubeKind.of("PersistentVolumeClaim").orElseThrow(), "monitoring",
                        "prometheus-kube-prometheus-stack-prometheus-db-prometheus-kube-prometheus-stack-prometheus-0");
                assertThat(pvc.isEmpty() || io.promfleet.api.model.Node.of(pvc.get()).path("metadata", "deletionTimestamp")
                        .text().isPresent()).as("deleted or terminating: " + pvc).isTrue();
            }
            // The agent's own volume is untouched.
            assertThat(seed.state()).containsKey("cluster-02:PersistentVolumeClaim/monitoring/data-prometheus-agent-0");

            // Rollback restores the rest, and says the purged data is not among it.
            ApplyResult rollback = seed.rollback(journal);
            assertThat(rollback.status()).as(String.join("\n", rollback.log())).isEqualTo(ApplyResult.Status.COMPLETED);
            assertThat(rollback.log()).anyMatch(l -> l.contains("PersistentVolumeClaim") && l.contains("not restored"));
        }
    }

    @Test
    void aHandMadePurgeWithoutItsGateIsRefused() {
        try (SeedApply seed = new SeedApply(dir, Map.of(RemediationContext.PURGE_DATA_SETTING, "true"))) {
            var steps = seed.plan.plan().steps();
            var purge = steps.stream().filter(s -> s.id().startsWith("purge-data-cluster-02-")).findFirst().orElseThrow();
            // The purge alone, as a forged plan would have it: no gate, no backup before it.
            io.promfleet.core.plan.Plan forged = new io.promfleet.core.plan.Plan("seed-fleet", SeedApply.START,
                    java.time.Duration.ofHours(2), true, java.util.List.of(new io.promfleet.core.plan.PlanStep(1,
                            purge.phase(), purge.cluster(), purge.action(), null)), java.util.List.of());
            ApplyResult result;
            try (io.promfleet.core.apply.Journal journal = io.promfleet.core.apply.Journal.open(dir.resolve("f.jsonl"))) {
                result = seed.engine().apply(io.promfleet.core.apply.PlanFile.of(forged, "forged.json"), seed.contexts,
                        new ApplyOptions(false, true, null, null, Set.of()), journal);
            }
            assertThat(result.status()).isEqualTo(ApplyResult.Status.REFUSED);
            assertThat(result.reason()).contains("no receiving gate of cluster-02 has passed");
            assertThat(seed.engineWrites).isEmpty();
        }
    }
}
