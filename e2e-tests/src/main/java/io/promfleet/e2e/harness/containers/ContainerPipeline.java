package io.promfleet.e2e.harness.containers;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.promfleet.e2e.harness.AgentConfig;
import io.promfleet.e2e.harness.BucketReader;
import io.promfleet.e2e.harness.EdgeAgent;
import io.promfleet.e2e.harness.EdgeSpec;
import io.promfleet.e2e.harness.EmbeddedProxy;
import io.promfleet.e2e.harness.MetricsText;
import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineSpec;
import io.promfleet.e2e.harness.PortAllocator;
import io.promfleet.e2e.harness.PromClient;
import io.promfleet.e2e.harness.ScrapeTarget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;

/**
 * The pipeline as containers: MinIO and Thanos on one Docker network, and each edge agent as a pod in a k3s
 * cluster of its own ({@link EdgeCluster}). The proxy stays in the test JVM; the agents reach it (and the scrape
 * target) through Testcontainers' host port exposure ({@code host.testcontainers.internal}), and the test reads
 * each agent through its cluster's published node port. Receive's ports are bound to fixed host ports so that
 * the proxy's upstream URL survives a restart.
 */
final class ContainerPipeline implements Pipeline {

    private static final String ACCESS_KEY = "promfleet-e2e";
    private static final String SECRET_KEY = "promfleet-e2e-secret";
    private static final String HOST_ALIAS = "host.testcontainers.internal";
    private static final Duration READY = Duration.ofSeconds(120);
    /** Receive flushes and uploads its head on SIGTERM: {@code docker stop} must wait for it. */
    private static final int RECEIVE_STOP_SECONDS = 90;

    private final PipelineSpec spec;
    private final Network network = Network.newNetwork();
    private final PortAllocator ports = new PortAllocator();
    private final List<GenericContainer<?>> containers = new ArrayList<>();
    private final List<EdgeCluster> clusters = new ArrayList<>();
    private final List<ContainerAgent> agents = new ArrayList<>();
    private MinIOContainer minio;
    private GenericContainer<?> receive;
    private GenericContainer<?> query;
    private GenericContainer<?> bucketQuery;
    private EmbeddedProxy proxy;
    private ScrapeTarget target;
    private BucketReader bucket;
    private boolean receiveRunning;

    private ContainerPipeline(PipelineSpec spec) {
        this.spec = spec;
    }

    static Pipeline start(PipelineSpec spec, Path workDir) {
        ContainerPipeline p = new ContainerPipeline(spec);
        try {
            p.startAll(workDir);
            return p;
        } catch (RuntimeException | Error e) {
            String logs = p.diagnostics();
            p.close();
            throw new IllegalStateException("the pipeline did not start: " + e.getMessage() + "\n" + logs, e);
        }
    }

