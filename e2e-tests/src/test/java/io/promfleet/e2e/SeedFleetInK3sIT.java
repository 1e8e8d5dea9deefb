package io.promfleet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.promfleet.api.model.KubeObject;
import io.promfleet.core.Promfleet;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.live.KubeconfigAccessFactory;
import io.promfleet.core.live.LiveFleet;
import io.promfleet.core.live.LiveFleetReader;
import io.promfleet.core.live.LiveProgress;
import io.promfleet.core.snapshot.SnapshotReader;
import io.promfleet.e2e.harness.k3s.K3sFleet;
import io.promfleet.e2e.harness.k3s.KubeApi;
import io.promfleet.e2e.harness.k3s.ServerObjects;
import io.promfleet.e2e.harness.k3s.SnapshotLoader;
import io.promfleet.e2e.harness.local.Binaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed fleet (examples/seed-fleet) loaded into four real k3s control planes, one per cluster.
 * Skips, saying why, when scripts/install-test-binaries.sh could not build k3s or copy the CRDs.
 * Remediation tests (server-side dry-run, garbage collection, apply/rollback) belong beside these, on a
 * fleet of their own: {@code K3sFleet.start(..., extraK3sArgs)} can turn the workload controllers back on.
 */
class SeedFleetInK3sIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static K3sFleet fleet;
    private static String skipReason;

    @BeforeAll
    static void startFleet() {
        Binaries binaries = Binaries.locate();
        Optional<String> why = K3sFleet.unavailable(binaries);
        if (why.isPresent()) {
            skipReason = why.get();
            return;
        }
        Path root = Path.of(System.getProperty("promfleet.root", "..")).toAbsolutePath();
        Path work = Path.of(System.getProperty("promfleet.e2e.workDir", "target/e2e")).toAbsolutePath()
                .resolve("k3s-seed-fleet");
        fleet = K3sFleet.start(root.resolve("examples/seed-fleet/fleet.yaml"), work, binaries, List.of());
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private static void assumeFleet() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @Test
    void theFourClustersLoadWithoutFailureAndTheKubeconfigReachesEach() throws Exception {
        assumeFleet();
        assertEquals(List.of("cluster-01", "cluster-02", "cluster-03", "cluster-04"), fleet.clusters());
        JsonNode kubeconfig = YAML.readTree(fleet.kubeconfig().toFile());
        JsonNode fleetFile = YAML.readTree(fleet.fleetFile().toFile());
        for (String cluster : fleet.clusters()) {
            SnapshotLoader.Report report = fleet.report(cluster);
            assertTrue(report.failures().isEmpty(), cluster + ": " + report);
            assertTrue(report.created() > 0, cluster + ": " + report);

            String context = contextOf(fleetFile, cluster);
            JsonNode server = byName(kubeconfig.path("clusters"), context).path("cluster");
            JsonNode user = byName(kubeconfig.path("users"), context).path("user");
            KubeApi api = new KubeApi(java.net.URI.create(server.path("server").asText()), user.path("token").asText(),
                    new String(Base64.getDecoder().decode(server.path("certificate-authority-data").asText()),
                            StandardCharsets.US_ASCII));
            assertEquals("1", api.get("/version").path("major").asText(), cluster);
        }
    }

    @Test
    void everyObjectOfTheReadKindsRoundTripsCountedPerKind() {
        assumeFleet();
        for (String cluster : fleet.clusters()) {
            Map<String, List<String>> expected = byKind(SnapshotLoader.readSnapshot(fleet.snapshot(cluster)).stream()
                    .filter(o -> ServerObjects.READ_KINDS.containsKey(o.path("kind").asText()))
                    .map(SnapshotLoader::key).toList());
            Set<String> serversOwn = fleet.baseline(cluster).stream()
                    .filter(key -> !expected.getOrDefault(kindOf(key), List.of()).contains(key)).collect(Collectors.toSet());
            Map<String, List<String>> actual = byKind(ServerObjects.keys(fleet.api(cluster)).stream()
                    .filter(key -> !serversOwn.contains(key)).toList());
            assertEquals(counts(expected), counts(actual), cluster + " (the server's own objects " + serversOwn + ")");
            assertEquals(expected, actual, cluster);
        }
    }

    @Test
    void theExportReadsBackLikeTheSnapshot() {
        assumeFleet();
        SnapshotReader reader = new SnapshotReader();
        for (String cluster : fleet.clusters()) {
            Path export = Path.of(System.getProperty("promfleet.e2e.workDir", "target/e2e")).toAbsolutePath()
                    .resolve("k3s-seed-fleet/export").resolve(cluster);
            ServerObjects.export(fleet.api(cluster), export);
            Set<String> baseline = Set.copyOf(fleet.baseline(cluster));
            Map<String, Long> snapshot = reader.read(fleet.snapshot(cluster)).stream()
                    .collect(Collectors.groupingBy(KubeObject::kind, TreeMap::new, Collectors.counting()));
            Set<String> snapshotKeys = reader.read(fleet.snapshot(cluster)).stream().map(SeedFleetInK3sIT::key)
                    .collect(Collectors.toSet());
            Map<String, Long> exported = reader.read(export).stream()
                    .filter(o -> !baseline.contains(key(o)) || snapshotKeys.contains(key(o)))
                    .collect(Collectors.groupingBy(KubeObject::kind, TreeMap::new, Collectors.counting()));
            assertEquals(snapshot, exported, cluster);
        }
    }

    @Test
    void aFailedPodKeepsItsStatus() {
        assumeFleet();
        List<String> checked = new ArrayList<>();
        for (String cluster : fleet.clusters()) {
            for (ObjectNode pod : SnapshotLoader.readSnapshot(fleet.snapshot(cluster))) {
                if (!pod.path("kind").asText().equals("Pod") || failureReasons(pod).isEmpty()) {
                    continue;
                }
                String path = "/api/v1/namespaces/" + pod.path("metadata").path("namespace").asText() + "/pods/"
                        + pod.path("metadata").path("name").asText();
                JsonNode live = fleet.api(cluster).get(path);
                assertEquals(pod.path("status").path("phase").asText(), live.path("status").path("phase").asText(), path);
                assertEquals(failureReasons(pod), failureReasons(live), cluster + " " + path);
                checked.add(cluster + " " + path + " " + failureReasons(pod));
            }
        }
        // the seed fleet has at least the Grafana Helm test pod in Error (design.md, problem 2)
        assertFalse(checked.isEmpty(), "no failed Pod in the seed fleet to check");
        assertTrue(checked.stream().anyMatch(c -> c.contains("Error")), checked.toString());
    }

    @Test
    void liveAuditEqualsOfflineAudit() {
        assumeFleet();
        // The written fleet.yaml keeps the seed's snapshots, so one file drives both audits.
        try (Promfleet promfleet = Promfleet.builder().build()) {
            AuditReport offline = promfleet.audit(fleet.fleetFile());
            LiveFleet live = new LiveFleetReader(new KubeconfigAccessFactory(List.of(fleet.kubeconfig()),
                    KubeconfigAccessFactory.DEFAULT_CONNECT_TIMEOUT, KubeconfigAccessFactory.DEFAULT_REQUEST_TIMEOUT),
                    LiveFleetReader.DEFAULT_CONCURRENCY, LiveProgress.NONE)
                    .read(new FleetFileParser().parse(fleet.fleetFile()));
            AuditReport onK3s = promfleet.audit(live);
            assertEquals(findings(offline), findings(onK3s));
            assertFalse(offline.findings().isEmpty(), "the seed fleet has findings");
            assertEquals(offline.findings().size(), onK3s.findings().size());
        }
    }

    private static List<String> findings(AuditReport report) {
        return report.findings().stream().map(f -> String.join(" ", f.check(), f.severity().toString(),
                String.valueOf(f.cluster()), String.valueOf(f.namespace()), String.valueOf(f.kind()),
                String.valueOf(f.name()), f.message())).sorted().toList();
    }

    /** Container states that make a Pod count as failed: waiting/terminated reasons, per container. */
    private static List<String> failureReasons(JsonNode pod) {
        List<String> reasons = new ArrayList<>();
        for (String field : List.of("initContainerStatuses", "containerStatuses")) {
            for (JsonNode status : pod.path("status").path(field)) {
                for (String state : List.of("waiting", "terminated")) {
                    String reason = status.path("state").path(state).path("reason").asText("");
                    if (reason.matches("Error|CrashLoopBackOff|ImagePullBackOff|ErrImagePull|OOMKilled")) {
                        reasons.add(status.path("name").asText() + ":" + state + ":" + reason);
                    }
                }
            }
        }
        if (pod.path("status").path("phase").asText().equals("Failed")) {
            reasons.add("phase:Failed");
        }
        return reasons;
    }

    private static String key(KubeObject o) {
        return o.kind() + " " + (o.namespace() == null || o.namespace().isEmpty() ? "" : o.namespace() + "/") + o.name();
    }

    private static String kindOf(String key) {
        return key.substring(0, key.indexOf(' '));
    }

    private static Map<String, List<String>> byKind(List<String> keys) {
        return keys.stream().sorted().collect(Collectors.groupingBy(SeedFleetInK3sIT::kindOf, TreeMap::new, Collectors.toList()));
    }

    private static Map<String, Integer> counts(Map<String, List<String>> byKind) {
        return byKind.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(),
                (a, b) -> a, TreeMap::new));
    }

    private static String contextOf(JsonNode fleetFile, String cluster) {
        for (JsonNode c : fleetFile.path("clusters")) {
            if (c.path("name").asText().equals(cluster)) {
                return c.path("context").asText();
            }
        }
        throw new AssertionError("no cluster " + cluster + " in " + fleet.fleetFile());
    }

    private static JsonNode byName(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }
}
