package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.QueueConfig;
import io.promfleet.api.topology.RemoteWriteTarget;
import io.promfleet.inspectors.support.Sizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code queue-config}: remote_write queue settings of an edge Prometheus that cannot keep up or waste
 * memory. Three rules, each with the arithmetic in the evidence:
 *
 * <ul>
 *   <li>{@code capacity} below {@code max_samples_per_send}: a shard never fills a batch, so it sends only
 *       on {@code batch_send_deadline}, in small batches (Prometheus' tuning guide recommends a capacity of
 *       3–10 × {@code max_samples_per_send});
 *   <li>{@code max_shards × max_samples_per_send} per send round cannot carry the estimated sample rate,
 *       assuming one send takes 100 ms — the assumption Prometheus' own defaults are sized on ("with a
 *       maximum of 50 shards, assuming an average of 100ms remote write time and 2000 samples per batch,
 *       we will be able to push 1M samples/s", {@code config/config.go});
 *   <li>the queue can hold {@code max_shards × capacity} samples, more memory than the container's limit.
 * </ul>
 *
 * <p>Unset fields take Prometheus' defaults for the agent's version: since v2.44 (prometheus#12203)
 * capacity 10000, max_shards 50, max_samples_per_send 2000; before it 2500, 200, 500. An unknown version
 * takes the newer defaults.
 *
 * <p>The sample rate is the setting {@code queue-config.samples-per-second.<cluster>} when measured, else
 * estimated as pods × {@code queue-config.series-per-target} (default 1000) / scrape interval.
 */
public final class QueueConfigInspector implements BundledInspector {

    static final String MEASURED_RATE = "queue-config.samples-per-second.";
    static final String SERIES_PER_TARGET = "queue-config.series-per-target";
    static final String BYTES_PER_SAMPLE = "queue-config.bytes-per-sample";

    /** The time one remote-write request is assumed to take, as Prometheus sizes its own defaults. */
    static final double SEND_SECONDS = 0.1;

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

    /** The queue defaults of one Prometheus version range. */
    record Defaults(String since, int capacity, int maxShards, int maxSamplesPerSend) {
        static final Defaults V2_44 = new Defaults("v2.44", 10_000, 50, 2_000);
        static final Defaults BEFORE_V2_44 = new Defaults("v2.x before v2.44", 2_500, 200, 500);

        static Defaults of(Optional<int[]> version) {
            return version.filter(v -> v[0] == 2 && v[1] < 44).map(v -> BEFORE_V2_44).orElse(V2_44);
        }
    }

    @Override
    public String id() {
        return "queue-config";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    /** Medium: samples are delayed, dropped or the agent is OOM-killed under load; not a total loss. */
    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public void inspect(InspectionContext context) {
        Settings settings = context.settings();
        EdgeRemoteWrites.forEach(context, entry -> {
            Cluster edge = entry.edge();
            PrometheusInstance prometheus = entry.prometheus();
            Optional<int[]> version = version(edge, prometheus);
            Defaults defaults = Defaults.of(version);
            QueueConfig q = entry.target().queue();
            int capacity = q.capacity() != null ? q.capacity() : defaults.capacity();
            int maxShards = q.maxShards() != null ? q.maxShards() : defaults.maxShards();
            int perSend = q.maxSamplesPerSend() != null ? q.maxSamplesPerSend() : defaults.maxSamplesPerSend();

            Texts t = Texts.of(context);
            List<String> problems = new ArrayList<>();
            if (capacity < perSend) {
                problems.add(t.get("qc.capacity", capacity, perSend));
            }
            double throughput = maxShards * (double) perSend / SEND_SECONDS;
            Rate rate = rate(settings, edge, prometheus);
            if (rate != null && rate.perSecond() > throughput) {
                problems.add(t.get("qc.throughput", maxShards, perSend, Math.round(throughput),
                        t.get(rate.measured() ? "qc.rate.measured" : "qc.rate.estimated"), Math.round(rate.perSecond())));
            }
            double bytesPerSample = settings.getDouble(BYTES_PER_SAMPLE, 150);
            long queueBytes = (long) (maxShards * (double) capacity * bytesPerSample);
            long limit = prometheus.resources().memoryLimitBytes();
            if (limit > 0 && queueBytes > limit) {
                problems.add(t.get("qc.memory", maxShards, capacity, Math.round(bytesPerSample), Sizes.bytes(queueBytes),
                        Sizes.bytes(limit)));
            }
            if (problems.isEmpty()) {
                return;
            }
            context.report(entry.finding(context)
                    .message(t.get("qc.message", prometheus.workload(), edge.name(), entry.target().url(),
                            String.join("; ", problems)))
                    .remediation(remediation(t, entry.target(), capacity, perSend, rate, limit, bytesPerSample))
                    .evidence("capacity", capacity + (q.capacity() == null ? " (default)" : ""))
                    .evidence("maxShards", maxShards + (q.maxShards() == null ? " (default)" : ""))
                    .evidence("maxSamplesPerSend", perSend + (q.maxSamplesPerSend() == null ? " (default)" : ""))
                    .evidence("prometheusVersion", version.map(v -> v[0] + "." + v[1]).orElse("unknown"))
                    .evidence("defaultsOf", defaults.since())
                    .evidence("throughputPerSecond", Math.round(throughput))
                    .evidence("sampleRatePerSecond", rate == null ? null : Math.round(rate.perSecond()) + " (" + rate.how() + ")")
                    .evidence("queueMemory", Sizes.bytes(queueBytes))
                    .evidence("memoryLimit", limit > 0 ? Sizes.bytes(limit) : null)
                    .build());
        });
    }

    /** A sample rate, measured or estimated; {@code how} is its arithmetic for the evidence. */
    record Rate(double perSecond, boolean measured, String how) {}

    private static Rate rate(Settings settings, Cluster edge, PrometheusInstance prometheus) {
        Optional<String> measured = settings.get(MEASURED_RATE + edge.name());
        if (measured.isPresent()) {
            return new Rate(settings.getDouble(MEASURED_RATE + edge.name(), 0), true, "measured");
        }
        Duration interval = prometheus.config().scrapeInterval();
        long pods = edge.objectsOfKind("Pod").count();
        if (interval == null || interval.isZero() || pods == 0) {
            return null;
        }
        double series = settings.getDouble(SERIES_PER_TARGET, 1000);
        double perSecond = pods * series / (interval.toMillis() / 1000.0);
        return new Rate(perSecond, false, "estimated: " + pods + " pods × " + Math.round(series) + " series / "
                + interval.toSeconds() + "s");
    }

    /** The Prometheus version from its image tag or the operator resource's {@code spec.version}. */
    static Optional<int[]> version(Cluster cluster, PrometheusInstance prometheus) {
        var w = prometheus.workload();
        Optional<KubeObject> object = cluster.object(w.kind(), w.namespace(), w.name());
        if (object.isEmpty()) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        object.get().at("spec", "version").text().ifPresent(candidates::add);
        object.get().at("spec", "image").text().ifPresent(candidates::add);
        for (Node container : object.get().at("spec", "template", "spec", "containers").elements()) {
            String image = container.get("image").text("");
            if (image.contains("prometheus/prometheus") || container.get("name").text("").equals("prometheus")) {
                candidates.add(image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "");
            }
        }
        for (String candidate : candidates) {
            Matcher m = VERSION.matcher(candidate);
            if (m.lookingAt()) {
                return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
            }
        }
        return Optional.empty();
    }

    private static String remediation(Texts t, RemoteWriteTarget target, int capacity, int perSend, Rate rate, long limit,
            double bytesPerSample) {
        return t.get("qc.remediation", target.location(), Math.max(capacity, perSend * 3),
                rate == null ? "" : t.get("qc.remediation.rate", Math.round(rate.perSecond() * SEND_SECONDS)),
                limit > 0 ? t.get("qc.remediation.limit", Math.round(bytesPerSample), Sizes.bytes(limit)) : "");
    }
}
