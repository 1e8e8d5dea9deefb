package io.promfleet.cli.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.cli.PromfleetCommand;
import io.promfleet.core.live.MockFleet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code promfleet apply} and {@code promfleet rollback} through the CLI, against the seed fleet served by one
 * Fabric8 mock Kubernetes API per cluster (CRUD mode, loopback; {@link MockFleet} honours {@code dryRun=All}, which
 * the mock alone ignores). The seed-plan scenarios in depth (gates passed, resume, rollback equality) are in
 * remediators' SeedFleetApplyTest and ResumeAfterCrashTest.
 */
class ApplyCommandTest {

    private static final String SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml").toString();

    @TempDir
    Path dir;

    MockFleet mock;
    Path plan;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        mock = MockFleet.start(Path.of(SEED), dir);
        plan = dir.resolve("plan.json");
        assertThat(run("plan", "--fleet", SEED, "--format", "json", "--output", plan.toString())).isZero();
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    private int run(String... args) {
        CommandLine cli = PromfleetCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] apply(String... more) {
        return Stream.concat(Stream.of("apply", "--fleet", SEED, "--plan", plan.toString(), "--kubeconfig",
                mock.kubeconfig().toString(), "--journal", dir.resolve("journal.jsonl").toString()), Stream.of(more))
                .toArray(String[]::new);
    }

    @Test
    void helpListsTheFlagsAndExitCodes() {
        assertThat(run("apply", "--help")).isZero();
        assertThat(out.toString()).contains("--plan", "--yes", "--journal", "--gate-window", "--query-url",
                "--ruler-url", "--receive-url", "--purge-data", "--emit-manifests", "--kubeconfig",
                "--lang", "4 stopped at a gate");
        out.getBuffer().setLength(0);
        assertThat(run("rollback", "--help")).isZero();
        assertThat(out.toString()).contains("JOURNAL", "--yes", "--lang");
    }

    @Test
    void withoutYesItIsADryRunThatSendsOnlyDryRunWrites() {
        assertThat(run(apply())).as(err.toString()).isZero();

        assertThat(err.toString()).contains("dry run: nothing was changed");
        assertThat(out.toString()).contains("create StatefulSet/monitoring/thanos-receive: accepted by the API server's dry run",
                "a real apply would stop here");
        assertThat(mock.writes()).isNotEmpty().allSatisfy(w -> assertThat(w).contains("dryRun=All"));
    }

