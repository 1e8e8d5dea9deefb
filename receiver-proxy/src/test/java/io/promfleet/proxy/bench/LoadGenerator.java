package io.promfleet.proxy.bench;

import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.support.RemoteWrite;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a proxy (in its own JVM, {@link ProxyMain}) over loopback into a fast sink (a Vert.x server in
 * this JVM that answers 200 at once) and prints what it measured. Not a test: figures go into
 * docs/performance.md. Every phase is bounded in time; nothing leaves loopback.
 *
 * <pre>
 * java -cp $CP io.promfleet.proxy.bench.LoadGenerator --rate 50000 --latency-seconds 60 \
 *     --proxy-jvm-opts "-XX:+UseParallelGC" [--protocol 2.0] [--largest no]
 * </pre>
 * Phases: (1) latency at a fixed rate, open loop: direct to the sink and through the proxy, interleaved
 * half an interval apart in one run, each latency taken from the request's <em>intended</em> send time
 * (a late send is charged to the request, not forgotten: no coordinated omission), compared percentile
 * by percentile; beside it the proxy's own time per request from its
 * {@code promfleet_proxy_request_overhead_seconds} histogram, its GC pauses, heap and CPU, and this JVM's
 * own GC during the phase; (2) throughput with N closed-loop senders; (3) the largest allowed request
 * (1.0 and 2.0), four at a time, in a proxy capped at {@code --xmx}. {@code --protocol 2.0} sends 2.0 in
 * (1) and (2). {@code --proxy-cpus 0} starts the proxy under {@code taskset -c 0}; {@code --proxy-jvm-opts}
 * passes options to the proxy's JVM (the collector, GC logging, JFR); {@code --proxy-classes DIR} runs
 * another build of the proxy (before/after).
 *
 * <p>Every HTTP call starts on this JVM's client event loop ({@link #onLoop}). Vert.x 4's
 * {@code client.request().compose(req -> req.send()).compose(resp -> resp.body())}, started from a
 * plain thread, races: the second {@code compose} can attach on the calling thread after the response
 * has already ended on the event loop, and {@code body()} then never completes (no idle timeout covers
 * it, the response has arrived). That was the generator's "stall"; see docs/performance.md.
 */
public final class LoadGenerator {

    private static final String V1 = "application/x-protobuf";
    private static final String V2 = "application/x-protobuf;proto=io.prometheus.write.v2.Request";
    /** Stands for a request that got no answer at all, so it sorts above every answered one. */
    private static final long UNANSWERED = Long.MAX_VALUE;

