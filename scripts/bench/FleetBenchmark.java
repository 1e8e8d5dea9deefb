// Synthetic fleet generator and audit benchmark (issue 8, "Scale"); docs/performance.md has the figures.
//
//   java -Xmx1g -cp "<promfleet lib/*>" scripts/bench/FleetBenchmark.java CLUSTERS PODS json|yaml [DIR]
//   java -Xmx1g -cp "<core test class path>" scripts/bench/FleetBenchmark.java CLUSTERS PODS live [DIR] [CONCURRENCY]
//
// Writes CLUSTERS clusters (cluster-0000 central with Thanos Receive; the rest edges with an agent, and every
// third edge a duplicate full Prometheus with chart rules, an edge Alertmanager and failing pods) of PODS pods
// each, plus PODS/10 Deployments, PODS/10 Services and PODS/20 ConfigMaps, as `kubectl get -o json|yaml` Lists
// (YAML in kubectl's block style); then audits the fleet offline with every built-in check, streaming it as
// `promfleet audit` does, and prints clusters/s, objects/s and heap. `live` instead serves each cluster from a
// Fabric8 mock API server (core's test kit MockFleet, so core's test classes and kubernetes-server-mock must be
// on the class path) and measures the live read (LiveFleetReader) of the fleet through them.
//
// Heap: "peak" is the most heap in use at any moment, sampled every 50 ms (G1 lets garbage pile up towards -Xmx
// before it collects, so with -Xmx1g it says more about G1 than about the audit);
// "held after the audit" is what the report and its fleet summary keep, after a full GC. Run with a small -Xmx
// (e.g. -Xmx256m) to see the bound: the audit then finishes, the in-memory path (-Dbench.whole=true) does not.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.plugin.InspectorRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

public class FleetBenchmark {

    public static void main(String[] args) throws Exception {
        int clusters = Integer.parseInt(args[0]);
        int pods = Integer.parseInt(args[1]);
        String mode = args[2];
        boolean live = mode.equals("live");
        boolean json = !mode.equals("yaml");
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("promfleet-bench");
        long objects;
        if (Boolean.getBoolean("bench.reuse") && Files.exists(dir.resolve("counts.txt"))) {
            // -Dbench.reuse=true: audit the first CLUSTERS clusters of a fleet generated before (PODS must match).
            List<String> counts = Files.readAllLines(dir.resolve("counts.txt"));
            objects = counts.stream().limit(clusters).mapToLong(Long::parseLong).sum();
            List<String> lines = Files.readAllLines(dir.resolve("fleet-all.yaml"));
            Files.write(dir.resolve("fleet.yaml"), lines.subList(0, 2 + 4 * clusters));
            System.out.printf("reusing the first %d clusters of %s: %d objects%n", clusters, dir, objects);
        } else {
            long generating = System.nanoTime();
            objects = generate(dir, clusters, pods, json);
            System.out.printf("generated %d objects in %.1f s%n", objects, (System.nanoTime() - generating) / 1e9);
            if (Boolean.getBoolean("bench.generateOnly")) {
                return;
            }
        }
        if (live) {
            live(dir, clusters, pods, objects, args.length > 4 ? Integer.parseInt(args[4]) : 8);
            return;
        }
        List<Inspector> inspectors = InspectorRegistry.discover(FleetBenchmark.class.getClassLoader()).inspectors();
        FleetSpec spec = new FleetFileParser().parse(dir.resolve("fleet.yaml"));
        System.gc();
        startHeapSampler();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        // -Dbench.whole=true: the engine's in-memory path (every cluster loaded first), for comparison.
        AuditReport report = Boolean.getBoolean("bench.whole")
                ? new AuditEngine(inspectors, Settings.empty()).audit(FleetLoader.load(spec))
                : new AuditEngine(inspectors, Settings.empty()).audit(spec);
        double seconds = (System.nanoTime() - start) / 1e9;
        print(clusters + " clusters x " + pods + " pods (" + mode + ")", objects,
                report.findings().size() + " findings, " + inspectors.size() + " checks", seconds);
        // On a shared machine the wall time measures the neighbours too; the CPU the audit used does less so.
        System.out.printf("CPU used by the audit: %.1f s (all threads of this JVM, JIT and GC included)%n",
                (cpuNanos() - cpu) / 1e9);
        System.gc();
        MemoryUsage held = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("held after the audit (the report and its fleet summary, after a full GC): %d MiB%n",
                held.getUsed() >> 20);
        System.out.println(report.fleet().clusters().size() + " clusters in the report");
    }

