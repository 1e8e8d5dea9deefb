package io.promfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The seed fleet through {@code promfleet audit}: a {@code promfleet.io/ignore} annotation on an object
 * removes exactly those checks' findings on it, and {@code --baseline} reports only findings that
 * {@code --write-baseline} did not record.
 */
class SuppressionAndBaselineTest {

    private static final Path SEED = Path.of("..", "examples", "seed-fleet");

    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();

    @Test
    void anIgnoreAnnotationSuppressesTheNamedChecksOnThatObjectOnly() throws IOException {
        Path fleet = copySeed();
        Path config = fleet.resolve("cluster-02").resolve("config.yaml");
        String text = Files.readString(config);
        String anchor = "    name: prometheus-agent-config\n    namespace: monitoring\n";
        assertThat(text).contains(anchor);
        Files.writeString(config, text.replace("  metadata:\n    annotations:\n      kubectl.kubernetes.io/last-applied-configuration: |\n        {\"apiVersion\":\"v1\",\"data\":{\"prometheus.yml\"",
                "  metadata:\n    annotations:\n      promfleet.io/ignore: remote-write-insecure, remote-write-unresolvable\n"
                        + "      kubectl.kubernetes.io/last-applied-configuration: |\n        {\"apiVersion\":\"v1\",\"data\":{\"prometheus.yml\""));

        List<String> findings = findings(audit(fleet.resolve("fleet.yaml")));

        assertThat(findings).doesNotContain("remote-write-insecure cluster-02", "remote-write-unresolvable cluster-02")
                .contains("remote-write-target-unknown cluster-02", "remote-write-insecure cluster-03",
                        "remote-write-unresolvable cluster-04");
    }

    @Test
    void aBaselineReportsOnlyNewFindings() throws IOException {
        Path fleet = copySeed();
        Path baseline = temp.resolve("promfleet-baseline.txt");
        Path report = temp.resolve("r.json");

        assertThat(run("audit", "--fleet", fleet.resolve("fleet.yaml").toString(), "--format", "json", "--output",
                report.toString(), "--write-baseline", baseline.toString())).isZero();
        int recorded = findings(new ObjectMapper().readTree(report.toFile())).size();
        assertThat(Files.readAllLines(baseline).stream().filter(l -> !l.startsWith("#"))).hasSize(recorded);
        assertThat(Files.readString(baseline)).contains("edge-rules-stranded\tcluster-02\tmonitoring\tPrometheus\t"
                + "kube-prometheus-stack-prometheus");

        // Against its own baseline the fleet has nothing new: even --fail-on info passes.
        assertThat(run("audit", "--fleet", fleet.resolve("fleet.yaml").toString(), "--format", "json", "--output",
                report.toString(), "--baseline", baseline.toString(), "--fail-on", "info")).isZero();
        assertThat(findings(new ObjectMapper().readTree(report.toFile()))).isEmpty();
        assertThat(err.toString()).contains(recorded + " known findings not reported, 0 new");

        // A new problem — an edge agent loses its cluster label — is reported, and only it.
        Path config = fleet.resolve("cluster-02").resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("        external_labels:\n          cluster: cluster-02\n",
                "        external_labels:\n          region: eu\n"));
        assertThat(run("audit", "--fleet", fleet.resolve("fleet.yaml").toString(), "--format", "json", "--output",
                report.toString(), "--baseline", baseline.toString(), "--fail-on", "high")).isEqualTo(1);
        assertThat(findings(new ObjectMapper().readTree(report.toFile())))
                .containsExactly("external-labels-missing cluster-02");
    }

    @Test
    void aMissingBaselineIsAUsageError() {
        assertThat(run("audit", "--fleet", SEED.resolve("fleet.yaml").toString(), "--format", "json", "--output",
                temp.resolve("r.json").toString(), "--baseline", temp.resolve("none.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--baseline").contains("none.txt");
    }

    private JsonNode audit(Path fleetFile) throws IOException {
        Path report = temp.resolve("audit.json");
        assertThat(run("audit", "--fleet", fleetFile.toString(), "--format", "json", "--output", report.toString()))
                .as(err.toString()).isZero();
        return new ObjectMapper().readTree(report.toFile());
    }

    private static List<String> findings(JsonNode json) {
        List<String> lines = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            lines.add(f.get("check").asText() + " " + (f.get("cluster").isNull() ? "-" : f.get("cluster").asText()));
        }
        return lines;
    }

    private Path copySeed() throws IOException {
        Path target = temp.resolve("seed");
        try (Stream<Path> files = Files.walk(SEED)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(SEED.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    private int run(String... args) {
        CommandLine cli = PromfleetCommand.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
