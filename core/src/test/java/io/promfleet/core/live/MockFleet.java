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
    private final Map<String, Recorder> recorders = new LinkedHashMap<>();
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
            Recorder recorder = new Recorder(new HashMap<>());
            fleet.recorders.put(cluster.name(), recorder);
            fleet.servers.put(cluster.name(), newServer(recorder));
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
        fleet.recorders.values().forEach(Recorder::clear);
        return fleet;
    }

    private static KubernetesMockServer newServer(Recorder dispatcher) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), dispatcher.responses,
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

    /**
     * Answers {@code --probe}'s exec into the seed fleet's edge agent ({@code monitoring/prometheus-agent-0},
     * container {@code prometheus}) on {@code cluster} with {@code frames} — what wget printed, then its exit
     * status. The path is the exec URL Fabric8 requests: the command's words, the container, then which streams
     * to attach.
     */
    public void expectProbe(String cluster, String readyUrl, io.fabric8.mockwebserver.internal.WebSocketMessage... frames) {
        StringBuilder path = new StringBuilder("/api/v1/namespaces/monitoring/pods/prometheus-agent-0/exec?");
        for (String word : List.of("wget", "-q", "-O", "-", "-T", "5", readyUrl)) {
            path.append("command=").append(java.net.URLEncoder.encode(word, java.nio.charset.StandardCharsets.UTF_8))
                    .append('&');
        }
        path.append("container=prometheus&stdout=true&stderr=true");
        var open = server(cluster).expect().get().withPath(path.toString()).andUpgradeToWebSocket().open();
        for (io.fabric8.mockwebserver.internal.WebSocketMessage frame : frames) {
            open = open.immediately().andEmit(frame);
        }
        open.done().always();
    }

    /** A factory for the generated kubeconfig, with short time limits for tests. */
    public KubeAccess.Factory accessFactory() {
        return new KubeconfigAccessFactory(List.of(kubeconfig), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(5));
    }

    /** Every request the cluster's server answered since the fleet was loaded: {@code METHOD path?query}. */
    public List<String> requests(String cluster) {
        return recorders.get(cluster).requests();
    }

    /** The requests that write (POST, PUT, PATCH, DELETE) since the fleet was loaded, on every cluster. */
    public List<String> writes() {
        return recorders.values().stream().flatMap(r -> r.requests().stream())
                .filter(r -> !r.startsWith("GET ")).toList();
    }

    /**
     * The CRUD dispatcher, recording each request and honouring server-side dry run ({@code dryRun=All}), which
     * Fabric8's CRUD mode (6.13) ignores: a dry-run write is checked against the stored objects (a create of an
     * existing object is a 409, a write to a missing one a 404) and answered, but not stored, as a real API
     * server does. What that leaves out (admission, defaulting, validation) is what the k3s tests cover.
     */
    static final class Recorder extends KubernetesMixedDispatcher {
        final Map<ServerRequest, Queue<ServerResponse>> responses;
        private final List<String> requests = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        Recorder(Map<ServerRequest, Queue<ServerResponse>> responses) {
            super(responses);
            this.responses = responses;
        }

        List<String> requests() {
            synchronized (requests) {
                return List.copyOf(requests);
            }
        }

        void clear() {
            requests.clear();
        }

        @Override
        public okhttp3.mockwebserver.MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request)
                throws InterruptedException {
            requests.add(request.getMethod() + " " + request.getPath());
            String path = request.getPath() == null ? "" : request.getPath();
            if (request.getMethod().equals("GET") || !path.contains("dryRun=All")) {
                return super.dispatch(request);
            }
            String body = request.getBody().readUtf8();
            String objectPath = path.replaceAll("\\?.*", "");
            if (request.getMethod().equals("POST")) {
                Map<?, ?> object = Serialization.unmarshal(body, Map.class);
                Object name = ((Map<?, ?>) object.get("metadata")).get("name");
                objectPath = objectPath + "/" + name;
            }
            boolean exists = super.dispatch(get(request, objectPath)).getStatus().contains(" 200");
            int status = switch (request.getMethod()) {
                case "POST" -> exists ? 409 : 201;
                default -> exists ? 200 : 404;
            };
            String answer = status >= 400 ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                    + status + "}" : request.getMethod().equals("DELETE") ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}" : body;
            return new okhttp3.mockwebserver.MockResponse().setResponseCode(status).setBody(answer)
                    .setHeader("Content-Type", "application/json");
        }

        private static okhttp3.mockwebserver.RecordedRequest get(okhttp3.mockwebserver.RecordedRequest original,
                String path) {
            return new okhttp3.mockwebserver.RecordedRequest("GET " + path + " HTTP/1.1", original.getHeaders(),
                    List.of(), 0, new okio.Buffer(), 0, new java.net.Socket());
        }
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
