package io.promfleet.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.promfleet.cli.PromfleetCommand;
import io.promfleet.core.live.MockFleet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code promfleet audit --live} and {@code promfleet snapshot} through the CLI, against the seed fleet
 * served by one Kubernetes mock API per cluster (real HTTP on loopback, CRUD mode) and a generated
 * kubeconfig with one context each: the live audit reports exactly what the offline audit of the same
 * objects reports.
 */
class LiveAuditTest {

    private static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");

    @TempDir
    static Path temp;

    static MockFleet mock;

    final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        mock = MockFleet.start(SEED, temp);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void liveAuditEqualsTheOfflineAudit() throws IOException {
        JsonNode offline = audit(Path.of("offline.json"), "--fleet", SEED.toString());
        JsonNode live = audit(Path.of("live.json"), "--fleet", SEED.toString(), "--live",
                "--kubeconfig", mock.kubeconfig().toString());

        assertThat(findings(offline)).hasSizeGreaterThan(10);
        assertThat(findings(live)).containsExactlyElementsOf(findings(offline));
        assertThat(live.get("coverageGaps")).isEmpty();
    }

    @Test
    void liveAuditInKoreanEqualsTheOfflineAuditInKorean() throws IOException {
        JsonNode offline = audit(Path.of("offline-ko.json"), "--fleet", SEED.toString(), "--lang", "ko");
        JsonNode live = audit(Path.of("live-ko.json"), "--fleet", SEED.toString(), "--lang", "ko", "--live",
                "--kubeconfig", mock.kubeconfig().toString());
        assertThat(findings(live)).containsExactlyElementsOf(findings(offline));
    }

    @Test
    void snapshotThenOfflineAuditEqualsTheLiveAudit() throws IOException {
        Path out = temp.resolve("snapshot");
        assertThat(run("snapshot", "--fleet", SEED.toString(), "--out", out.toString(),
                "--kubeconfig", mock.kubeconfig().toString())).as(err.toString()).isZero();
        assertThat(out.resolve("fleet.yaml")).exists();
        assertThat(out.resolve("cluster-02").resolve("pods.yaml")).exists();
        // The seed snapshot's Secrets hold values; the written snapshot keeps their keys only.
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(f -> f.toString().endsWith("secrets.yaml")).toList()) {
                assertThat(Files.readString(file)).doesNotContainPattern(":\\s+[A-Za-z0-9+/]{8,}={0,2}\\s*\\n\\s+type:");
            }
        }

        JsonNode fromSnapshot = audit(Path.of("snapshot.json"), "--fleet", out.resolve("fleet.yaml").toString());
        JsonNode live = audit(Path.of("live2.json"), "--fleet", SEED.toString(), "--live",
                "--kubeconfig", mock.kubeconfig().toString());
        assertThat(findings(fromSnapshot)).containsExactlyElementsOf(findings(live));
    }

    @Test
    void probeAttachesWhatTheEdgeSeesToItsRemoteWriteFindings() throws IOException {
        mock.expectProbe("cluster-02", "http://thanos-receiver.monitoring.svc.cluster-01.local:19291/-/ready",
                new io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage(
                        "wget: bad address 'thanos-receiver.monitoring.svc.cluster-01.local:19291'\n"),
                new io.fabric8.kubernetes.client.server.mock.StatusStreamMessage(1));

        JsonNode probed = audit(Path.of("probed.json"), "--fleet", SEED.toString(), "--live", "--probe",
                "--kubeconfig", mock.kubeconfig().toString());
        JsonNode unresolvable = null;
        for (JsonNode f : probed.get("findings")) {
            if (f.get("check").asText().equals("remote-write-unresolvable") && f.get("cluster").asText().equals("cluster-02")) {
                unresolvable = f;
            }
        }
        assertThat(unresolvable).isNotNull();
        assertThat(unresolvable.get("evidence").toString()).contains("probe http://thanos-receiver")
                .contains("does not resolve from the edge");
        // The same findings as without --probe: the probe adds evidence, not noise.
        assertThat(findings(probed)).containsExactlyElementsOf(findings(audit(Path.of("unprobed.json"),
                "--fleet", SEED.toString(), "--live", "--kubeconfig", mock.kubeconfig().toString())));
        assertThat(run("audit", "--fleet", SEED.toString(), "--probe")).isEqualTo(2);
    }

    @Test
    void oneServerDownIsClusterUnreachableAndAForbiddenKindIsAGap(@TempDir Path dir) throws IOException {
        JsonNode offline = audit(Path.of("offline3.json"), "--fleet", SEED.toString());
        try (MockFleet damaged = MockFleet.start(SEED, dir)) {
            damaged.stop("cluster-03");
            damaged.server("cluster-02").expect().get().withPath("/api/v1/secrets?limit=500")
                    .andReturn(403, new StatusBuilder().withCode(403).withMessage("secrets is forbidden").build())
                    .always();
            JsonNode live = audit(Path.of("damaged.json"), "--fleet", SEED.toString(), "--live",
                    "--kubeconfig", damaged.kubeconfig().toString());

            List<String> unreachable = new ArrayList<>();
            for (JsonNode f : live.get("findings")) {
                if (f.get("check").asText().equals("cluster-unreachable")) {
                    unreachable.add(f.get("cluster").asText() + " " + f.get("severity").asText());
                    assertThat(f.get("message").asText()).contains("cluster-03").contains("nothing answers");
                }
            }
            assertThat(unreachable).containsExactly("cluster-03 high");
            // cluster-04 is read in full: its findings are the offline ones, word for word.
            assertThat(findings(live, "cluster-04")).containsExactlyElementsOf(findings(offline, "cluster-04"));
            // cluster-01's too, but the central's checks count the edges they saw: two, not three.
            assertThat(findings(live, "cluster-01")).extracting(line -> line.substring(0, line.lastIndexOf(" | ")))
                    .containsExactlyElementsOf(findings(offline, "cluster-01").stream()
                            .map(line -> line.substring(0, line.lastIndexOf(" | "))).toList());
            assertThat(findings(live, "cluster-03")).singleElement().asString().startsWith("cluster-unreachable");
            JsonNode gaps = live.get("coverageGaps");
            assertThat(gaps).hasSize(1);
            assertThat(gaps.get(0).get("cluster").asText()).isEqualTo("cluster-02");
            assertThat(gaps.get(0).get("reason").asText()).startsWith("Secret could not be read").contains("403");
        }
    }

    private JsonNode audit(Path name, String... args) throws IOException {
        Path report = temp.resolve(name);
        List<String> all = new ArrayList<>(List.of("audit", "--format", "json", "--output", report.toString()));
        all.addAll(List.of(args));
        if (!all.contains("--lang")) {
            all.addAll(List.of("--lang", "en"));
        }
        assertThat(run(all.toArray(String[]::new))).as(err.toString()).isZero();
        return new ObjectMapper().readTree(report.toFile());
    }

    /** What a reader of the report sees of each finding, in report order. */
    private static List<String> findings(JsonNode report) {
        return findings(report, null);
    }

    private static List<String> findings(JsonNode report, String cluster) {
        List<String> lines = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (cluster == null || cluster.equals(f.get("cluster").asText(null))) {
                lines.add(String.join(" | ", f.get("check").asText(), f.get("severity").asText(),
                        f.get("cluster").asText(null), f.get("namespace").asText(null), f.get("kind").asText(null),
                        f.get("name").asText(null), f.get("message").asText()));
            }
        }
        return lines;
    }

    private int run(String... args) {
        CommandLine cli = PromfleetCommand.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
