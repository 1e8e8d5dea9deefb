package io.promfleet.e2e;

import static io.promfleet.e2e.Samples.DEADLINE;
import static io.promfleet.e2e.Samples.assertEveryScrapeStored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.promfleet.api.Finding;
import io.promfleet.api.topology.RemoteWriteTarget;
import io.promfleet.core.Promfleet;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.audit.CheckInfo;
import io.promfleet.e2e.harness.EdgeAgent;
import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineExtension;
import io.promfleet.e2e.harness.PipelineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit meets the pipeline (issue 4, test 6): the audit's model of a fleet against a fleet that really
 * runs. Two real agents write over https (a CA made for the run, trusted through {@code tls_config.ca_file})
 * to the proxy, which relays to real Thanos Receive; {@link PipelineSnapshot} writes that running topology
 * as an offline snapshot, with each agent's configuration file as it is on disk.
 *
 * <ol>
 *   <li>The snapshot of the working pipeline audits clean with every built-in check: no check takes a
 *       working pipeline for a broken one.
 *   <li>The seed fleet's broken URL, written into one agent's configuration, really stops that agent's
 *       samples (they are retried and pile up, nothing new is stored, the other agent is unaffected) and the
 *       audit of the regenerated snapshot names exactly that: the host is unresolvable from the edge, and
 *       the URL is no Receive endpoint of the central.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditMeetsPipelineIT {

    /** The URL every edge of the seed fleet (examples/seed-fleet) remote-wrote to. */
    static final String SEED_BROKEN_URL = "http://thanos-receiver.monitoring.svc.cluster-01.local:19291/api/v1/receive";

    @RegisterExtension
    static final PipelineExtension PIPELINE = PipelineExtension.of(PipelineSpec.edges(2).withTls());

    @Test
    @Order(1)
    void aSnapshotOfTheRunningPipelineAuditsClean(Pipeline pipeline) {
        // the snapshot must describe a pipeline that works: every edge's samples arrive, over https
        for (EdgeAgent edge : pipeline.edges()) {
            assertThat(pipeline.proxyUrl().getScheme()).isEqualTo("https");
            assertThat(config(edge)).contains("  - url: " + writeUrl(pipeline) + "\n")
                    .contains("ca_file: " + pipeline.proxyCertificates().orElseThrow().ca());
            await(edge.cluster() + " stores through the proxy").atMost(DEADLINE).ignoreExceptions()
                    .until(() -> Samples.maxStored(pipeline.query(), edge.cluster()) > 3);
            assertEveryScrapeStored(pipeline, edge);
        }

        AuditReport report = audit(PipelineSnapshot.write(pipeline, snapshotDir("clean")));

        // "no findings" means something only if the audit saw what runs: each edge's agent, its URL and label
        for (EdgeAgent edge : pipeline.edges()) {
            var agents = report.fleet().cluster(edge.cluster()).orElseThrow().topology().agents();
            assertThat(agents).as("agents the audit found on %s", edge.cluster()).singleElement().satisfies(a -> {
                assertThat(a.config().remoteWrites()).extracting(RemoteWriteTarget::url).containsExactly(writeUrl(pipeline));
                assertThat(a.config().externalLabels()).containsEntry("cluster", edge.cluster());
            });
        }
        assertThat(report.checks().stream().map(CheckInfo::id)).as("the built-in checks ran")
                .contains("agent-missing", "remote-write-missing", "remote-write-unresolvable",
                        "remote-write-target-unknown", "remote-write-insecure", "external-labels-missing",
                        "queue-config", "plaintext-credentials", "receive-missing", "receive-not-exposed",
                        "receive-objstore-missing", "pod-failed");
        assertThat(report.findings()).as("findings on the running pipeline's snapshot:\n%s", describe(report))
                .isEmpty();
    }

    @Test
    @Order(2)
    void theSeedFleetsBrokenUrlFailsOnTheAgentAndInTheAudit(Pipeline pipeline) throws Exception {
        EdgeAgent broken = pipeline.edge("edge-1");
        EdgeAgent healthy = pipeline.edge("edge-2");
        Path configFile = broken.configFile().orElseThrow();
        String original = Files.readString(configFile);
        String goodUrlLine = "  - url: " + writeUrl(pipeline) + "\n";
        assertThat(original).contains(goodUrlLine);

        // the restore runs however the test ends, without hiding why it failed (try-with-resources suppresses)
        AutoCloseable restore = () -> {
            Files.writeString(configFile, original);
            broken.reload();
        };
        try (RefusingForwardProxy standIn = RefusingForwardProxy.start(); restore) {
            // No traffic may leave 127.0.0.1, not even a DNS query for the seed's host name. With proxy_url,
            // Prometheus' HTTP client (Go's net/http Transport, Proxy = the proxy_url) opens its TCP
            // connection to the proxy only: connectMethod.addr() is the proxy's address whenever a proxy is
            // set, and an http:// target is sent to it in absolute form ("POST http://host:19291/... HTTP/1.1")
            // for the proxy to resolve. So the agent never resolves thanos-receiver...cluster-01.local; the
            // stand-in answers 502, as a proxy that cannot resolve it would. The request line it records
            // shows the agent went through it.
            Files.writeString(configFile, original.replace(goodUrlLine,
                "  - url: " + SEED_BROKEN_URL + "\n    proxy_url: " + standIn.url() + "\n"));
            broken.reload();
            await("edge-1 sends to the seed's URL, through the stand-in proxy").atMost(DEADLINE)
                    .until(() -> standIn.requestLines().contains("POST " + SEED_BROKEN_URL + " HTTP/1.1"));

            // Failed sends: Prometheus retries what a 5xx (or a refused connection) refused, so the
            // samples count as retried, not failed, and pile up as pending while nothing is stored.
            long storedAtBreak = Samples.maxStored(pipeline.query(), broken.cluster());
            long scrapedAtBreak = pipeline.target().served(broken.cluster());
            double retriedAtBreak = brokenQueue(broken, "prometheus_remote_storage_samples_retried_total");
            await("edge-1 retries the samples the seed's URL refuses").atMost(DEADLINE).ignoreExceptions()
                    .until(() -> brokenQueue(broken, "prometheus_remote_storage_samples_retried_total") > retriedAtBreak
                            && brokenQueue(broken, "prometheus_remote_storage_samples_pending") > 0
                            && pipeline.target().served(broken.cluster()) >= scrapedAtBreak + 5);
            assertThat(Samples.maxStored(pipeline.query(), broken.cluster()))
                    .as("edge-1 scraped at least 5 more times, none of it stored").isEqualTo(storedAtBreak);
            assertThat(standIn.requestLines()).as("every request went to the seed's host through the stand-in")
                    .allMatch(line -> line.equals("POST " + SEED_BROKEN_URL + " HTTP/1.1"));
            assertEveryScrapeStored(pipeline, healthy);

            AuditReport report = audit(PipelineSnapshot.write(pipeline, snapshotDir("broken")));

            assertThat(report.findings()).as("findings:\n%s", describe(report))
                    .allSatisfy(f -> assertThat(f.cluster()).isEqualTo(broken.cluster()));
            Map<String, Finding> byCheck = report.findings().stream()
                    .collect(Collectors.toMap(Finding::check, f -> f));
            // exactly what is true of edge-1 now: its host is another cluster's Service name it cannot
            // resolve, no Service of the central has that name, and it is plain http across clusters
            assertThat(byCheck.keySet()).as("findings:\n%s", describe(report)).containsExactlyInAnyOrder(
                    "remote-write-unresolvable", "remote-write-target-unknown", "remote-write-insecure");
            for (Finding f : byCheck.values()) {
                assertThat(f.kind() + "/" + f.namespace() + "/" + f.name())
                        .isEqualTo("ConfigMap/" + PipelineSnapshot.NAMESPACE + "/" + PipelineSnapshot.AGENT_CONFIG_MAP);
                assertThat(f.evidence()).containsEntry("url", SEED_BROKEN_URL);
            }
            assertThat(byCheck.get("remote-write-unresolvable").evidence())
                    .containsEntry("host", "thanos-receiver.monitoring.svc.cluster-01.local");
            assertThat(byCheck.get("remote-write-target-unknown").evidence().get("receiveEndpoints"))
                    .as("the endpoint the agents really reach is what the central exposes")
                    .contains("127.0.0.1:" + pipeline.proxyUrl().getPort());
        }
        // restored: edge-1's new samples arrive again (those scraped while broken stay lost, as in the seed)
        long scrapedAtRestore = pipeline.target().served(broken.cluster());
        await("edge-1 stores again after the restore").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> Samples.maxStored(pipeline.query(), broken.cluster()) > scrapedAtRestore);
    }

    private static AuditReport audit(Path fleet) {
        try (Promfleet promfleet = Promfleet.builder().build()) {
            AuditReport report = promfleet.audit(fleet);
            System.out.println("audit of " + fleet + ":\n" + describe(report));
            return report;
        }
    }

    /** Kept after the run, beside the pipeline's logs, to read what was audited. */
    private static Path snapshotDir(String name) {
        return Path.of(System.getProperty("promfleet.e2e.workDir", "target/e2e")).toAbsolutePath()
                .resolve("AuditMeetsPipelineIT-snapshots-" + System.currentTimeMillis()).resolve(name);
    }

    private static String writeUrl(Pipeline pipeline) {
        return pipeline.proxyUrl().resolve("/api/v1/receive").toString();
    }

    private static String config(EdgeAgent edge) {
        try {
            return Files.readString(edge.configFile().orElseThrow());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The agent's remote-write metric {@code name} for the queue sending to the seed's URL. */
    private static double brokenQueue(EdgeAgent edge, String name) {
        return edge.metrics().sum(name, Map.of("url", SEED_BROKEN_URL));
    }

    private static String describe(AuditReport report) {
        List<String> lines = report.findings().stream().map(f -> "  " + f.check() + " " + f.severity() + " "
                + f.cluster() + " " + f.kind() + "/" + f.namespace() + "/" + f.name() + ": " + f.message()).toList();
        return String.join("\n", lines) + "\ncoverage gaps: " + report.coverageGaps();
    }
}
