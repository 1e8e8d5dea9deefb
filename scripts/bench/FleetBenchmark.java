// Synthetic fleet generator and offline-audit benchmark (issue 8, "Scale").
//
//   java -Xmx1g -cp "<promfleet lib/*>" scripts/bench/FleetBenchmark.java CLUSTERS PODS json|yaml [DIR]
//
// Writes CLUSTERS clusters (cluster-0000 central with Thanos Receive; the rest edges with an agent, and every
// third edge a duplicate full Prometheus with chart rules, an edge Alertmanager and failing pods) of PODS pods
// each, plus PODS/10 Deployments, PODS/10 Services and PODS/20 ConfigMaps, as `kubectl get -o json|yaml` Lists;
// then audits the fleet offline with every built-in check and prints clusters/s, objects/s and peak heap.
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plugin.InspectorRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class FleetBenchmark {

    public static void main(String[] args) throws Exception {
        int clusters = Integer.parseInt(args[0]);
        int pods = Integer.parseInt(args[1]);
        boolean json = args[2].equals("json");
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("promfleet-bench");
        long objects = generate(dir, clusters, pods, json);

        List<Inspector> inspectors = InspectorRegistry.discover(FleetBenchmark.class.getClassLoader()).inspectors();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        AuditReport report = new AuditEngine(inspectors, Settings.empty()).audit(FleetLoader.load(dir.resolve("fleet.yaml")));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%d clusters x %d pods (%s): %d objects, %d findings, %.1f s, %.1f clusters/s, %.0f objects/s,"
                        + " peak heap %d MiB (max %d MiB)%n", clusters, pods, json ? "json" : "yaml", objects,
                report.findings().size(), seconds, clusters / seconds, objects / seconds, peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    static long generate(Path dir, int clusters, int pods, boolean json) throws IOException {
        Files.createDirectories(dir);
        StringBuilder fleet = new StringBuilder("name: synthetic\nclusters:\n");
        long objects = 0;
        for (int c = 0; c < clusters; c++) {
            String name = String.format("cluster-%04d", c);
            boolean central = c == 0;
            fleet.append("  - name: ").append(name).append("\n    role: ").append(central ? "central" : "edge")
                    .append("\n    snapshot: ").append(name).append('\n');
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
                objects += list.close();
            }
        }
        Files.writeString(dir.resolve("fleet.yaml"), fleet);
        return objects;
    }

    /** Writes a {@code kind: List}: JSON as is, YAML as one flow-style item per line (JSON is YAML). */
    static final class Lister {
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
                out.write("- ");
                out.write(object);
                out.write('\n');
            }
            count++;
        }

        long close() throws IOException {
            out.write(json ? "\n]}\n" : "");
            return count;
        }
    }
}
