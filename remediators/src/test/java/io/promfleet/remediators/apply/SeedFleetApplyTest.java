package io.promfleet.remediators.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.JournalEntry;
import io.promfleet.core.apply.JournalReader;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.live.LiveFleetReader;
import io.promfleet.core.live.LiveProgress;
import io.promfleet.core.live.SnapshotWriter;
import io.promfleet.core.Promfleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} of the seed fleet's plan against one Fabric8 mock Kubernetes API per cluster (CRUD mode, on
 * loopback), with a loopback test double for Thanos Query and Ruler and one for Helm (see their comments). The
 * mock's CRUD mode ignores server-side dry run, so {@link io.promfleet.core.live.MockFleet} honours
 * {@code dryRun=All} itself and records every request; that the real API server's dry run stores nothing is
 * tested against k3s in e2e-tests.
 */
class SeedFleetApplyTest {

    @TempDir
    Path dir;

    SeedApply seed;

    @BeforeEach
    void start() {
        seed = new SeedApply(dir);
    }

    @AfterEach
    void stop() {
        seed.close();
    }

    @Test
    void dryRunChangesNothingAndSendsEveryWriteAsDryRun() {
        Map<String, Map<String, Object>> before = seed.state();

        ApplyResult result = seed.apply(dir.resolve("journal.jsonl"), true);

        assertThat(result.status()).as(String.join("\n", result.log())).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(result.changed()).isGreaterThan(10);
        assertThat(seed.state()).isEqualTo(before);
        List<String> writes = seed.mock.writes();
        assertThat(writes).isNotEmpty().allSatisfy(w -> assertThat(w).contains("dryRun=All"));
        assertThat(seed.helm.calls).allSatisfy(c -> assertThat(c).endsWith("dry-run"));
        assertThat(new JournalReader().read(dir.resolve("journal.jsonl")).entries())
                .allSatisfy(e -> assertThat(e.dryRun()).isTrue());
    }

    @Test
    void applyWithGatesSatisfiedLeavesAFleetThatAuditsWithoutHighFindings() {
        ApplyResult result = seed.apply(dir.resolve("journal.jsonl"), false);

        assertThat(result.status()).as(String.join("\n", result.log())).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(seed.mock.writes()).noneMatch(w -> w.contains("dryRun"));
        // Owner-aware: the removal went through the Helm values, never a direct delete of the operator's StatefulSet.
        assertThat(seed.engineWrites).noneMatch(w -> w.startsWith("DELETE") && w.contains("StatefulSet"));
        assertThat(seed.helm.calls).containsExactly(
                "cluster-02 {prometheus.enabled=false, alertmanager.enabled=false}",
                "cluster-03 {prometheus.enabled=false, alertmanager.enabled=false}",
                "cluster-04 {prometheus.enabled=false, alertmanager.enabled=false}");
        // An offline snapshot of the result, audited as `promfleet audit` would.
        Path snapshot = new SnapshotWriter().write(seed.mock.spec(),
                new LiveFleetReader(seed.readers, 4, LiveProgress.NONE).read(seed.mock.spec()), dir.resolve("after"));
        AuditReport report;
        try (Promfleet promfleet = SeedApply.promfleet()) {
            report = promfleet.audit(FleetLoader.load(snapshot));
        }
        assertThat(report.findings()).filteredOn(f -> f.severity().compareTo(Severity.HIGH) <= 0)
                .extracting(Finding::check).isEmpty();
    }

    @Test
    void aGateThatFailsStopsTheApplyBeforeAnyRemoval() {
        seed.thanos.receiving = false;
        Map<String, Map<String, Object>> before = seed.state();

        ApplyResult result = seed.apply(dir.resolve("journal.jsonl"), false);

        assertThat(result.status()).isEqualTo(ApplyResult.Status.STOPPED);
        assertThat(seed.plan.plan().steps().get(result.stoppedAt() - 1).id()).isEqualTo("receiving-cluster-02");
        assertThat(result.reason()).contains("count_over_time((count(up{cluster=\"cluster-02\"}) > 0)[2h:1m])")
                .contains(seed.thanos.url() + "/api/v1/query").contains("an empty result").contains("Come back at");
        assertThat(result.comeBack()).isNotNull();
        assertThat(seed.engineWrites).noneMatch(w -> w.startsWith("DELETE"))
                .noneMatch(w -> w.contains("Prometheus/") || w.contains("Alertmanager/"));
        assertThat(seed.helm.calls).isEmpty();
        // Only the Receive deployment and the repointed edges changed.
        Map<String, Map<String, Object>> after = seed.state();
        assertThat(after.keySet()).containsAll(before.keySet());
        before.forEach((ref, object) -> {
            if (!ref.contains("thanos-query") && !ref.contains("prometheus-agent")) {
                assertThat(after.get(ref)).as(ref).isEqualTo(object);
            }
        });
    }

