package io.promfleet.proxy.bench;

import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.support.RemoteWrite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a proxy (in its own JVM, {@link ProxyMain}) over loopback into a fast sink (a Vert.x server in
 * this JVM that answers 200 at once) and prints what it measured. Not a test: figures go into
 * docs/performance.md. Every phase is bounded in time; nothing leaves loopback.
 *
 * <pre>
 * java -cp receiver-proxy/target/test-classes:receiver-proxy/target/classes:$(cat /tmp/cp.txt) \
 *     io.promfleet.proxy.bench.LoadGenerator --senders 8 --seconds 10 --rate 50000 --event-loops 2 --xmx 256m
 * </pre>
 * Phases: (1) latency at a fixed rate, direct to the sink and through the proxy interleaved in one run,
 * compared percentile by percentile, next to the proxy's own time per request from its
 * {@code promfleet_proxy_request_overhead_seconds} histogram (which no client-side scheduling noise
 * reaches); (2) throughput with N closed-loop senders; (3) the largest allowed request (1.0 and 2.0),
 * four at a time, in a proxy capped at {@code --xmx}. {@code --protocol 2.0} sends 2.0 in (1) and (2).
 * {@code --proxy-cpus 0} starts the proxy under {@code taskset -c 0}; run this JVM itself under
 * {@code taskset -c 1} to keep generator and sink off the proxy's core.
 */
public final class LoadGenerator {

    private static final String V1 = "application/x-protobuf";
    private static final String V2 = "application/x-protobuf;proto=io.prometheus.write.v2.Request";

