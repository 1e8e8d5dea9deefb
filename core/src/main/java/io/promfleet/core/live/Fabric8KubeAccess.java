package io.promfleet.core.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link KubeAccess} through the Fabric8 Kubernetes client, every kind read as a generic resource. */
public final class Fabric8KubeAccess implements KubeAccess {

    /** Objects per list page: a 2,000-pod namespace arrives in a few pages, not one 50 MB answer. */
    static final int PAGE_SIZE = 500;

    private final String cluster;
    private final KubernetesClient client;

    public Fabric8KubeAccess(String cluster, KubernetesClient client) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * A client for {@code config} with promfleet's time limits, and no retries: the client's default of
     * ten retries with back-off would turn one refused connection into minutes of waiting, and an audit
     * wants to say "unreachable" promptly.
     */
    public static Fabric8KubeAccess of(String cluster, Config config, Duration connectTimeout, Duration requestTimeout) {
        return new Fabric8KubeAccess(cluster, client(config, connectTimeout, requestTimeout));
    }

    /** A client for {@code config} with these time limits and no retries, for reading or (apply) writing. */
    public static KubernetesClient client(Config config, Duration connectTimeout, Duration requestTimeout) {
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public String cluster() {
        return cluster;
    }

    @Override
    public List<Map<String, Object>> list(KubeKind kind) {
        try {
            MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
                    resources = client.genericKubernetesResources(context(kind));
            List<Map<String, Object>> objects = new ArrayList<>();
            String next = null;
            do {
                var options = new ListOptionsBuilder().withLimit((long) PAGE_SIZE).withContinue(next).build();
                GenericKubernetesResourceList page = kind.namespaced()
                        ? resources.inAnyNamespace().list(options) : resources.list(options);
                page.getItems().forEach(item -> objects.add(tree(item, kind)));
                next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (next != null && !next.isEmpty());
            return objects;
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, "list " + kind.plural());
        }
    }

    @Override
    public Optional<Map<String, Object>> get(KubeKind kind, String namespace, String name) {
        try {
            var resources = client.genericKubernetesResources(context(kind));
            GenericKubernetesResource item = kind.namespaced()
                    ? resources.inNamespace(namespace).withName(name).get() : resources.withName(name).get();
            return Optional.ofNullable(item).map(i -> tree(i, kind));
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, "get " + kind.plural() + " " + name);
        }
    }

    @Override
    public ExecResult exec(String namespace, String pod, String container, List<String> command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String what = "exec in pod " + namespace + "/" + pod;
        try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .writingOutput(out).writingError(err).exec(command.toArray(String[]::new))) {
            Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ExecResult(code == null ? -1 : code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubeAccessException.classify(e, what);
        } catch (TimeoutException e) {
            throw new KubeAccessException(KubeAccessException.Reason.TIMEOUT, 0,
                    what + ": no answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw KubeAccessException.classify(e.getCause(), what);
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, what);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Where the API serves {@code kind}, for the generic-resource DSL (apply's writes use it too). */
    public static ResourceDefinitionContext context(KubeKind kind) {
        return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(kind.version())
                .withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(kind.namespaced()).build();
    }

    /**
     * The object as a plain tree. The API leaves {@code apiVersion} and {@code kind} out of list items;
     * they are put back so that the tree reads exactly like an object of an offline snapshot.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> tree(GenericKubernetesResource item, KubeKind kind) {
        Map<String, Object> tree = new LinkedHashMap<>(Serialization.jsonMapper().convertValue(item, Map.class));
        if (tree.get("apiVersion") == null) {
            tree.put("apiVersion", kind.apiVersion());
        }
        if (tree.get("kind") == null) {
            tree.put("kind", kind.kind());
        }
        return tree;
    }
}