    private void startAll(Path workDir) {
        minio = new MinIOContainer(TestcontainersBackend.MINIO_IMAGE).withUserName(ACCESS_KEY).withPassword(SECRET_KEY)
                .withNetwork(network).withNetworkAliases("minio");
        minio.start();
        bucket = new BucketReader(URI.create(minio.getS3URL()), ACCESS_KEY, SECRET_KEY, BUCKET);
        bucket.createBucket();
        Transferable objstore = Transferable.of("""
                type: S3
                config:
                  bucket: %s
                  endpoint: minio:9000
                  access_key: %s
                  secret_key: %s
                  insecure: true
                  bucket_lookup_type: path
                """.formatted(BUCKET, ACCESS_KEY, SECRET_KEY));

        int receiveHttp = ports.next();
        int receiveWrite = ports.next();
        receive = thanos("receive", objstore, "receive", "--http-address=0.0.0.0:10902", "--grpc-address=0.0.0.0:10901",
                "--remote-write.address=0.0.0.0:19291", "--tsdb.path=/tmp/receive",
                "--label=" + REPLICA_LABEL + "=\"0\"", "--objstore.config-file=/etc/thanos/objstore.yaml")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(receiveHttp), ExposedPort.tcp(10902)),
                        new PortBinding(Ports.Binding.bindPort(receiveWrite), ExposedPort.tcp(19291))));
        receive.start();
        receiveRunning = true;
        query = thanos("query", null, "query", "--http-address=0.0.0.0:10902", "--endpoint=receive:10901");
        query.start();
        thanos("store", objstore, "store", "--http-address=0.0.0.0:10902", "--grpc-address=0.0.0.0:10901",
                "--data-dir=/tmp/store", "--objstore.config-file=/etc/thanos/objstore.yaml",
                "--sync-block-duration=3s").start();
        bucketQuery = thanos("bucket-query", null, "query", "--http-address=0.0.0.0:10902", "--endpoint=store:10901");
        bucketQuery.start();

        String host = receive.getHost();
        proxy = new EmbeddedProxy(spec, "127.0.0.1", ports.next(),
                URI.create("http://" + host + ":" + receiveWrite + "/api/v1/receive"),
                URI.create("http://" + host + ":" + receiveHttp + "/-/ready"), workDir);
        proxy.start();
        target = ScrapeTarget.start();
        Testcontainers.exposeHostPorts(proxy.port(), target.port());

        // One k3s cluster per edge, as the fleet has them; created only now, after the host ports are exposed,
        // so that each node container knows host.testcontainers.internal. Started together: each takes a while.
        for (EdgeSpec edge : spec.edges()) {
            clusters.add(new EdgeCluster(edge.cluster()));
        }
        Startables.deepStart(clusters.stream().map(EdgeCluster::container)).join();
        for (int i = 0; i < spec.edges().size(); i++) {
            EdgeSpec edge = spec.edges().get(i);
            EdgeCluster cluster = clusters.get(i);
            String config = AgentConfig.render(edge, spec.scrapeInterval(), HOST_ALIAS + ":" + target.port(),
                    "localhost:" + AgentManifests.AGENT_PORT,
                    "http://" + HOST_ALIAS + ":" + proxy.port() + "/api/v1/receive", proxy.token(edge));
            cluster.deployAgent(AgentManifests.render(edge.cluster(), config, TestcontainersBackend.PROMETHEUS_IMAGE,
                    HOST_ALIAS, cluster.hostAddress(HOST_ALIAS)), workDir);
            agents.add(new ContainerAgent(edge, cluster.agentUrl(), proxy.token(edge)));
        }
    }

    private GenericContainer<?> thanos(String alias, Transferable objstore, String... command) {
        GenericContainer<?> c = new GenericContainer<>(TestcontainersBackend.THANOS_IMAGE)
                .withNetwork(network).withNetworkAliases(alias)
                .withCommand(command)
                .withExposedPorts(10902)
                .waitingFor(Wait.forHttp("/-/ready").forPort(10902).withStartupTimeout(READY));
        if (objstore != null) {
            c.withCopyToContainer(objstore, "/etc/thanos/objstore.yaml");
        }
        containers.add(c);
        return c;
    }

    private static URI http(GenericContainer<?> c, int port) {
        return URI.create("http://" + c.getHost() + ":" + c.getMappedPort(port));
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
        return URI.create("http://127.0.0.1:" + proxy.port());
    }

    @Override
    public MetricsText proxyMetrics() {
        return MetricsText.scrape(proxyUrl().resolve("/metrics"));
    }

    @Override
    public void stopProxy() {
        proxy.stop();
    }

    @Override
    public void startProxy() {
        proxy.start();
    }

    /** {@code docker stop} (SIGTERM, then a long wait), not Testcontainers' stop, which kills and removes. */
    @Override
    public void stopReceive() {
        DockerClientFactory.instance().client().stopContainerCmd(receive.getContainerId())
                .withTimeout(RECEIVE_STOP_SECONDS).exec();
        receiveRunning = false;
    }

    @Override
    public void startReceive() {
        DockerClientFactory.instance().client().startContainerCmd(receive.getContainerId()).exec();
        receiveRunning = true;
        Wait.forHttp("/-/ready").forPort(10902).withStartupTimeout(READY).waitUntilReady(receive);
    }

    @Override
    public boolean receiveRunning() {
        return receiveRunning;
    }

    @Override
    public PromClient query() {
        return new PromClient(http(query, 10902));
    }

    @Override
    public PromClient bucketQuery() {
        return new PromClient(http(bucketQuery, 10902));
    }

    @Override
    public BucketReader bucket() {
        return bucket;
    }

    @Override
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        for (GenericContainer<?> c : containers) {
            String logs = Optional.ofNullable(c.getContainerId()).map(id -> c.getLogs()).orElse("(not started)");
            String[] lines = logs.split("\n");
            out.append("----- ").append(c.getDockerImageName()).append(' ').append(c.getNetworkAliases())
                    .append(" (last 40 lines) -----\n")
                    .append(String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40),
                            lines.length))).append('\n');
        }
        clusters.forEach(c -> out.append(c.diagnostics()));
        return out.toString();
    }

    @Override
    public void close() {
        for (EdgeCluster c : clusters) {
            c.close();
        }
        for (int i = containers.size() - 1; i >= 0; i--) {
            GenericContainer<?> c = containers.get(i);
            if (c == receive && receiveRunning && c.getContainerId() != null) {
                stopReceive();
            }
            c.stop();
        }
        if (proxy != null) {
            proxy.stop();
        }
        if (target != null) {
            target.close();
        }
        if (minio != null) {
            minio.stop();
        }
        network.close();
    }

    private record ContainerAgent(EdgeSpec spec, URI url, String bearer) implements EdgeAgent {

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
            return MetricsText.scrape(url().resolve("/metrics"));
        }
    }
}
