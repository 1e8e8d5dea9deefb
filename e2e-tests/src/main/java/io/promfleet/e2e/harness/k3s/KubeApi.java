package io.promfleet.e2e.harness.k3s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The few calls of the Kubernetes REST API the k3s harness needs (discovery, get, list, create, replace,
 * status, delete), over {@code java.net.http} with a bearer token and the server's own CA.
 *
 * <p>Why not the Fabric8 client: the harness must not wait on, nor pin, the live-mode client's version;
 * and a test that wants Fabric8 gets the same server from the kubeconfig {@link K3sFleet} writes.
 */
public final class KubeApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String token;
    private final String caPem;
    private final HttpClient http;
    private final Map<String, Map<String, Resource>> discovery = new ConcurrentHashMap<>();

    public KubeApi(URI server, String token, String caPem) {
        this.server = server;
        this.token = token;
        this.caPem = caPem;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).sslContext(trusting(caPem)).build();
    }

    /** A resource type as discovery names it: {@code pods} for kind {@code Pod} in {@code v1}. */
    public record Resource(String apiVersion, String kind, String plural, boolean namespaced, boolean hasStatus) {

        public String collection(String namespace) {
            String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
            return namespaced && namespace != null ? base + "/namespaces/" + namespace + "/" + plural : base + "/" + plural;
        }

        public String object(String namespace, String name) {
            return collection(namespace) + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        }
    }

    /** A non-2xx answer, with the API's own {@code Status} message. */
    public static final class ApiException extends RuntimeException {
        private final int code;
        private final String reason;

        ApiException(String method, String path, int code, JsonNode status) {
            super(method + " " + path + ": HTTP " + code + " " + status.path("reason").asText("")
                    + ": " + status.path("message").asText(status.toString()));
            this.code = code;
            this.reason = status.path("reason").asText("");
        }

        public int code() {
            return code;
        }

        /** {@code AlreadyExists}, {@code NotFound}, {@code Invalid}, {@code Conflict}, ... */
        public String reason() {
            return reason;
        }
    }

    /**
     * A client of the server of {@code context} in a kubeconfig such as {@link K3sFleet} writes: a bearer token
     * and the CA embedded as {@code certificate-authority-data}. Lets a process other than the test's own (an
     * apply that a test kills) reach the same servers.
     */
    public static KubeApi fromKubeconfig(Path kubeconfig, String context) {
        JsonNode config;
        try {
            config = new ObjectMapper(new YAMLFactory()).readTree(kubeconfig.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfig, e);
        }
        JsonNode ctx = named(config.path("contexts"), context, kubeconfig).path("context");
        JsonNode cluster = named(config.path("clusters"), ctx.path("cluster").asText(), kubeconfig).path("cluster");
        JsonNode user = named(config.path("users"), ctx.path("user").asText(), kubeconfig).path("user");
        return new KubeApi(URI.create(cluster.path("server").asText()), user.path("token").asText(),
                new String(Base64.getDecoder().decode(cluster.path("certificate-authority-data").asText()),
                        StandardCharsets.US_ASCII));
    }

    private static JsonNode named(JsonNode list, String name, Path kubeconfig) {
        for (JsonNode item : list) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new IllegalArgumentException(kubeconfig + " has no entry named " + name);
    }

    public URI server() {
        return server;
    }

    /** The bearer token it sends. */
    public String token() {
        return token;
    }

    /** The CA (PEM) it trusts, which signed the server's certificate. */
    public String caPem() {
        return caPem;
    }

    /**
     * The resource serving {@code kind} in {@code apiVersion}, from discovery; empty when the server does
     * not know it. A group/version that is not there yet (a CRD still being established) is asked again next
     * time rather than remembered as absent.
     */
    public Optional<Resource> resource(String apiVersion, String kind) {
        Map<String, Resource> byKind = discovery.get(apiVersion);
        if (byKind == null) {
            String path = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
            Optional<JsonNode> list = find(path);
            if (list.isEmpty()) {
                return Optional.empty();
            }
            byKind = new ConcurrentHashMap<>();
            List<String> withStatus = new ArrayList<>();
            for (JsonNode r : list.get().path("resources")) {
                String name = r.path("name").asText();
                if (name.endsWith("/status")) {
                    withStatus.add(name.substring(0, name.length() - "/status".length()));
                }
            }
            for (JsonNode r : list.get().path("resources")) {
                String name = r.path("name").asText();
                if (!name.contains("/")) {
                    byKind.put(r.path("kind").asText(), new Resource(apiVersion, r.path("kind").asText(), name,
                            r.path("namespaced").asBoolean(), withStatus.contains(name)));
                }
            }
            discovery.put(apiVersion, byKind);
        }
        return Optional.ofNullable(byKind.get(kind));
    }

    /** Forgets discovery, e.g. after CRDs were established. */
    public void refreshDiscovery() {
        discovery.clear();
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public Optional<JsonNode> find(String path) {
        try {
            return Optional.of(get(path));
        } catch (ApiException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every object of the resource, in every namespace. */
    public List<ObjectNode> list(Resource resource) {
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode item : get(resource.collection(null)).path("items")) {
            items.add((ObjectNode) item);
        }
        return items;
    }

    public JsonNode create(String collectionPath, JsonNode object) {
        return send("POST", collectionPath, object);
    }

    public JsonNode replace(String objectPath, JsonNode object) {
        return send("PUT", objectPath, object);
    }

    public JsonNode delete(String objectPath) {
        return send("DELETE", objectPath, null);
    }

    /**
     * Deletes at once ({@code gracePeriodSeconds: 0}), as the kubelet does once a terminating Pod's containers
     * have stopped: a Pod bound to a Node otherwise stays Terminating, and no kubelet runs here.
     */
    public JsonNode deleteNow(String objectPath) {
        return send("DELETE", objectPath, JSON.createObjectNode().put("apiVersion", "v1").put("kind", "DeleteOptions")
                .put("gracePeriodSeconds", 0));
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = response.body().length == 0 ? JSON.createObjectNode() : parse(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(method, path, response.statusCode(), answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + server.resolve(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // e.g. /readyz answers plain text
            return JSON.createObjectNode().put("message", new String(body, StandardCharsets.UTF_8));
        }
    }

    private static SSLContext trusting(String caPem) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
                trust.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot read the server's CA certificate", e);
        }
    }
}
