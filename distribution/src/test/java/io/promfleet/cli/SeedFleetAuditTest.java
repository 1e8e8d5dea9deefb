package io.promfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The acceptance test of the offline audit: the seed fleet (examples/seed-fleet) audited through the
 * CLI with the built-in checks reports every problem the original hand-written audit found, and
 * nothing else.
 */
class SeedFleetAuditTest {

    private static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");

    @TempDir
    Path temp;

    @Test
    void jsonReportHoldsExactlyTheSeedAuditsFindings() throws Exception {
        Path report = temp.resolve("report.json");
        int exit = run("audit", "--fleet", SEED.toString(), "--format", "json", "--output", report.toString());
        assertThat(exit).isZero();

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("fleet").asText()).isEqualTo("seed-fleet");
        List<Tuple> pairs = new ArrayList<>();
        for (JsonNode finding : json.get("findings")) {
            pairs.add(tuple(finding.get("check").asText(),
                    finding.get("cluster").isNull() ? null : finding.get("cluster").asText()));
        }
        assertThat(pairs).containsExactlyInAnyOrder(
                tuple("receive-missing", "cluster-01"),
                tuple("sidecar-pattern", "cluster-01"),
                tuple("duplicate-full-prometheus", "cluster-02"),
                tuple("duplicate-full-prometheus", "cluster-03"),
                tuple("duplicate-full-prometheus", "cluster-04"),
                tuple("edge-alertmanager", "cluster-02"),
                tuple("edge-alertmanager", "cluster-03"),
                tuple("edge-alertmanager", "cluster-04"),
                tuple("pod-failed", "cluster-02"),
                tuple("remote-write-unresolvable", "cluster-02"),
                tuple("remote-write-unresolvable", "cluster-03"),
                tuple("remote-write-unresolvable", "cluster-04"),
                tuple("remote-write-target-unknown", "cluster-02"),
                tuple("remote-write-target-unknown", "cluster-03"),
                tuple("remote-write-target-unknown", "cluster-04"),
                tuple("resource-waste", null),
                // the agents write plain http to another cluster's Service name
                tuple("remote-write-insecure", "cluster-02"),
                tuple("remote-write-insecure", "cluster-03"),
                tuple("remote-write-insecure", "cluster-04"),
                // each edge's full Prometheus alone evaluates the chart's PrometheusRules
                tuple("edge-rules-stranded", "cluster-02"),
                tuple("edge-rules-stranded", "cluster-03"),
                tuple("edge-rules-stranded", "cluster-04"));
        assertThat(json.get("coverageGaps")).isEmpty();
        assertThat(json.at("/summary/findings").asInt()).isEqualTo(pairs.size());
    }

    @Test
    void failOnHighExitsOneForTheSeedFleet() {
        assertThat(run("audit", "--fleet", SEED.toString(), "--format", "json", "--output",
                temp.resolve("r.json").toString(), "--fail-on", "high")).isEqualTo(1);
    }

    @Test
    void markdownReportInKoreanCarriesTheSeedAuditsSections() throws Exception {
        Path report = temp.resolve("report.md");
        assertThat(run("audit", "--fleet", SEED.toString(), "--lang", "ko", "--output", report.toString())).isZero();
        String md = Files.readString(report);
        assertThat(md).containsSubsequence("현황 요약", "상세 분석", "아키텍처 목표 vs 현실", "리소스 낭비 추정",
                "권장 조치 사항", "단계별 실행 계획", "주의사항", "다음 단계");
        assertThat(md).contains("thanos-receiver.monitoring.svc.cluster-01.local");
    }

    private static int run(String... args) {
        CommandLine cli = PromfleetCommand.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