    /**
     * The live read: one Fabric8 mock API server per cluster, loaded with its objects (not timed), then the
     * whole fleet read through them with {@code concurrency} clusters at a time, as {@code audit --live} reads.
     */
    static void live(Path dir, int clusters, int pods, long objects, int concurrency) throws Exception {
        Class<?> mockFleet = Class.forName("io.promfleet.core.live.MockFleet");
        long loading = System.nanoTime();
        AutoCloseable servers = (AutoCloseable) mockFleet.getMethod("start", Path.class, Path.class)
                .invoke(null, dir.resolve("fleet.yaml"), dir);
        System.out.printf("loaded %d mock API servers in %.1f s%n", clusters, (System.nanoTime() - loading) / 1e9);
        try (servers) {
            Object factory = mockFleet.getMethod("accessFactory").invoke(servers);
            FleetSpec spec = (FleetSpec) mockFleet.getMethod("spec").invoke(servers);
            Class<?> factoryType = Class.forName("io.promfleet.core.live.KubeAccess$Factory");
            Class<?> progressType = Class.forName("io.promfleet.core.live.LiveProgress");
            Class<?> readerType = Class.forName("io.promfleet.core.live.LiveFleetReader");
            Object reader = readerType.getConstructor(factoryType, int.class, progressType)
                    .newInstance(factory, concurrency, progressType.getField("NONE").get(null));
            Method read = readerType.getMethod("read", FleetSpec.class);
            System.gc();
            startHeapSampler();
            long start = System.nanoTime();
            Object fleet = read.invoke(reader, spec);
            double seconds = (System.nanoTime() - start) / 1e9;
            Object unreachable = fleet.getClass().getMethod("unreachable").invoke(fleet);
            print(clusters + " clusters x " + pods + " pods (live read, concurrency " + concurrency + ")", objects,
                    "unreachable " + unreachable, seconds);
        }
    }

