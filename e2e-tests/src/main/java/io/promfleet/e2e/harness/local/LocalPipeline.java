package io.promfleet.e2e.harness.local;

import io.promfleet.e2e.harness.AgentConfig;
import io.promfleet.e2e.harness.BucketReader;
import io.promfleet.e2e.harness.EdgeAgent;
import io.promfleet.e2e.harness.EdgeSpec;
import io.promfleet.e2e.harness.EmbeddedProxy;
import io.promfleet.e2e.harness.MetricsText;
import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineSpec;
import io.promfleet.e2e.harness.PortAllocator;
import io.promfleet.e2e.harness.ProxyCertificates;
import io.promfleet.e2e.harness.PromClient;
import io.promfleet.e2e.harness.ScrapeTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pipeline as local processes, every one on 127.0.0.1, its files and logs under the work directory. */
final class LocalPipeline implements Pipeline {

    private static final String ACCESS_KEY = "promfleet-e2e";
    private static final String SECRET_KEY = "promfleet-e2e-secret";
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration GRACE = Duration.ofSeconds(15);
    /** Receive flushes its head into a block and uploads it on SIGTERM: give it time. */
    private static final Duration RECEIVE_GRACE = Duration.ofSeconds(90);

    private final PipelineSpec spec;
    private final Path dir;
    private final Binaries binaries;
    private final Reaper reaper;
    private final PortAllocator ports = new PortAllocator();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final List<LocalAgent> agents = new ArrayList<>();

    private final int minioPort;
    private final int receiveHttp;
    private final int receiveGrpc;
    private final int receiveWrite;
    private final int queryHttp;
    private final int bucketQueryHttp;
    private final int proxyPort;

    private ManagedProcess receive;
    private ScrapeTarget target;
    private BucketReader bucket;
    private EmbeddedProxy proxy;

    private LocalPipeline(PipelineSpec spec, Path dir, Binaries binaries) {
        this.spec = spec;
        this.dir = dir;
        this.binaries = binaries;
        this.reaper = new Reaper(dir);
        minioPort = ports.next();
        receiveHttp = ports.next();
        receiveGrpc = ports.next();
        receiveWrite = ports.next();
        queryHttp = ports.next();
        bucketQueryHttp = ports.next();
        proxyPort = ports.next();
    }

    static LocalPipeline start(PipelineSpec spec, Path dir, Binaries binaries) {
        LocalPipeline p = new LocalPipeline(spec, dir, binaries);
        try {
            p.startAll();
            return p;
        } catch (RuntimeException | Error e) {
            String logs = p.diagnostics();
            p.close();
            throw new IllegalStateException("the pipeline did not start: " + e.getMessage() + "\n" + logs, e);
        }
    }

    private void startAll() {
        Path objstore = startMinio();
        avoidReceivePruneMinute();
        receive = process("thanos-receive", List.of(bin("thanos"), "receive",
                "--http-address=127.0.0.1:" + receiveHttp,
                "--grpc-address=127.0.0.1:" + receiveGrpc,
                "--remote-write.address=127.0.0.1:" + receiveWrite,
                "--receive.capnproto-address=127.0.0.1:" + ports.next(),
                "--tsdb.path=" + dir.resolve("receive/tsdb"),
                // Receive refuses to start without an external label; the quotes are part of the syntax.
                "--label=" + REPLICA_LABEL + "=\"0\"",
                "--objstore.config-file=" + objstore),
                Map.of("TZ", "UTC"), URI.create("http://127.0.0.1:" + receiveHttp + "/-/ready"), RECEIVE_GRACE)
                .start(READY);

        ManagedProcess query = startQuery("thanos-query", queryHttp, receiveGrpc);
        int storeHttp = ports.next();
        int storeGrpc = ports.next();
        process("thanos-store", List.of(bin("thanos"), "store",
                "--http-address=127.0.0.1:" + storeHttp,
                "--grpc-address=127.0.0.1:" + storeGrpc,
                "--data-dir=" + dir.resolve("store"),
                "--objstore.config-file=" + objstore,
                // the default (15m) would hide blocks uploaded during a test
                "--sync-block-duration=3s"),
                Map.of(), URI.create("http://127.0.0.1:" + storeHttp + "/-/ready"), GRACE).start(READY);
        startQuery("thanos-query-bucket", bucketQueryHttp, storeGrpc);
        awaitStore(query(), "receive");

        proxy = new EmbeddedProxy(spec, "127.0.0.1", proxyPort,
                URI.create("http://127.0.0.1:" + receiveWrite + "/api/v1/receive"),
                URI.create("http://127.0.0.1:" + receiveHttp + "/-/ready"), dir);
        proxy.start();

        target = ScrapeTarget.start();
        for (EdgeSpec edge : spec.edges()) {
            agents.add(startAgent(edge));
        }
    }

