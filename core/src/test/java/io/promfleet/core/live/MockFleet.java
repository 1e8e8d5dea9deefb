package io.promfleet.core.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.promfleet.api.model.KubeObject;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import okhttp3.mockwebserver.MockWebServer;

/**
 * A fleet of Kubernetes APIs on loopback: one Fabric8 mock server per cluster of a fleet file, in CRUD
 * mode (expectations, e.g. a 403, take precedence), loaded with the objects of the cluster's offline
 * snapshot, and a kubeconfig with one context per cluster named as the fleet file names it. The test
 * kit for live mode, shared with the distribution's tests.
 */
public final class MockFleet implements AutoCloseable {

    /** MockWebServer logs every request at INFO; held here, or the JDK may forget the level with the logger. */
    private static final java.util.logging.Logger SERVER_LOG = quiet(MockWebServer.class.getName());

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private final FleetSpec spec;
    private final Map<String, KubernetesMockServer> servers = new LinkedHashMap<>();
    private final Path kubeconfig;

    private MockFleet(FleetSpec spec, Path kubeconfig) {
        this.spec = spec;
        this.kubeconfig = kubeconfig;
    }

    /** Starts one server per cluster of {@code fleetFile}, loads its snapshot, writes the kubeconfig in {@code dir}. */
    public static MockFleet start(Path fleetFile, Path dir) {
        FleetSpec spec = new FleetFileParser().parse(fleetFile);
        MockFleet fleet = new MockFleet(spec, dir.resolve("kubeconfig"));
        for (ClusterSpec cluster : spec.clusters()) {
            fleet.servers.put(cluster.name(), newServer());
        }
        // Loaded in parallel: a few hundred objects per cluster, each one POST.
        spec.clusters().parallelStream().forEach(cluster -> {
            try (KubernetesClient client = fleet.servers.get(cluster.name()).createClient()) {
                for (KubeObject object : new SnapshotReader().read(cluster.snapshot())) {
                    create(client, object);
                }
            }
        });
        fleet.writeKubeconfig();
        return fleet;
    }

    private static KubernetesMockServer newServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(responses);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                dispatcher, false);
        for (KubeKind kind : KubeKind.ALL) {
            if (kind.isCustomResource()) {
                server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(kind.group())
                        .withVersion(kind.version()).withPlural(kind.plural()).withKind(kind.kind())
                        .withScope("Namespaced").build());
            }
        }
        server.init();
        return server;
    }

    @SuppressWarnings("unchecked")
    private static void create(KubernetesClient client, KubeObject object) {
        KubeKind kind = KubeKind.of(object.kind()).orElseThrow();
        Map<String, Object> tree = (Map<String, Object>) object.body().unwrap();
        GenericKubernetesResource resource = Serialization.jsonMapper().convertValue(tree, GenericKubernetesResource.class);
        var resources = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup(kind.group()).withVersion(kind.version()).withKind(kind.kind())
                .withPlural(kind.plural()).withNamespaced(kind.namespaced()).build());
        if (kind.namespaced()) {
            resources.inNamespace(object.namespace() == null ? "default" : object.namespace()).resource(resource).create();
        } else {
            resources.resource(resource).create();
        }
    }

    private void writeKubeconfig() {
        StringBuilder clusters = new StringBuilder();
        StringBuilder contexts = new StringBuilder();
        StringBuilder users = new StringBuilder();
        for (ClusterSpec cluster : spec.clusters()) {
            KubernetesMockServer server = servers.get(cluster.name());
            String url = "http://" + server.getHostName() + ":" + server.getPort();
            clusters.append("- name: ").append(cluster.name()).append("\n  cluster:\n    server: ").append(url).append('\n');
            users.append("- name: ").append(cluster.name()).append("-reader\n  user:\n    token: test-token\n");
            contexts.append("- name: ").append(cluster.context()).append("\n  context:\n    cluster: ")
                    .append(cluster.name()).append("\n    user: ").append(cluster.name()).append("-reader\n");
        }
        String text = "apiVersion: v1\nkind: Config\nclusters:\n" + clusters + "contexts:\n" + contexts
                + "users:\n" + users + "current-context: " + spec.clusters().get(0).context() + "\n";
        try {
            Files.writeString(kubeconfig, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public FleetSpec spec() {
        return spec;
    }

    public KubernetesMockServer server(String cluster) {
        return servers.get(cluster);
    }

    /** A factory for the generated kubeconfig, with short time limits for tests. */
    public KubeAccess.Factory accessFactory() {
        return new KubeconfigAccessFactory(List.of(kubeconfig), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(5));
    }

    /** Stops one cluster's server, which then refuses connections. */
    public void stop(String cluster) {
        servers.get(cluster).destroy();
    }

    @Override
    public void close() {
        servers.values().forEach(s -> {
            try {
                s.destroy();
            } catch (RuntimeException ignored) {
                // already stopped by the test
            }
        });
    }
}