    private final Map<String, String> opts = new TreeMap<>(Map.of("--senders", "8", "--seconds", "10",
            "--rate", "50000", "--series", "2000", "--event-loops", "2", "--xmx", "256m", "--protocol", "1.0",
            "--largest", "yes", "--proxy-cpus", ""));
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private HttpClient client;
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        LoadGenerator g = new LoadGenerator();
        for (int i = 0; i + 1 < args.length; i += 2) {
            g.opts.put(args[i], args[i + 1]);
        }
        try {
            g.run();
        } finally {
            g.vertx.close();
        }
    }

    private int opt(String name) {
        return Integer.parseInt(opts.get(name));
    }

    private void run() throws Exception {
        int senders = opt("--senders");
        int seconds = opt("--seconds");
        int series = opt("--series");
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(senders + 4));
        HttpServer sink = vertx.createHttpServer().requestHandler(r -> r.body().onComplete(b -> r.response().end()));
        int sinkPort = await(sink.listen(0, "127.0.0.1")).actualPort();
        String sinkUrl = "http://127.0.0.1:" + sinkPort + "/api/v1/receive";

        List<String> command = new ArrayList<>();
        if (!opts.get("--proxy-cpus").isEmpty()) {
            // Pin the proxy's JVM (e.g. "0") apart from this one (run under `taskset -c 1`).
            command.addAll(List.of("taskset", "-c", opts.get("--proxy-cpus")));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + opts.get("--xmx"), "-cp", System.getProperty("java.class.path"),
                ProxyMain.class.getName(), sinkUrl, opts.get("--event-loops")));
        Process proxy = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int port = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5).trim());
                    break;
                }
            }
            if (port < 0) {
                throw new IllegalStateException("proxy did not start");
            }
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
            String proxyUrl = "http://127.0.0.1:" + port + "/api/v1/receive";
            System.out.printf("proxy pid %d, %s event loops, -Xmx%s; batch %d series x 1 sample x 10 labels%n",
                    proxy.pid(), opts.get("--event-loops"), opts.get("--xmx"), series);

            boolean v2 = "2.0".equals(opts.get("--protocol"));
            RemoteWriteV1.WriteRequest data = RemoteWrite.realisticBatch(series, System.currentTimeMillis());
            Buffer batch = Buffer.buffer(RemoteWrite.snappy(v2 ? TwoPointZero.fromV1(data).toByteArray() : data.toByteArray()));
            String contentType = v2 ? V2 : V1;
            warmUp(proxyUrl, batch, contentType);

            int rate = opt("--rate");
            statuses.clear();
            Histogram before = overhead(port, opts.get("--protocol"));
            long[][] both = interleaved(sinkUrl, proxyUrl, batch, contentType, rate / series, seconds);
            Histogram proxySide = overhead(port, opts.get("--protocol")).minus(before);
            long[] direct = both[0];
            long[] via = both[1];
            System.out.printf("latency at %,d samples/s (%d req/s each way, interleaved in one run), %s, %d s, statuses %s:%n",
                    rate, rate / series, opts.get("--protocol"), seconds, statuses);
            System.out.printf("  direct to sink : p50 %.3f ms  p99 %.3f ms  (n=%d)%n", ms(pct(direct, 50)), ms(pct(direct, 99)), direct.length);
            System.out.printf("  through proxy  : p50 %.3f ms  p99 %.3f ms  (n=%d)%n", ms(pct(via, 50)), ms(pct(via, 99)), via.length);
            System.out.printf("  difference     : p50 %.3f ms  p99 %.3f ms (client side, percentile by percentile)%n",
                    ms(pct(via, 50) - pct(direct, 50)), ms(pct(via, 99) - pct(direct, 99)));
            System.out.printf("  proxy's own time per request (promfleet_proxy_request_overhead_seconds, n=%d): "
                            + "p50 <= %.3f ms  p99 <= %.3f ms (histogram bucket bounds)%n",
                    proxySide.total(), proxySide.upperBoundMillis(50), proxySide.upperBoundMillis(99));

            statuses.clear();
            Sampler sampler = new Sampler(proxy.pid(), port);
            long[] loop = closedLoop(proxyUrl, batch, contentType, senders, seconds, sampler);
            System.out.printf("throughput, %d senders, %d s: %,.0f samples/s (%,.0f req/s), p50 %.3f ms p99 %.3f ms, statuses %s%n",
                    senders, seconds, (double) loop.length * series / seconds, (double) loop.length / seconds,
                    ms(pct(loop, 50)), ms(pct(loop, 99)), statuses);
            System.out.printf("  proxy CPU %.0f%% of one core (avg), heap used max %.1f MiB%n",
                    sampler.cpuPercent(), sampler.maxHeapMiB());

            if ("yes".equals(opts.get("--largest"))) {
                largest(proxyUrl, port, proxy.pid());
            }
        } finally {
            proxy.destroy();
            proxy.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void warmUp(String url, Buffer batch, String contentType) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            await(send(url, batch, contentType));
        }
    }

    /**
     * Open loop at a fixed request rate, so latency is not hidden by back-pressure; direct and proxied
     * requests alternate half an interval apart, so both distributions come from the same run and the
     * same machine load (other builds share these cores).
     *
     * @return {direct latencies, proxied latencies}
     */
    private long[][] interleaved(String directUrl, String proxyUrl, Buffer batch, String contentType, int perSecond,
                                 int seconds) throws Exception {
        int total = Math.max(1, perSecond) * seconds;
        long[][] lat = {new long[total], new long[total]};
        CountDownLatch done = new CountDownLatch(2 * total);
        long half = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond) / 2;
        long start = System.nanoTime();
        for (int i = 0; i < 2 * total; i++) {
            long due = start + i * half;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            long[] into = lat[i % 2];
            int k = i / 2;
            long t0 = System.nanoTime();
            send(i % 2 == 0 ? directUrl : proxyUrl, batch, contentType).onComplete(ar -> {
                into[k] = System.nanoTime() - t0;
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        return lat;
    }

    /** The proxy's {@code promfleet_proxy_request_overhead_seconds} histogram for one protocol, from its /metrics. */
    private Histogram overhead(int port, String protocol) throws Exception {
        String metrics = await(client.request(HttpMethod.GET, port, "127.0.0.1", "/metrics")
                .compose(r -> r.send().compose(resp -> resp.body())).map(Buffer::toString));
        TreeMap<Double, Long> buckets = new TreeMap<>();
        java.util.regex.Pattern le = java.util.regex.Pattern.compile("le=\"([^\"]+)\"");
        metrics.lines().filter(l -> l.startsWith("promfleet_proxy_request_overhead_seconds_bucket{")
                && l.contains("protocol=\"" + protocol + "\"")).forEach(l -> {
                    java.util.regex.Matcher m = le.matcher(l);
                    if (m.find()) {
                        double bound = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                        buckets.put(bound, (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
                    }
                });
        return new Histogram(buckets);
    }

    /** Cumulative bucket counts by upper bound (seconds). */
    private record Histogram(TreeMap<Double, Long> cumulative) {
        Histogram minus(Histogram earlier) {
            TreeMap<Double, Long> d = new TreeMap<>();
            cumulative.forEach((le, n) -> d.put(le, n - earlier.cumulative.getOrDefault(le, 0L)));
            return new Histogram(d);
        }

        long total() {
            return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        }

        /** The upper bound of the bucket that holds the p-th percentile, in milliseconds. */
        double upperBoundMillis(int p) {
            long rank = (long) Math.ceil(p / 100.0 * total());
            for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
                if (e.getValue() >= rank) {
                    return e.getKey() * 1000;
                }
            }
            return Double.NaN;
        }
    }

    private long[] closedLoop(String url, Buffer batch, String contentType, int senders, int seconds, Sampler sampler)
            throws Exception {
        List<Long> lat = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(senders);
        sampler.start();
        for (int s = 0; s < senders; s++) {
            loop(url, batch, contentType, end, lat, done);
        }
        while (!done.await(250, TimeUnit.MILLISECONDS)) {
            sampler.sample();
        }
        sampler.stop();
        return lat.stream().mapToLong(Long::longValue).toArray();
    }

    private void loop(String url, Buffer batch, String contentType, long end, List<Long> lat, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long t0 = System.nanoTime();
        send(url, batch, contentType).onComplete(ar -> {
            lat.add(System.nanoTime() - t0);
            loop(url, batch, contentType, end, lat, done);
        });
    }

    /** The largest request the default limits allow, 1.0 and 2.0, four in flight at once. */
    private void largest(String url, int port, long pid) throws Exception {
        int series = Limits.DEFAULTS.maxSeriesPerRequest();
        RemoteWriteV1.WriteRequest big = RemoteWrite.realisticBatch(series, System.currentTimeMillis());
        byte[] v1 = big.toByteArray();
        byte[] v2 = TwoPointZero.fromV1(big).toByteArray();
        Buffer v1c = Buffer.buffer(RemoteWrite.snappy(v1));
        Buffer v2c = Buffer.buffer(RemoteWrite.snappy(v2));
        Sampler sampler = new Sampler(pid, port);
        sampler.start();
        statuses.clear();
        for (int round = 0; round < 3; round++) {
            List<Future<Integer>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inFlight.add(send(url, i % 2 == 0 ? v1c : v2c, i % 2 == 0 ? V1 : V2));
            }
            while (!Future.join(new ArrayList<>(inFlight)).isComplete()) {
                sampler.sample();
                Thread.sleep(20);
            }
        }
        sampler.stop();
        System.out.printf("largest allowed request (%,d series): 1.0 %.1f MiB raw / %.1f MiB snappy, 2.0 %.1f MiB raw; "
                        + "4 in flight x 3 rounds: statuses %s, proxy heap used max %.1f MiB (-Xmx%s)%n",
                series, v1.length / 1048576.0, v1c.length() / 1048576.0, v2.length / 1048576.0, statuses,
                sampler.maxHeapMiB(), opts.get("--xmx"));
    }

    private Future<Integer> send(String url, Buffer body, String contentType) {
        // A request idle for 10 s fails and is counted as status 0 ("stalled"), instead of hanging a phase.
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setIdleTimeout(10_000)
                        .putHeader("Content-Type", contentType).putHeader("Content-Encoding", "snappy")
                        .putHeader("X-Prometheus-Remote-Write-Version", "0.1.0"))
                .compose(r -> r.send(body))
                .compose(r -> r.body().map(b -> r.statusCode()))
                .otherwise(0)
                .onSuccess(s -> statuses.computeIfAbsent(s, k -> new AtomicLong()).incrementAndGet());
    }

    private static long pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Reads the proxy JVM's CPU time from /proc and its heap from its own /metrics. */
    private final class Sampler {
        private final long pid;
        private final int port;
        private long cpuStart;
        private long wallStart;
        private long cpuEnd;
        private long wallEnd;
        private double maxHeap;

        Sampler(long pid, int port) {
            this.pid = pid;
            this.port = port;
        }

        void start() throws Exception {
            cpuStart = cpuTicks();
            wallStart = System.nanoTime();
        }

        void stop() throws Exception {
            cpuEnd = cpuTicks();
            wallEnd = System.nanoTime();
            sample();
        }

        void sample() {
            try {
                String metrics = await(client.request(HttpMethod.GET, port, "127.0.0.1", "/metrics")
                        .compose(r -> r.send().compose(resp -> resp.body())).map(Buffer::toString));
                double heap = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                maxHeap = Math.max(maxHeap, heap);
            } catch (Exception e) {
                // a missed sample is not a measurement
            }
        }

        double cpuPercent() {
            // /proc/PID/stat utime+stime are in clock ticks, USER_HZ = 100 on Linux
            return (cpuEnd - cpuStart) * 10_000_000.0 / (wallEnd - wallStart) * 100;
        }

        double maxHeapMiB() {
            return maxHeap / 1048576.0;
        }

        private long cpuTicks() throws Exception {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
    }
}
