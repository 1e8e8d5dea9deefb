package io.promfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.embedding.ApplyMyPlan;
import io.promfleet.core.live.MockFleet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/embedding.md's apply example is this build's {@link ApplyMyPlan}, verbatim, and it dry-runs the seed plan
 * against mock Kubernetes APIs (one per cluster, loopback) without changing anything.
 */
class EmbeddingApplyDocTest {

    private static final Path DOC = Path.of("..", "docs", "embedding.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "com", "example", "embedding", "ApplyMyPlan.java");
    private static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");

    @TempDir
    Path dir;

    @Test
    void theDocShowsTheCompiledExampleVerbatim() throws Exception {
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .contains("```java\n" + Files.readString(SOURCE, StandardCharsets.UTF_8) + "```\n");
    }

    @Test
    void theExampleDryRunsTheSeedPlan() {
        Path plan = dir.resolve("plan.json");
        assertThat(PromfleetCommand.newCommandLine().execute("plan", "--fleet", SEED.toString(), "--format", "json",
                "--output", plan.toString())).isZero();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (MockFleet mock = MockFleet.start(SEED, dir)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                ApplyMyPlan.main(new String[] {SEED.toString(), plan.toString(), mock.kubeconfig().toString(),
                        dir.resolve("journal.jsonl").toString()});
            } finally {
                System.setOut(original);
            }
            assertThat(mock.writes()).isNotEmpty().allSatisfy(w -> assertThat(w).contains("dryRun=All"));
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("create StatefulSet/monitoring/thanos-receive: accepted by the API server's dry run")
                .contains("COMPLETED: ");
    }
}