    @Test
    void withYesItStopsAtTheFirstGateThatHasNotPassedWithExit4AndRollbackUndoesIt() throws IOException {
        assertThat(run(apply("--yes", "--receive-url", "https://receive.example.org/api/v1/receive"))).isEqualTo(4);

        assertThat(err.toString()).contains("apply stopped at step 2", "receive-ready-cluster-01",
                "StatefulSet/monitoring/thanos-receive 0/", "Come back at");
        assertThat(mock.writes()).isNotEmpty().noneMatch(w -> w.contains("dryRun"));
        List<String> journal = Files.readAllLines(dir.resolve("journal.jsonl"));
        assertThat(journal).anyMatch(l -> l.contains("\"type\":\"change\"") && l.contains("thanos-receive"));

        // Run again: the step done is skipped, the gate checked again.
        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        assertThat(run(apply("--yes", "--receive-url", "https://receive.example.org/api/v1/receive"))).isEqualTo(4);
        assertThat(out.toString()).contains("step 1 deploy-receive-cluster-01 (cluster-01): done in an earlier run");

        err.getBuffer().setLength(0);
        assertThat(run("rollback", dir.resolve("journal.jsonl").toString(), "--kubeconfig",
                mock.kubeconfig().toString())).as(err.toString()).isZero();
        assertThat(err.toString()).contains("dry run");

        err.getBuffer().setLength(0);
        assertThat(run("rollback", dir.resolve("journal.jsonl").toString(), "--kubeconfig",
                mock.kubeconfig().toString(), "--yes")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("rollback complete: 5 changes");
        assertThat(mock.server("cluster-01").createClient().apps().statefulSets().inNamespace("monitoring")
                .withName("thanos-receive").get()).isNull();
    }

    @Test
    void langKoTellsTheDryRunAndTheRollbackInKoreanAndKeepsTheJournalEnglish() throws IOException {
        assertThat(run(apply("--lang", "ko"))).as(err.toString()).isZero();

        assertThat(err.toString()).contains("promfleet: " + plan + " 드라이 런, 저널 ",
                "promfleet: apply 완료 (드라이 런: 아무것도 변경하지 않았습니다. 변경하려면 --yes를 주세요): 변경 ");
        assertThat(out.toString()).contains(
                "단계 1 deploy-receive-cluster-01 (cluster-01): create StatefulSet/monitoring/thanos-receive: "
                        + "API 서버의 드라이 런에서 승인됨",
                "실제 apply라면 여기서 중단됩니다")
                .doesNotContain("accepted by the API server's dry run", "a real apply would stop here");
        assertThat(Files.readString(dir.resolve("journal.jsonl"))).doesNotContainPattern("\\p{IsHangul}");

        err.getBuffer().setLength(0);
        assertThat(run(apply("--yes", "--receive-url", "https://receive.example.org/api/v1/receive", "--lang", "ko")))
                .isEqualTo(4);
        assertThat(err.toString()).contains("promfleet: apply: 단계 2에서 중단됨: 게이트 receive-ready-cluster-01을(를) "
                + "아직 통과하지 못했습니다. 확인한 것: ", "빨라도 ");
        assertThat(Files.readString(dir.resolve("journal.jsonl"))).doesNotContainPattern("\\p{IsHangul}");

        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        assertThat(run("rollback", dir.resolve("journal.jsonl").toString(), "--kubeconfig",
                mock.kubeconfig().toString(), "--lang", "ko")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("journal.jsonl 롤백의 드라이 런", "promfleet: rollback 완료 (드라이 런: ");
        assertThat(out.toString()).contains("저널 ", "번째 줄 ", "복원됨 (API 서버의 드라이 런에서 승인됨)");
    }

    @Test
    void anUnknownLangIsAUsageErrorNamingIt() {
        assertThat(run(apply("--lang", "xx"))).isEqualTo(2);
        assertThat(err.toString()).contains("--lang", "xx");
        err.getBuffer().setLength(0);
        assertThat(run("rollback", dir.resolve("journal.jsonl").toString(), "--lang", "xx")).isEqualTo(2);
        assertThat(err.toString()).contains("--lang");
        assertThat(mock.writes()).isEmpty();
    }

    @Test
    void emitManifestsWritesKustomizeDirectoriesWithoutACredential() throws IOException {
        Path out = dir.resolve("manifests");
        assertThat(run(apply("--emit-manifests", out.toString()))).as(err.toString()).isZero();

        assertThat(out.resolve("cluster-01").resolve("kustomization.yaml")).exists();
        assertThat(Files.readString(out.resolve("cluster-01").resolve("kustomization.yaml")))
                .contains("resources/statefulset-monitoring-thanos-receive.yaml", "patches:");
        assertThat(Files.readString(out.resolve("cluster-02").resolve("README.md")))
                .contains("## Deletions", "Pod/monitoring/kube-prometheus-stack-grafana-test",
                        "helm --kube-context cluster-02 upgrade kube-prometheus-stack", "## Address to fill in");
        assertThat(Files.readString(out.resolve("cluster-02").resolve("helm").resolve("kube-prometheus-stack-values.yaml")))
                .contains("prometheus:", "enabled: false");
        assertThat(out.resolve("cluster-02").resolve("patches")
                .resolve("delete-pod-monitoring-kube-prometheus-stack-grafana-test.yaml")).content().contains("$patch: delete");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("kind: Secret")
                        .doesNotContainIgnoringCase("secret_key").doesNotContainIgnoringCase("password:");
            }
        }
        assertThat(mock.writes()).isEmpty();
    }

    @Test
    void badFlagsAndFilesAreUsageErrorsNamingThem() throws IOException {
        assertThat(run(apply("--gate-window", "0s"))).isEqualTo(2);
        assertThat(err.toString()).contains("--gate-window");
        assertThat(run(apply("--query-url", "ftp://thanos"))).isEqualTo(2);
        assertThat(err.toString()).contains("--query-url", "http");
        assertThat(run(apply("--helm-applied", "no-such-step"))).isEqualTo(2);
        assertThat(err.toString()).contains("--helm-applied no-such-step");

        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, Files.readString(plan).substring(0, 5000));
        assertThat(run("apply", "--fleet", SEED, "--plan", truncated.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(truncated + ":", "not valid JSON");

        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(plan).replace("\"fleet\" : \"seed-fleet\"", "\"fleet\" : \"other\""));
        assertThat(run("apply", "--fleet", SEED, "--plan", other.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is a plan of fleet 'other'");

        Path emptyKubeconfig = dir.resolve("kubeconfig-without-contexts");
        Files.writeString(emptyKubeconfig, "apiVersion: v1\nkind: Config\ncontexts: []\n");
        assertThat(run("apply", "--fleet", SEED, "--plan", plan.toString(), "--kubeconfig", emptyKubeconfig.toString(),
                "--journal", dir.resolve("j2.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no kubeconfig defines context 'cluster-01'");

        Path journal = dir.resolve("bad.jsonl");
        Files.writeString(journal, "{\"seq\":1,\"type\":\"run\",\"time\":\"2026-11-24T10:00:00Z\",\"dryRun\":false,"
                + "\"command\":\"apply\"}\nnot json\n{}\n");
        assertThat(run("rollback", journal.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(journal + ":2: not a JSON object");
        assertThat(run("rollback", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(mock.writes()).isEmpty();
    }
}
