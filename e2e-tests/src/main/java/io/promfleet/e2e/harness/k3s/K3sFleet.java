package io.promfleet.e2e.harness.k3s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.tree.TreeReader;
import io.promfleet.e2e.harness.PortAllocator;
import io.promfleet.e2e.harness.local.Binaries;
import io.promfleet.e2e.harness.local.Reaper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A fleet's offline snapshot, loaded into one real Kubernetes control plane per cluster ({@link K3sServer}, or a
 * k3s container: any {@link ApiServer}),
 * with the Prometheus Operator's CRDs installed; handed back as a {@code fleet.yaml} and a kubeconfig with
 * one context per cluster, so that a live audit (or apply, or rollback) reads the same objects the offline
 * audit reads.
 *
 * <p>The written {@code fleet.yaml} keeps each cluster's {@code snapshot} (absolute), so the same file serves
 * the offline and the live audit. Start costs a few seconds per server; the servers start in parallel. Use
 * one fleet per test class.
 *
 * <p>For remediation tests: {@link #api(String)} reaches each server directly, {@link #baseline(String)}
 * lists what the server had before the snapshot was loaded, and {@link #start} takes extra k3s arguments
 * (e.g. the workload controllers back on).
 */
public final class K3sFleet implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetSpec spec;
    private final Map<String, ApiServer> servers;
    private final Map<String, SnapshotLoader.Report> reports;
    private final Map<String, List<String>> baselines;
    private final Path fleetFile;
    private final Path kubeconfig;
    private final Runnable afterServers;

    private K3sFleet(FleetSpec spec, Map<String, ApiServer> servers, Map<String, SnapshotLoader.Report> reports,
                     Map<String, List<String>> baselines, Path fleetFile, Path kubeconfig, Runnable afterServers) {
        this.spec = spec;
        this.servers = servers;
        this.reports = reports;
        this.baselines = baselines;
        this.fleetFile = fleetFile;
        this.kubeconfig = kubeconfig;
        this.afterServers = afterServers;
    }

    /** Empty when k3s and the CRDs were installed by {@code scripts/install-test-binaries.sh}; else why not. */
    public static Optional<String> unavailable(Binaries binaries) {
        Optional<String> k3s = binaries.unavailable("k3s");
        return k3s.isPresent() ? k3s : crdsUnavailable(binaries);
    }

    /** Empty when the install script copied the Prometheus Operator's CRDs (all that k3s containers need of it). */
    public static Optional<String> crdsUnavailable(Binaries binaries) {
        Path status = binaries.toolsDir().resolve("status/crds");
        try {
            String text = Files.exists(status) ? Files.readString(status).strip() : "missing";
            return text.equals("ok") ? Optional.empty()
                    : Optional.of("Prometheus Operator CRDs (" + status + "): " + text + "; run scripts/install-test-binaries.sh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts one server per cluster of {@code sourceFleet} under {@code workDir}, installs the CRDs, loads
     * each cluster's snapshot, and writes {@code workDir/fleet.yaml} and {@code workDir/kubeconfig}.
     */
    public static K3sFleet start(Path sourceFleet, Path workDir, Binaries binaries, List<String> extraK3sArgs) {
        // a previous run's sqlite datastores would still hold its objects
        deleteRecursively(workDir);
        Reaper reaper = new Reaper(workDir.resolve("reaper"));
        PortAllocator ports = new PortAllocator();
        return start(sourceFleet, workDir, binaries.toolsDir().resolve("crds"), cluster -> K3sServer.start(cluster.name(),
                binaries.path("k3s"), workDir.resolve(cluster.name()), ports, reaper, extraK3sArgs,
                Duration.ofSeconds(120)), reaper::close);
    }

    /**
     * As {@link #start(Path, Path, Binaries, List)}, with the servers started by {@code starter} (in parallel,
     * one per cluster): k3s processes, or k3s containers. {@code afterServers} runs when the fleet closes (or
     * fails to start), after every server is closed.
     */
    public static K3sFleet start(Path sourceFleet, Path workDir, Path crdsDir, Function<ClusterSpec, ApiServer> starter,
                                 Runnable afterServers) {
        FleetSpec spec = new FleetFileParser().parse(sourceFleet);
        Map<String, CompletableFuture<ApiServer>> starting = new LinkedHashMap<>();
        for (ClusterSpec cluster : spec.clusters()) {
            starting.put(cluster.name(), CompletableFuture.supplyAsync(() -> starter.apply(cluster)));
        }
        Map<String, ApiServer> servers = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (var e : starting.entrySet()) {
            try {
                servers.put(e.getKey(), e.getValue().join());
            } catch (CompletionException ex) {
                failure = failure == null ? new IllegalStateException("k3s for " + e.getKey() + " did not start: "
                        + ex.getCause().getMessage(), ex.getCause()) : failure;
            }
        }
        if (failure != null) {
            servers.values().forEach(ApiServer::close);
            afterServers.run();
            throw failure;
        }
        try {
            Files.createDirectories(workDir);
            List<ObjectNode> crds = readCrds(crdsDir);
            Map<String, CompletableFuture<List<String>>> baselining = new LinkedHashMap<>();
            Map<String, CompletableFuture<SnapshotLoader.Report>> loading = new LinkedHashMap<>();
            for (ClusterSpec cluster : spec.clusters()) {
                ApiServer server = servers.get(cluster.name());
                baselining.put(cluster.name(), CompletableFuture.supplyAsync(() -> {
                    installCrds(server.api(), crds);
                    return ServerObjects.keys(server.api());
                }));
                loading.put(cluster.name(), baselining.get(cluster.name()).thenApply(baseline ->
                        new SnapshotLoader(server.api()).load(SnapshotLoader.readSnapshot(cluster.snapshot()))));
            }
            Map<String, List<String>> baselines = new LinkedHashMap<>();
            Map<String, SnapshotLoader.Report> reports = new LinkedHashMap<>();
            for (ClusterSpec cluster : spec.clusters()) {
                baselines.put(cluster.name(), baselining.get(cluster.name()).join());
                reports.put(cluster.name(), loading.get(cluster.name()).join());
            }
            Path kubeconfig = workDir.resolve("kubeconfig");
            Path fleetFile = workDir.resolve("fleet.yaml");
            writeKubeconfig(kubeconfig, spec, servers);
            writeFleet(fleetFile, spec);
            return new K3sFleet(spec, servers, reports, baselines, fleetFile, kubeconfig, afterServers);
        } catch (IOException e) {
            servers.values().forEach(ApiServer::close);
            afterServers.run();
            throw new UncheckedIOException("cannot create " + workDir, e);
        } catch (RuntimeException e) {
            servers.values().forEach(ApiServer::close);
            afterServers.run();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static List<ObjectNode> readCrds(Path dir) {
        TreeReader reader = new TreeReader();
        List<ObjectNode> crds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".yaml")).sorted().toList()) {
                for (Object document : reader.read(file).documents()) {
                    if (document != null && JSON.valueToTree(document) instanceof ObjectNode crd
                            && crd.path("kind").asText().equals("CustomResourceDefinition")) {
                        crds.add(crd);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRDs in " + dir, e);
        }
        if (crds.isEmpty()) {
            throw new IllegalStateException("no CustomResourceDefinition in " + dir);
        }
        return crds;
    }

    /** Creates the CRDs and waits until each is Established, so that its kinds can be created right after. */
    private static void installCrds(KubeApi api, List<ObjectNode> crds) {
        String collection = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
        for (ObjectNode crd : crds) {
            api.create(collection, crd);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (ObjectNode crd : crds) {
            String name = crd.path("metadata").path("name").asText();
            while (!established(api.get(collection + "/" + name))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("CRD " + name + " not Established within 60 s on " + api.server());
                }
                sleep(100);
            }
        }
        api.refreshDiscovery();
    }

    private static boolean established(JsonNode crd) {
        for (JsonNode condition : crd.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Established") && condition.path("status").asText().equals("True")) {
                return true;
            }
        }
        return false;
    }

    private static void writeKubeconfig(Path file, FleetSpec spec, Map<String, ApiServer> servers) {
        ObjectNode config = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Config");
        ArrayNode clusters = config.putArray("clusters");
        ArrayNode users = config.putArray("users");
        ArrayNode contexts = config.putArray("contexts");
        for (ClusterSpec cluster : spec.clusters()) {
            ApiServer server = servers.get(cluster.name());
            String context = contextOf(cluster);
            ObjectNode c = clusters.addObject().put("name", context);
            c.putObject("cluster").put("server", server.api().server().toString())
                    .put("certificate-authority-data", Base64.getEncoder().encodeToString(
                            server.api().caPem().getBytes(StandardCharsets.US_ASCII)));
            users.addObject().put("name", context).putObject("user").put("token", server.api().token());
            contexts.addObject().put("name", context).putObject("context").put("cluster", context).put("user", context);
        }
        config.put("current-context", contextOf(spec.clusters().get(0)));
        write(file, config);
    }

    private static void writeFleet(Path file, FleetSpec spec) {
        ObjectNode fleet = YAML.createObjectNode().put("name", spec.name());
        ArrayNode clusters = fleet.putArray("clusters");
        for (ClusterSpec cluster : spec.clusters()) {
            clusters.addObject().put("name", cluster.name()).put("role", cluster.role().name().toLowerCase(Locale.ROOT))
                    .put("context", contextOf(cluster)).put("snapshot", cluster.snapshot().toAbsolutePath().toString())
                    .put("domain", cluster.domain());
        }
        write(file, fleet);
    }

    private static String contextOf(ClusterSpec cluster) {
        return cluster.context() != null ? cluster.context() : cluster.name();
    }

    private static void write(Path file, JsonNode tree) {
        try {
            Files.writeString(file, YAML.writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public Path fleetFile() {
        return fleetFile;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public List<String> clusters() {
        return List.copyOf(servers.keySet());
    }

    public ApiServer server(String cluster) {
        ApiServer server = servers.get(cluster);
        if (server == null) {
            throw new IllegalArgumentException("no cluster " + cluster + " in fleet " + spec.name());
        }
        return server;
    }

    public KubeApi api(String cluster) {
        return server(cluster).api();
    }

    public SnapshotLoader.Report report(String cluster) {
        return reports.get(cluster);
    }

    /** The keys ({@link SnapshotLoader#key}) of the objects the server had before the snapshot was loaded. */
    public List<String> baseline(String cluster) {
        return baselines.get(cluster);
    }

    /** The snapshot directory of {@code cluster}. */
    public Path snapshot(String cluster) {
        return spec.clusters().stream().filter(c -> c.name().equals(cluster)).findFirst().orElseThrow().snapshot();
    }

    @Override
    public void close() {
        servers.values().parallelStream().forEach(ApiServer::close);
        afterServers.run();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
