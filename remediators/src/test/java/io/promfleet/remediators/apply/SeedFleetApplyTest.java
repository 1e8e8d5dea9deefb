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
}
