package io.promfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promfleet.api.Severity;
import io.promfleet.cli.testplugin.MarkerInspector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

class AuditCommandTest {

    @TempDir
    Path dir;

    private Path fleet;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The exit code of {@code promfleet args...}, with its output in {@link #out} and {@link #err}. */
    private int run(String... args) {
        CommandLine cli = PromfleetCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int audit(String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--fleet", fleet.toString(), "--lang", "en"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void tinyFleetWithOneMarkedObject() {
        write(dir.resolve("hub/objects.yaml"), "kind: Service\nmetadata: {name: web, namespace: default}\n");
        write(dir.resolve("edge/objects.yaml"), "kind: ConfigMap\nmetadata: {name: " + MarkerInspector.MARKER
                + ", namespace: monitoring}\n");
        fleet = write(dir.resolve("fleet.yaml"), """
                name: tiny
                clusters:
                  - {name: hub, role: central, snapshot: hub}
                  - {name: edge, role: edge, snapshot: edge}
                """);
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("audit");
        assertThat(run("audit", "--help")).isZero();
        assertThat(out.toString()).contains("--fleet", "--fail-on", "--format");
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("promfleet ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("subcommand");
    }

    @Test
    void missingFleetIsAUsageError() {
        assertThat(run("audit")).isEqualTo(2);
        assertThat(err.toString()).contains("--fleet");
    }

    @ParameterizedTest
    @CsvSource({"--format,xml", "--lang,fr", "--fail-on,urgent", "--price-memory,-1", "--price-storage,NaN",
        "--currency,dollars"})
    void aBadOptionValueExitsTwoNamingTheOption(String option, String value) {
        assertThat(run("audit", "--fleet", fleet.toString(), option, value)).isEqualTo(2);
        assertThat(err.toString()).contains(option).contains(value);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMalformedFleetFileExitsTwoNamingTheFileAndLine() {
        write(fleet, "name: tiny\nclusters:\n  - {name: hub, role: centre, snapshot: hub}\n");
        assertThat(audit()).isEqualTo(2);
        assertThat(err.toString()).contains(fleet + ":3: clusters[0].role: unknown role 'centre'");
        assertThat(err.toString()).doesNotContain("internal error").doesNotContain("\tat ");
    }

    @Test
    void aMissingFleetFileExitsTwoNamingIt() {
        Path missing = dir.resolve("missing.yaml");
        assertThat(run("audit", "--fleet", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(missing.toString()).contains("does not exist");
    }

    @Test
    void aMalformedSnapshotExitsTwoNamingTheSnapshotFile() {
        Path bad = write(dir.resolve("edge/bad.json"), "{\"kind\": \"Pod\",");
        assertThat(audit()).isEqualTo(2);
        assertThat(err.toString()).contains(bad.toString()).contains("invalid JSON");
    }

    @Test
    void outputIntoAMissingDirectoryExitsTwo() {
        Path target = dir.resolve("no/such/dir/report.md");
        assertThat(audit("--output", target.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--output").contains("does not exist");
        assertThat(target).doesNotExist();
    }

    @Test
    void outputWritesTheReportToTheFileAndNothingToStandardOutput() throws IOException {
        Path target = dir.resolve("report.json");
        assertThat(audit("--format", "json", "--output", target.toString())).isZero();
        assertThat(out.toString()).isEmpty();
        JsonNode report = new ObjectMapper().readTree(target.toFile());
        assertThat(report.get("fleet").asText()).isEqualTo("tiny");
        assertThat(err.toString()).contains("wrote json report to " + target);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void theReportGoesToStandardOutputByDefault() throws IOException {
        assertThat(audit("--format", "json")).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("findings")).anySatisfy(f -> {
            assertThat(f.get("check").asText()).isEqualTo(MarkerInspector.ID);
            assertThat(f.get("cluster").asText()).isEqualTo("edge");
        });
    }

    @Test
    void verboseNamesEveryCheckWithItsVersionAndOrigin() {
        assertThat(audit("--format", "json", "--verbose")).isZero();
        assertThat(err.toString()).contains("promfleet: check " + MarkerInspector.ID + " ")
                .contains("promfleet: check pod-failed ").contains(" from file:");
    }

    @Test
    void anUnknownFleetFieldIsAWarningNamingItAndTheAuditRuns() {
        write(fleet, "name: tiny\nowner: platform-team\nclusters:\n  - {name: hub, role: central, snapshot: hub}\n");
        assertThat(audit("--format", "json")).isZero();
        assertThat(err.toString()).contains("promfleet: warning: " + fleet + ":1: owner: unknown field, ignored");
    }

    @Test
    void theKoreanMarkdownReportCarriesKoreanHeadings() {
        assertThat(run("audit", "--fleet", fleet.toString(), "--lang", "ko")).isZero();
        assertThat(out.toString()).contains("## 현황 요약").contains("## 다음 단계");
    }

    /** Whether the JSON report on standard output has a finding at least as severe as {@code threshold}. */
    private boolean reportReaches(Severity threshold) throws IOException {
        for (JsonNode finding : new ObjectMapper().readTree(out.toString()).get("findings")) {
            if (Severity.parse(finding.get("severity").asText()).atLeast(threshold)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(Severity.class)
    void failOnExitsOneExactlyWhenAFindingIsThatSevere(Severity threshold) throws IOException {
        int exit = audit("--format", "json", "--fail-on", threshold.id());
        boolean reached = reportReaches(threshold);
        // The marker finding is medium: medium and below must fail whatever the built-in checks find.
        if (Severity.MEDIUM.atLeast(threshold)) {
            assertThat(reached).isTrue();
        }
        assertThat(exit).isEqualTo(reached ? 1 : 0);
    }

    @Test
    void failOnIsNotReachedWhenTheMarkerIsAbsent() throws IOException {
        write(dir.resolve("edge/objects.yaml"), "kind: ConfigMap\nmetadata: {name: other, namespace: monitoring}\n");
        int exit = audit("--format", "json", "--fail-on", "medium");
        assertThat(out.toString()).doesNotContain("\"check\" : \"" + MarkerInspector.ID + "\"");
        assertThat(exit).isEqualTo(reportReaches(Severity.MEDIUM) ? 1 : 0);
    }

    @Test
    void withoutFailOnTheExitCodeIsZeroEvenWithFindings() {
        assertThat(audit("--format", "json")).isZero();
        assertThat(out.toString()).contains(MarkerInspector.ID);
    }

    @Test
    void liveModeNamesTheClusterWithoutAContext() {
        // Live mode reads each cluster through its kubeconfig context; this fleet file gives none.
        assertThat(audit("--live")).isEqualTo(2);
        assertThat(err.toString()).contains(".context").contains("no kubeconfig context").contains("live audit");
    }
}