    static void print(String what, long objects, String outcome, double seconds) {
        long peak = PEAK.get();
        int clusters = Integer.parseInt(what.substring(0, what.indexOf(' ')));
        System.out.printf("%s: %d objects, %s, %.1f s, %.1f clusters/s, %.0f objects/s, peak heap %d MiB"
                        + " (max heap %d MiB)%n", what, objects, outcome, seconds, clusters / seconds, objects / seconds,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The most heap in use at any sample since {@link #startHeapSampler}. */
    static final AtomicLong PEAK = new AtomicLong();

    /** Samples the heap in use every 50 ms on a daemon thread: a peak the pools' own peaks would overstate. */
    static void startHeapSampler() {
        PEAK.set(0);
        Thread sampler = new Thread(() -> {
            while (true) {
                PEAK.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static long generate(Path dir, int clusters, int pods, boolean json) throws IOException {
        Files.createDirectories(dir);
        StringBuilder fleet = new StringBuilder("name: synthetic\nclusters:\n");
        StringBuilder counts = new StringBuilder();
        long objects = 0;
        for (int c = 0; c < clusters; c++) {
            String name = String.format("cluster-%04d", c);
            boolean central = c == 0;
            fleet.append("  - name: ").append(name).append("\n    role: ").append(central ? "central" : "edge")
                    .append("\n    context: ").append(name).append("\n    snapshot: ").append(name).append('\n');
            Path cdir = Files.createDirectories(dir.resolve(name));
            String ext = json ? ".json" : ".yaml";
            try (BufferedWriter out = Files.newBufferedWriter(cdir.resolve("objects" + ext))) {
                Lister list = new Lister(out, json);
                for (int i = 0; i < pods; i++) {
                    boolean failed = c % 3 == 1 && i % 500 == 7;
                    list.add("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"app-" + i
                            + "\",\"namespace\":\"ns-" + (i % 20) + "\",\"labels\":{\"app\":\"app-" + (i / 10)
                            + "\"}},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.25\","
                            + "\"resources\":{\"requests\":{\"memory\":\"64Mi\",\"cpu\":\"50m\"}}}]},"
                            + "\"status\":{\"phase\":\"Running\",\"containerStatuses\":[{\"name\":\"app\",\"ready\":"
                            + !failed + ",\"restartCount\":" + (failed ? 12 : 0) + ",\"state\":"
                            + (failed ? "{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}" : "{\"running\":{}}") + "}]}}");
                }
                for (int i = 0; i < pods / 10; i++) {
                    list.add("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"app-" + i
                            + "\",\"namespace\":\"ns-" + (i % 20) + "\"},\"spec\":{\"replicas\":10,\"selector\":"
                            + "{\"matchLabels\":{\"app\":\"app-" + i + "\"}},\"template\":{\"metadata\":{\"labels\":"
                            + "{\"app\":\"app-" + i + "\"}},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":"
                            + "\"nginx:1.25\",\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"}]}]}}}}");
                    list.add("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"app-" + i
                            + "\",\"namespace\":\"ns-" + (i % 20) + "\"},\"spec\":{\"type\":\"ClusterIP\",\"selector\":"
                            + "{\"app\":\"app-" + i + "\"},\"ports\":[{\"port\":80,\"targetPort\":8080}]}}");
                }
                for (int i = 0; i < pods / 20; i++) {
                    list.add("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg-" + i
                            + "\",\"namespace\":\"ns-" + (i % 20) + "\"},\"data\":{\"app.properties\":\"level=info\\nport=8080\\n\"}}");
                }
                if (central) {
                    list.add("{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"thanos-receive\","
                            + "\"namespace\":\"monitoring\"},\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":"
                            + "\"receive\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"receive\"}},\"spec\":"
                            + "{\"containers\":[{\"name\":\"receive\",\"image\":\"quay.io/thanos/thanos:v0.34.0\",\"args\":"
                            + "[\"receive\",\"--remote-write.address=0.0.0.0:19291\",\"--objstore.config-file=/etc/o.yml\"]}]}}}}");
                    list.add("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"thanos-receive\","
                            + "\"namespace\":\"monitoring\"},\"spec\":{\"type\":\"LoadBalancer\",\"selector\":{\"app\":"
                            + "\"receive\"},\"ports\":[{\"port\":19291,\"targetPort\":19291}]},\"status\":{\"loadBalancer\":"
                            + "{\"ingress\":[{\"ip\":\"10.0.0.10\"}]}}}");
                } else {
                    list.add("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"prometheus-agent-config\","
                            + "\"namespace\":\"monitoring\"},\"data\":{\"prometheus.yml\":\"global:\\n  scrape_interval: 30s\\n"
                            + "  external_labels:\\n    cluster: " + name + "\\nremote_write:\\n  - url: https://10.0.0.10:19291/api/v1/receive\\n\"}}");
                    list.add("{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"prometheus-agent\","
                            + "\"namespace\":\"monitoring\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":"
                            + "\"agent\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"agent\"}},\"spec\":{\"containers\":"
                            + "[{\"name\":\"prometheus\",\"image\":\"quay.io/prometheus/prometheus:v2.53.0\",\"args\":"
                            + "[\"--enable-feature=agent\",\"--config.file=/etc/prometheus/prometheus.yml\"],\"resources\":"
                            + "{\"requests\":{\"memory\":\"200Mi\"},\"limits\":{\"memory\":\"400Mi\"}},\"volumeMounts\":"
                            + "[{\"name\":\"config\",\"mountPath\":\"/etc/prometheus\"}]}],\"volumes\":[{\"name\":\"config\","
                            + "\"configMap\":{\"name\":\"prometheus-agent-config\"}}]}}}}");
                    if (c % 3 == 1) {
                        list.add("{\"apiVersion\":\"monitoring.coreos.com/v1\",\"kind\":\"Prometheus\",\"metadata\":{\"name\":"
                                + "\"kps-prometheus\",\"namespace\":\"monitoring\"},\"spec\":{\"replicas\":1,\"retention\":\"15d\","
                                + "\"resources\":{\"requests\":{\"memory\":\"2Gi\"}},\"ruleSelector\":{\"matchLabels\":{\"release\":"
                                + "\"kps\"}},\"ruleNamespaceSelector\":{}}}");
                        list.add("{\"apiVersion\":\"monitoring.coreos.com/v1\",\"kind\":\"Alertmanager\",\"metadata\":{\"name\":"
                                + "\"kps-alertmanager\",\"namespace\":\"monitoring\"},\"spec\":{\"replicas\":1}}");
                        list.add("{\"apiVersion\":\"monitoring.coreos.com/v1\",\"kind\":\"PrometheusRule\",\"metadata\":{\"name\":"
                                + "\"kps-node\",\"namespace\":\"monitoring\",\"labels\":{\"release\":\"kps\"}},\"spec\":{\"groups\":"
                                + "[{\"name\":\"node\",\"rules\":[{\"alert\":\"NodeDown\",\"expr\":\"up == 0\"},{\"record\":"
                                + "\"node:cpu\",\"expr\":\"sum(rate(x[5m]))\"}]}]}}");
                    }
                }
                long count = list.close();
                objects += count;
                counts.append(count).append('\n');
            }
        }
        Files.writeString(dir.resolve("fleet.yaml"), fleet);
        Files.writeString(dir.resolve("fleet-all.yaml"), fleet);
        Files.writeString(dir.resolve("counts.txt"), counts);
        return objects;
    }

    /**
     * Writes a {@code kind: List}: JSON as is; YAML the way {@code kubectl get -o yaml} writes it, block style,
     * one {@code - } item per object with its fields indented below.
     */
    static final class Lister {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
        private final BufferedWriter out;
        private final boolean json;
        private long count;

        Lister(BufferedWriter out, boolean json) throws IOException {
            this.out = out;
            this.json = json;
            out.write(json ? "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n" : "apiVersion: v1\nkind: List\nitems:\n");
        }

        void add(String object) throws IOException {
            if (json) {
                out.write(count == 0 ? "" : ",\n");
                out.write(object);
            } else {
                JsonNode tree = JSON.readTree(object);
                String[] lines = YAML.writeValueAsString(tree).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    out.write(i == 0 ? "- " : "  ");
                    out.write(lines[i]);
                    out.write('\n');
                }
            }
            count++;
        }

        long close() throws IOException {
            out.write(json ? "\n]}\n" : "");
            return count;
        }
    }
}