    private Path startMinio() {
        process("minio", List.of(bin("minio"), "server", dir.resolve("minio").toString(),
                "--address=127.0.0.1:" + minioPort, "--console-address=127.0.0.1:" + ports.next(), "--quiet"),
                Map.of("MINIO_ROOT_USER", ACCESS_KEY, "MINIO_ROOT_PASSWORD", SECRET_KEY,
                        "MINIO_BROWSER", "off", "MINIO_UPDATE", "off", "MINIO_CALLHOME_ENABLE", "off"),
                URI.create("http://127.0.0.1:" + minioPort + "/minio/health/ready"), GRACE).start(READY);
        // Receive and Store need the bucket before they start.
        bucket = new BucketReader(URI.create("http://127.0.0.1:" + minioPort), ACCESS_KEY, SECRET_KEY, BUCKET);
        bucket.createBucket();
        return write("objstore.yaml", """
                type: S3
                config:
                  bucket: %s
                  endpoint: 127.0.0.1:%d
                  access_key: %s
                  secret_key: %s
                  insecure: true
                  bucket_lookup_type: path
                """.formatted(BUCKET, minioPort, ACCESS_KEY, SECRET_KEY));
    }

    /**
     * Works around a Thanos Receive v0.42 crash: its tenant pruning job runs at start-up, but only in a
     * minute of the day divisible by twice the block duration (4 h: 00:00, 04:00, ... in the process's
     * time zone), and there it dereferences the TSDB of a tenant still being opened (nil pointer panic in
     * {@code tenant.shouldBeMarkedInactive}). Starting Receive outside those minutes avoids the race.
     */
    private static void avoidReceivePruneMinute() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        if ((now.getHour() * 60 + now.getMinute()) % 240 == 0) {
            ManagedProcess.sleep((62 - now.getSecond()) * 1000L);
        }
    }

    private ManagedProcess startQuery(String name, int http, int endpointGrpc) {
        return process(name, List.of(bin("thanos"), "query",
                "--http-address=127.0.0.1:" + http,
                "--grpc-address=127.0.0.1:" + ports.next(),
                "--endpoint=127.0.0.1:" + endpointGrpc),
                Map.of(), URI.create("http://127.0.0.1:" + http + "/-/ready"), GRACE).start(READY);
    }

    /** Query is ready before it has connected to its endpoints; a test must not race that. */
    private static void awaitStore(PromClient query, String type) {
        long end = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() - end < 0) {
            if (query.stores().path(type).size() > 0) {
                return;
            }
            ManagedProcess.sleep(250);
        }
        throw new IllegalStateException(query.url() + " sees no " + type + " endpoint within " + READY);
    }

    private LocalAgent startAgent(EdgeSpec edge) {
        int port = ports.next();
        Path config = write("agents/" + edge.cluster() + "/prometheus.yml", AgentConfig.render(edge,
                spec.scrapeInterval(), "127.0.0.1:" + target.port(), "127.0.0.1:" + port,
                proxyUrl().resolve("/api/v1/receive").toString(), proxy.token(edge),
                proxy.certificates().map(c -> c.ca().toString()).orElse(null)));
        ManagedProcess p = process("agent-" + edge.cluster(), List.of(bin("prometheus"), "--enable-feature=agent",
                "--config.file=" + config,
                "--storage.agent.path=" + dir.resolve("agents/" + edge.cluster() + "/wal"),
                "--web.listen-address=127.0.0.1:" + port,
                // lets a test change the configuration under a running agent (POST /-/reload)
                "--web.enable-lifecycle",
                // A reload that changes a remote_write stops its queue, and a stopping queue keeps retrying
                // what it holds until this deadline (default 1m) before the reload answers.
                "--storage.remote.flush-deadline=10s"),
                Map.of(), URI.create("http://127.0.0.1:" + port + "/-/ready"), GRACE).start(READY);
        return new LocalAgent(edge, URI.create("http://127.0.0.1:" + port), p,
                proxy.token(edge), config);
    }

    private ManagedProcess process(String name, List<String> command, Map<String, String> env, URI ready,
                                   Duration grace) {
        ManagedProcess p = new ManagedProcess(name, command, env, dir.resolve("logs/" + name + ".log"), ready, grace,
                reaper);
        processes.add(p);
        return p;
    }

    private String bin(String name) {
        return binaries.path(name).toString();
    }

    private Path write(String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public PipelineSpec spec() {
        return spec;
    }

    @Override
    public List<EdgeAgent> edges() {
        return List.copyOf(agents);
    }

    @Override
    public ScrapeTarget target() {
        return target;
    }

    @Override
    public URI proxyUrl() {
        return URI.create(proxy.scheme() + "://127.0.0.1:" + proxyPort);
    }

    @Override
    public Optional<ProxyCertificates> proxyCertificates() {
        return proxy.certificates();
    }

    @Override
    public Optional<List<String>> commandLine(String component) {
        return processes.stream().filter(p -> p.name().equals(component)).findFirst().map(ManagedProcess::command);
    }

    @Override
    public MetricsText proxyMetrics() {
        URI metrics = proxyUrl().resolve("/metrics");
        return proxy.certificates().map(c -> MetricsText.scrape(metrics, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).sslContext(c.trustingCa()).build()))
                .orElseGet(() -> MetricsText.scrape(metrics));
    }

    @Override
    public void stopProxy() {
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Override
    public void startProxy() {
        proxy.start();
    }

    @Override
    public void stopReceive() {
        int exit = receive.stop();
        if (exit != 0) {
            throw new IllegalStateException("Receive did not stop cleanly (exit " + exit + "); log: " + receive.log());
        }
    }

    @Override
    public void startReceive() {
        avoidReceivePruneMinute();
        receive.start(READY);
        awaitStore(query(), "receive");
    }

    @Override
    public boolean receiveRunning() {
        return receive.running();
    }

    @Override
    public PromClient query() {
        return new PromClient(URI.create("http://127.0.0.1:" + queryHttp));
    }

    @Override
    public PromClient bucketQuery() {
        return new PromClient(URI.create("http://127.0.0.1:" + bucketQueryHttp));
    }

    @Override
    public BucketReader bucket() {
        return bucket;
    }

    @Override
    public String diagnostics() {
        StringBuilder out = new StringBuilder("pipeline work directory: " + dir + "\n");
        for (ManagedProcess p : processes) {
            out.append("----- ").append(p.name()).append(" (").append(p.log()).append(", last 40 lines) -----\n")
                    .append(p.tail(40)).append('\n');
        }
        return out.toString();
    }

    /** Stops in the reverse order of the data flow's dependencies: agents first, the bucket last. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            ManagedProcess p = processes.get(i);
            if (p.name().startsWith("agent-")) {
                run(p::stop, failures);
            }
        }
        run(this::stopProxy, failures);
        if (target != null) {
            run(target::close, failures);
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            run(processes.get(i)::stop, failures);
        }
        reaper.close();
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("pipeline shutdown had " + failures.size() + " failure(s)");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private static void run(Runnable r, List<RuntimeException> failures) {
        try {
            r.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private record LocalAgent(EdgeSpec spec, URI url, ManagedProcess process, String bearer, Path config)
            implements EdgeAgent {

        @Override
        public Optional<Path> configFile() {
            return Optional.of(config);
        }

        @Override
        public String cluster() {
            return spec.cluster();
        }

        @Override
        public Optional<String> tenant() {
            return Optional.ofNullable(spec.tenant());
        }

        @Override
        public Optional<String> token() {
            return Optional.ofNullable(bearer);
        }

        @Override
        public MetricsText metrics() {
            return MetricsText.scrape(url.resolve("/metrics"));
        }
    }
}