    private final Map<String, String> opts = new TreeMap<>(Map.ofEntries(Map.entry("--senders", "8"),
            Map.entry("--seconds", "10"), Map.entry("--latency-seconds", "60"), Map.entry("--warmup-seconds", "60"), Map.entry("--rate", "50000"),
            Map.entry("--series", "2000"), Map.entry("--event-loops", "2"), Map.entry("--xmx", "256m"),
            Map.entry("--protocol", "1.0"), Map.entry("--largest", "yes"), Map.entry("--throughput", "yes"),
            Map.entry("--proxy-cpus", ""), Map.entry("--proxy-jvm-opts", ""), Map.entry("--proxy-classes", "")));
    // The sink and the client each get their own event loop, so a busy sink does not delay a send.
    private final Vertx sinkVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Context loop = clientVertx.getOrCreateContext();
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
            g.clientVertx.close();
            g.sinkVertx.close();
        }
    }

    private int opt(String name) {
        return Integer.parseInt(opts.get(name));
    }

    private void run() throws Exception {
        int senders = opt("--senders");
        int series = opt("--series");
        client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(senders + 4));
        HttpServer sink = sinkVertx.createHttpServer().requestHandler(r -> r.body().onComplete(b -> r.response().end()));
        int sinkPort = await(sink.listen(0, "127.0.0.1")).actualPort();
        String sinkUrl = "http://127.0.0.1:" + sinkPort + "/api/v1/receive";

        List<String> command = new ArrayList<>();
        if (!opts.get("--proxy-cpus").isEmpty()) {
            command.addAll(List.of("taskset", "-c", opts.get("--proxy-cpus")));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + opts.get("--xmx")));
        String jvmOpts = opts.get("--proxy-jvm-opts").trim();
        if (!jvmOpts.isEmpty()) {
            command.addAll(List.of(jvmOpts.split("\\s+")));
        }
        command.addAll(List.of("-cp", proxyClassPath(),
                ProxyMain.class.getName(), sinkUrl, opts.get("--event-loops")));
        Process proxy = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            int port = awaitPort(proxy);
            String proxyUrl = "http://127.0.0.1:" + port + "/api/v1/receive";
            boolean v2 = "2.0".equals(opts.get("--protocol"));
            RemoteWriteV1.WriteRequest data = RemoteWrite.realisticBatch(series, System.currentTimeMillis());
            Buffer batch = Buffer.buffer(RemoteWrite.snappy(v2 ? TwoPointZero.fromV1(data).toByteArray() : data.toByteArray()));
            String contentType = v2 ? V2 : V1;
            if (!opts.get("--proxy-classes").isEmpty()) {
                System.out.println("proxy classes from " + opts.get("--proxy-classes"));
            }
            System.out.printf("proxy pid %d, %s event loops, -Xmx%s, JVM options [%s]; batch %d series x 1 sample x 10 labels, "
                            + "%s, %,d bytes snappy%n", proxy.pid(), opts.get("--event-loops"), opts.get("--xmx"), jvmOpts,
                    series, opts.get("--protocol"), batch.length());
            warmUp(sinkUrl, proxyUrl, port, proxy.pid(), batch, contentType);

            latency(sinkUrl, proxyUrl, port, proxy.pid(), batch, contentType, series);

            if ("yes".equals(opts.get("--throughput"))) {
                statuses.clear();
                int seconds = opt("--seconds");
                Sampler sampler = new Sampler(proxy.pid(), port);
                long[] loopLat = closedLoop(proxyUrl, batch, contentType, senders, seconds, sampler);
                System.out.printf("throughput, %d senders, %d s: %,.0f samples/s (%,.0f req/s), p50 %.3f ms p99 %.3f ms, statuses %s%n",
                        senders, seconds, (double) loopLat.length * series / seconds, (double) loopLat.length / seconds,
                        ms(pct(loopLat, 50)), ms(pct(loopLat, 99)), statuses);
                System.out.printf("  proxy CPU %.0f%% of one core (avg), heap used max %.1f MiB%n",
                        sampler.cpuPercent(), sampler.maxHeapMiB());
            }
            if ("yes".equals(opts.get("--largest"))) {
                largest(proxyUrl, port, proxy.pid());
            }
        } finally {
            proxy.destroy();
            proxy.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * This JVM's class path, with {@code --proxy-classes DIR} (e.g. an older commit's
     * {@code receiver-proxy/target/classes}) in place of the module's own classes: a before/after
     * comparison measured by the same generator.
     */
    private String proxyClassPath() {
        String classes = opts.get("--proxy-classes");
        String own = System.getProperty("java.class.path");
        if (classes.isEmpty()) {
            return own;
        }
        return Arrays.stream(own.split(java.io.File.pathSeparator))
                .map(e -> e.replace('\\', '/').endsWith("receiver-proxy/target/classes") ? classes : e)
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static int awaitPort(Process proxy) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                Thread drain = new Thread(() -> out.lines().forEach(System.err::println));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(5).trim());
            }
            System.err.println(line);
        }
        throw new IllegalStateException("proxy did not start");
    }

    /**
     * Closed loop at full speed through the proxy (and direct, for this JVM's own code), then the measured
     * phase's traffic until the proxy's JIT compiler threads go quiet. At 25 requests/s a proxy keeps compiling for minutes (C2
     * took 200-400 ms of CPU per 10 s through a 60 s phase after the old 5 s warm-up), on the same two
     * cores as the requests being measured: that measured start-up, not the proxy a sender talks to.
     */
    private void warmUp(String sinkUrl, String proxyUrl, int port, long pid, Buffer batch, String contentType)
            throws Exception {
        int seconds = opt("--warmup-seconds");
        long start = System.nanoTime();
        closedLoop(proxyUrl, batch, contentType, opt("--senders"), seconds, new Sampler(pid, port));
        closedLoop(sinkUrl, batch, contentType, opt("--senders"), Math.max(1, seconds / 5), new Sampler(pid, port));
        ThreadCpu threads = new ThreadCpu(pid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        // Then the measured phase's own traffic (direct and proxied, interleaved, paced, with the 15-s scrapes)
        // in rounds of one scrape interval, until the compilers used under 20 ms of CPU in a round: the closed
        // loop teaches Netty's and Vert.x's call sites other types than paced traffic does, and a compilation
        // log showed them recompiling through the phase after a warm-up of proxied requests alone.
        int perSecond = Math.max(1, opt("--rate") / opt("--series"));
        boolean quiet = false;
        while (!quiet && System.nanoTime() < deadline) {
            long jitBefore = threads.jitMillis();
            interleaved(sinkUrl, proxyUrl, batch, contentType, perSecond, 15, new Sampler(pid, port));
            quiet = threads.jitMillis() - jitBefore < 20;
        }
        System.out.printf("warm-up: %.0f s (%d s closed loop, then the measured traffic until the proxy's JIT compilers"
                        + " used under 20 ms in 15 s%s)%n", (System.nanoTime() - start) / 1e9, seconds,
                quiet ? "" : "; they had NOT, after 180 s more");
    }

    private void latency(String sinkUrl, String proxyUrl, int port, long pid, Buffer batch, String contentType,
                         int series) throws Exception {
        int rate = opt("--rate");
        int perSecond = Math.max(1, rate / series);
        int seconds = opt("--latency-seconds");
        statuses.clear();
        Scrape before = scrape(port);
        long gcBefore = ownGcMillis();
        Sampler sampler = new Sampler(pid, port);
        ThreadCpu threads = new ThreadCpu(pid);
        Map<String, Long> threadsBefore = threads.byGroup();
        sampler.start();
        long[][] both = interleaved(sinkUrl, proxyUrl, batch, contentType, perSecond, seconds, sampler);
        sampler.stop();
        Map<String, Long> threadsAfter = threads.byGroup();
        long ownGc = ownGcMillis() - gcBefore;
        Scrape after = scrape(port);
        Histogram proxySide = after.overhead(opts.get("--protocol")).minus(before.overhead(opts.get("--protocol")));
        long[] direct = both[0];
        long[] via = both[1];
        System.out.printf("latency at %,d samples/s (%d req/s each way, interleaved, open loop), %s, %d s, statuses %s:%n",
                perSecond * series, perSecond, opts.get("--protocol"), seconds, statuses);
        System.out.println("  (client side: from each request's intended send time to its answer)");
        System.out.printf("  direct to sink : %s%n", percentiles(direct));
        System.out.printf("  through proxy  : %s%n", percentiles(via));
        System.out.printf("  added (via - direct, percentile by percentile): p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms%n",
                ms(pct(via, 50) - pct(direct, 50)), ms(pct(via, 99) - pct(direct, 99)), ms(pct(via, 99.9) - pct(direct, 99.9)));
        System.out.printf("  added, proxy's own histogram (promfleet_proxy_request_overhead_seconds, n=%d): "
                        + "p50 <= %.3f ms  p99 <= %.3f ms  p99.9 <= %.3f ms (bucket upper bounds)%n",
                proxySide.total(), proxySide.upperBoundMillis(50), proxySide.upperBoundMillis(99),
                proxySide.upperBoundMillis(99.9));
        Histogram upstream = after.upstream().minus(before.upstream());
        System.out.printf("  the proxy's upstream round trips (promfleet_proxy_upstream_request_seconds, n=%d): "
                        + "p50 <= %.3f ms  p99 <= %.3f ms; subtracted from the proxy's own figure, included in the client side%n",
                upstream.total(), upstream.upperBoundMillis(50), upstream.upperBoundMillis(99));
        System.out.printf("  proxy GC: %d pauses, %.1f ms in total, longest %.3f ms (whole run); proxy CPU %.1f%% of one core, "
                        + "heap used max %.1f MiB; generator's own GC during the phase %d ms%n",
                after.gcPauses() - before.gcPauses(), (after.gcPauseSeconds() - before.gcPauseSeconds()) * 1000,
                after.gcPauseMaxSeconds() * 1000, sampler.cpuPercent(), sampler.maxHeapMiB(), ownGc);
        StringBuilder cpu = new StringBuilder("  proxy CPU by thread during the phase:");
        threadsAfter.forEach((group, ms) -> {
            long used = ms - threadsBefore.getOrDefault(group, 0L);
            if (used > 0) {
                cpu.append(String.format(" %s %d ms,", group, used));
            }
        });
        System.out.println(cpu.substring(0, cpu.length() - 1) + String.format(" (%d requests)", via.length));
    }

    private static String percentiles(long[] lat) {
        long unanswered = Arrays.stream(lat).filter(l -> l == UNANSWERED).count();
        return String.format("p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms  (n=%d, unanswered %d)",
                ms(pct(lat, 50)), ms(pct(lat, 99)), ms(pct(lat, 99.9)), ms(pct(lat, 100)), lat.length, unanswered);
    }

    /**
     * Open loop at a fixed request rate, so latency is not hidden by back-pressure: a pacing thread parks
     * until each intended send time and hands the send to the client event loop; the latency runs from
     * the intended time, so a send the generator itself delayed counts against that request. Direct and
     * proxied requests alternate half an interval apart, so both distributions see the same machine load
     * (other builds share these cores) and the same generator delays.
     *
     * @return {direct latencies, proxied latencies}
     */
    private long[][] interleaved(String directUrl, String proxyUrl, Buffer batch, String contentType, int perSecond,
                                 int seconds, Sampler sampler) throws Exception {
        int total = perSecond * seconds;
        long[][] lat = {new long[total], new long[total]};
        Arrays.fill(lat[0], UNANSWERED);
        Arrays.fill(lat[1], UNANSWERED);
        CountDownLatch done = new CountDownLatch(2 * total);
        long half = TimeUnit.SECONDS.toNanos(1) / perSecond / 2;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long nextSample = start;
        for (int i = 0; i < 2 * total; i++) {
            long due = start + i * half;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            long[] into = lat[i % 2];
            int k = i / 2;
            String url = i % 2 == 0 ? directUrl : proxyUrl;
            loop.runOnContext(v -> send(url, batch, contentType).onComplete(ar -> {
                into[k] = System.nanoTime() - due;
                done.countDown();
            }));
            if (due - nextSample >= 0) {
                // Every 15 s, a Prometheus-like scrape interval: /metrics is work on the proxy's event loops too.
                nextSample = due + TimeUnit.SECONDS.toNanos(15);
                sampler.sampleAsync();
            }
        }
        // A request idle for 10 s fails (status 0); anything still open after that stays UNANSWERED.
        done.await(15, TimeUnit.SECONDS);
        return lat;
    }

    private long[] closedLoop(String url, Buffer batch, String contentType, int senders, int seconds, Sampler sampler)
            throws Exception {
        List<Long> lat = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(senders);
        sampler.start();
        for (int s = 0; s < senders; s++) {
            loop.runOnContext(v -> senderLoop(url, batch, contentType, end, lat, done));
        }
        while (!done.await(250, TimeUnit.MILLISECONDS)) {
            sampler.sample();
        }
        sampler.stop();
        return lat.stream().mapToLong(Long::longValue).toArray();
    }

    private void senderLoop(String url, Buffer batch, String contentType, long end, List<Long> lat, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long t0 = System.nanoTime();
        send(url, batch, contentType).onComplete(ar -> {
            lat.add(System.nanoTime() - t0);
            senderLoop(url, batch, contentType, end, lat, done);
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
                Buffer body = i % 2 == 0 ? v1c : v2c;
                String type = i % 2 == 0 ? V1 : V2;
                inFlight.add(onLoop(() -> send(url, body, type)));
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

    /** Runs {@code work} on the client event loop (see the class comment for why it must). */
    private <T> Future<T> onLoop(Supplier<Future<T>> work) {
        Promise<T> result = Promise.promise();
        loop.runOnContext(v -> work.get().onComplete(result));
        return result.future();
    }

    /** Call on the client event loop only. */
    private Future<Integer> send(String url, Buffer body, String contentType) {
        // A request idle for 10 s fails and is counted as status 0 ("stalled"), instead of hanging a phase.
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setIdleTimeout(10_000)
                        .putHeader("Content-Type", contentType).putHeader("Content-Encoding", "snappy")
                        .putHeader("X-Prometheus-Remote-Write-Version", "0.1.0"))
                .compose(r -> r.send(body).compose(resp -> resp.body().map(b -> resp.statusCode())))
                .otherwise(0)
                .onSuccess(s -> statuses.computeIfAbsent(s, k -> new AtomicLong()).incrementAndGet());
    }

    private Future<String> metrics(int port) {
        return onLoop(() -> client.request(HttpMethod.GET, port, "127.0.0.1", "/metrics")
                .compose(r -> r.send().compose(resp -> resp.body())).map(Buffer::toString));
    }

    private Scrape scrape(int port) throws Exception {
        return new Scrape(await(metrics(port)));
    }

    /** One /metrics page of the proxy. */
    private record Scrape(String text) {
        private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

        /** The {@code promfleet_proxy_request_overhead_seconds} histogram for one protocol. */
        Histogram overhead(String protocol) {
            return histogram("promfleet_proxy_request_overhead_seconds", "protocol=\"" + protocol + "\"");
        }

        /** The {@code promfleet_proxy_upstream_request_seconds} histogram of the sink's 200s. */
        Histogram upstream() {
            return histogram("promfleet_proxy_upstream_request_seconds", "result=\"200\"");
        }

        private Histogram histogram(String name, String label) {
            TreeMap<Double, Long> buckets = new TreeMap<>();
            text.lines().filter(l -> l.startsWith(name + "_bucket{") && l.contains(label)).forEach(l -> {
                        Matcher m = LE.matcher(l);
                        if (m.find()) {
                            double bound = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                            buckets.put(bound, (long) value(l));
                        }
                    });
            return new Histogram(buckets);
        }

        /** ProxyMain binds Micrometer's JvmGcMetrics: {@code jvm_gc_pause_seconds}, summed over collectors. */
        long gcPauses() {
            return (long) sum("jvm_gc_pause_seconds_count{");
        }

        double gcPauseSeconds() {
            return sum("jvm_gc_pause_seconds_sum{");
        }

        double gcPauseMaxSeconds() {
            return text.lines().filter(l -> l.startsWith("jvm_gc_pause_seconds_max{"))
                    .mapToDouble(Scrape::value).max().orElse(0);
        }

        double heapUsed() {
            return sum("jvm_memory_used_bytes{area=\"heap\"");
        }

        private double sum(String prefix) {
            return text.lines().filter(l -> l.startsWith(prefix)).mapToDouble(Scrape::value).sum();
        }

        private static double value(String line) {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
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
        double upperBoundMillis(double p) {
            long rank = (long) Math.ceil(p / 100.0 * total());
            for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
                if (e.getValue() >= rank) {
                    return e.getKey() * 1000;
                }
            }
            return Double.NaN;
        }
    }

    private static long pct(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    private static double ms(long nanos) {
        return nanos == UNANSWERED ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }

    private static long ownGcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** The proxy JVM's CPU time by thread group, from {@code /proc/PID/task/TID/stat}. */
    private record ThreadCpu(long pid) {

        /** Milliseconds of CPU by group: event loops, JIT compilers, GC and VM threads, the rest. */
        Map<String, Long> byGroup() {
            Map<String, Long> groups = new TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                tasks.forEach(task -> {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // USER_HZ = 100
                        groups.merge(group(name), ms, Long::sum);
                    } catch (Exception e) {
                        // the thread ended between list and read: its time is gone with it
                    }
                });
            } catch (Exception e) {
                // the process ended
            }
            return groups;
        }

        long jitMillis() {
            return byGroup().getOrDefault("jit", 0L);
        }

        private static String group(String thread) {
            if (thread.startsWith("vert.x-eventloo")) {
                return "event-loops";
            }
            if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
                return "jit";
            }
            if (thread.startsWith("GC ") || thread.startsWith("VM Thread") || thread.startsWith("G1 ")
                    || thread.startsWith("ZGC") || thread.startsWith("Z")) {
                return "gc+vm";
            }
            return "other";
        }
    }

    /** Reads the proxy JVM's CPU time from /proc and its heap from its own /metrics. */
    private final class Sampler {
        private final long pid;
        private final int port;
        private long cpuStart;
        private long wallStart;
        private long cpuEnd;
        private long wallEnd;
        private volatile double maxHeap;

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

        /** Without waiting, for the pacing thread; the scrape itself runs on the client loop. */
        void sampleAsync() {
            metrics(port).onSuccess(text -> maxHeap = Math.max(maxHeap, new Scrape(text).heapUsed()));
        }

        void sample() {
            try {
                maxHeap = Math.max(maxHeap, scrape(port).heapUsed());
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
