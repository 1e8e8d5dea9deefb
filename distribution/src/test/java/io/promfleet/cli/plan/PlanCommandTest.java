package io.promfleet.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promfleet.cli.PromfleetCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code promfleet plan}: its exit codes, formats and languages, on the seed fleet. */
class PlanCommandTest {

    private static final String SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml").toString();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PromfleetCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpDescribesThePhasesAndExitCodes() {
        assertThat(run("plan", "--help")).isZero();
        assertThat(out.toString()).contains("--fleet", "--format", "--gate-window", "--purge-data", "--live",
                "Exit codes: 0 plan written; 2 usage or input error.");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("plan");
    }

    @Test
    void theSeedPlanInMarkdownEnglishAndKorean() {
        assertThat(run("plan", "--fleet", SEED, "--lang", "en")).isZero();
        assertThat(out.toString()).contains("# Remediation plan: seed-fleet",
                "## Phase 1: deploy Thanos Receive on the central cluster",
                "## Phase 5: remove duplicates, one cluster at a time",
                "helm --kube-context cluster-02 upgrade kube-prometheus-stack",
                "gate `receiving-cluster-02`", "Rollback:");
        out.getBuffer().setLength(0);
        assertThat(run("plan", "--fleet", SEED, "--lang", "ko")).isZero();
        assertThat(out.toString()).contains("# 조치 계획: seed-fleet", "## 단계 1:", "## 주의사항", "게이트");
    }

    @Test
    void theSeedPlanInJsonToAFileIsStable() throws IOException {
        Path first = dir.resolve("plan.json");
        assertThat(run("plan", "--fleet", SEED, "--format", "json", "--gate-window", "3h", "--output", first.toString()))
                .isZero();
        JsonNode plan = new ObjectMapper().readTree(first.toFile());
        assertThat(plan.get("format").asText()).isEqualTo("promfleet-plan/1");
        assertThat(plan.get("gateWindow").asText()).isEqualTo("3h");
        List<String> phases = new ArrayList<>();
        plan.get("steps").forEach(s -> {
            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(s.get("phase").asText())) {
                phases.add(s.get("phase").asText());
            }
        });
        assertThat(phases).containsExactly("deploy-receive", "repoint-remote-write", "gate-receiving", "move-rules",
                "remove-duplicates", "verify");
        Path second = dir.resolve("again.json");
        assertThat(run("plan", "--fleet", SEED, "--format", "json", "--gate-window", "3h", "--output", second.toString()))
                .isZero();
        // Same input, same plan, but for the time it was made.
        assertThat(Files.readString(second).replaceAll("\"generatedAt\" : \"[^\"]+\"", ""))
                .isEqualTo(Files.readString(first).replaceAll("\"generatedAt\" : \"[^\"]+\"", ""));
    }

    @Test
    void pluginsListsTheRemediatorsAfterTheChecks() {
        assertThat(run("plugins")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^KIND +ID +VERSION +ORIGIN +SOURCE +ANSWERS$")
                .containsPattern("(?m)^remediator +remove-duplicates +\\S+ +built-in +\\S+ +duplicate-full-prometheus,edge-alertmanager$");
    }

    @Test
    void usageAndInputErrorsExitTwo() {
        assertThat(run("plan")).isEqualTo(2);
        assertThat(run("plan", "--fleet", SEED, "--format", "html")).isEqualTo(2);
        assertThat(run("plan", "--fleet", SEED, "--gate-window", "soon")).isEqualTo(2);
        assertThat(run("plan", "--fleet", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(run("plan", "--fleet", SEED, "--output", dir.resolve("no/such/dir/plan.md").toString())).isEqualTo(2);
        assertThat(run("plan", "--fleet", SEED, "--check-timeout", "0s")).isEqualTo(2);
        assertThat(run("plan", "--fleet", SEED, "--check-timeout", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--format html").contains("--gate-window")
                .contains("--check-timeout: must be more than 0s").contains("--check-timeout: ");
    }

    @Test
    void checkTimeoutLimitsTheAuditsChecksAndTheRemediatorsPlanning() {
        assertThat(run("plan", "--help")).isZero();
        assertThat(out.toString()).contains("--check-timeout=DURATION").contains("one remediator's planning");

        assertThat(run("plan", "--fleet", SEED, "--format", "json", "--check-timeout", "2m")).isZero();
        assertThat(out.toString()).contains("\"steps\"");
    }
}