    @Test
    void anOperatorOwnedStatefulSetIsNeverDeletedDirectlyEvenWhenAPlanSaysSo() {
        Map<String, Object> sts = seed.state().get(
                "cluster-02:StatefulSet/monitoring/prometheus-kube-prometheus-stack-prometheus");
        assertThat(sts).as("the seed's operator-owned StatefulSet").isNotNull();
        io.promfleet.api.plan.Action hostile = new io.promfleet.api.plan.Action("delete-sts-cluster-02",
                io.promfleet.api.plan.Phase.REMOVE_DUPLICATES, "cluster-02", "what the seed audit's script did",
                List.of(io.promfleet.api.plan.ObjectChange.delete("cluster-02", "apps/v1", "StatefulSet", "monitoring",
                        "prometheus-kube-prometheus-stack-prometheus", io.promfleet.api.model.Node.of(sts))),
                "", "", List.of("duplicate-full-prometheus"));
        io.promfleet.core.plan.Plan plan = new io.promfleet.core.plan.Plan("lab-fleet", SeedApply.START,
                java.time.Duration.ofHours(2), false, List.of(new io.promfleet.core.plan.PlanStep(1,
                        hostile.phase(), hostile.cluster(), hostile, null)), List.of());

        ApplyResult result;
        try (io.promfleet.core.apply.Journal journal = io.promfleet.core.apply.Journal.open(dir.resolve("j.jsonl"))) {
            result = seed.engine().apply(io.promfleet.core.apply.PlanFile.of(plan, "hostile.json"), seed.contexts,
                    new io.promfleet.core.apply.ApplyOptions(false, false, null, null, java.util.Set.of()), journal);
        }

        assertThat(result.status()).isEqualTo(ApplyResult.Status.REFUSED);
        assertThat(result.reason()).contains("Prometheus resource kube-prometheus-stack-prometheus controls it");
        assertThat(seed.engineWrites).isEmpty();
        assertThat(seed.state()).containsKey("cluster-02:StatefulSet/monitoring/prometheus-kube-prometheus-stack-prometheus");
        assertThat(new JournalReader().read(dir.resolve("j.jsonl")).entries())
                .noneMatch(e -> e.type() == JournalEntry.Type.CHANGE);
    }

    @Test
    void aSecondApplyChangesNothingWithTheSameJournalOrAFreshOne() {
        assertThat(seed.apply(dir.resolve("journal.jsonl"), false).status()).isEqualTo(ApplyResult.Status.COMPLETED);
        Map<String, Map<String, Object>> applied = seed.state();
        seed.engineWrites.clear();
        seed.helm.calls.clear();

        ApplyResult again = seed.apply(dir.resolve("journal.jsonl"), false);

        assertThat(again.status()).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(again.changed()).isZero();
        assertThat(again.log()).allSatisfy(line -> assertThat(line).contains("done in an earlier run"));
        assertThat(seed.engineWrites).isEmpty();
        assertThat(seed.helm.calls).isEmpty();

        ApplyResult fresh = seed.apply(dir.resolve("fresh.jsonl"), false);

        assertThat(fresh.status()).as(String.join("\n", fresh.log())).isEqualTo(ApplyResult.Status.COMPLETED);
        // No Kubernetes object is written; a Helm step is run again (same values: a no-op upgrade; Helm's own
        // values cannot be read without reading its release Secrets, which promfleet never does).
        assertThat(seed.engineWrites).isEmpty();
        assertThat(fresh.unchanged()).isGreaterThan(10);
        assertThat(seed.state()).isEqualTo(applied);
    }

    @Test
    void rollbackRestoresEveryObjectToItsOriginal() {
        Map<String, Map<String, Object>> original = seed.state();
        assertThat(seed.apply(dir.resolve("journal.jsonl"), false).status()).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(seed.state()).isNotEqualTo(original);

        ApplyResult rollback = seed.rollback(dir.resolve("journal.jsonl"));

        assertThat(rollback.status()).as(String.join("\n", rollback.log())).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(seed.state()).isEqualTo(original);
        // Run again (say, after a crash), it finds everything restored and writes nothing.
        seed.engineWrites.clear();
        ApplyResult again = seed.rollback(dir.resolve("journal.jsonl"));
        assertThat(again.changed()).isZero();
        assertThat(seed.engineWrites).isEmpty();
    }
}
