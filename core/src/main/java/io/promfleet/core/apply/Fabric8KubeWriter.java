package io.promfleet.core.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.core.live.KubeAccessException;
import io.promfleet.core.live.KubeKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link KubeWriter} through the Fabric8 client, every kind handled as a generic resource. */
public final class Fabric8KubeWriter implements KubeWriter {

    private final String cluster;
    private final KubernetesClient client;

    public Fabric8KubeWriter(String cluster, KubernetesClient client) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String cluster() {
        return cluster;
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectRef ref) {
        KubeKind kind = ref.resource();
        try {
            var resources = client.genericKubernetesResources(context(kind));
            GenericKubernetesResource item = kind.namespaced()
                    ? resources.inNamespace(ref.namespace()).withName(ref.name()).get()
                    : resources.withName(ref.name()).get();
            return Optional.ofNullable(item).map(i -> tree(i, kind));
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, "get " + ref);
        }
    }

    @Override
    public Map<String, Object> create(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        KubeKind kind = ref.resource();
        try {
            return tree(resource(kind, ref, object).dryRun(dryRun).create(), kind);
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, "create " + ref + (dryRun ? " (dry run)" : ""));
        }
    }

    @Override
    public Map<String, Object> replace(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        KubeKind kind = ref.resource();
        try {
            // update() is a PUT carrying the object's resourceVersion: a concurrent change makes it a 409, not a silent overwrite.
            return tree(resource(kind, ref, object).dryRun(dryRun).update(), kind);
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, "replace " + ref + (dryRun ? " (dry run)" : ""));
        }
    }

    @Override
    public void delete(ObjectRef ref, boolean dryRun) {
        KubeKind kind = ref.resource();
        try {
            var resources = client.genericKubernetesResources(context(kind));
            var named = kind.namespaced() ? resources.inNamespace(ref.namespace()).withName(ref.name())
                    : resources.withName(ref.name());
            named.dryRun(dryRun).delete();
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, "delete " + ref + (dryRun ? " (dry run)" : ""));
        }
    }

    @Override
    public String proxy(ApiRequest request) {
        String uri = "/api/v1/namespaces/" + request.namespace() + "/services/" + request.service() + ":"
                + request.port() + "/proxy" + request.path();
        try {
            return client.raw(uri, request.method(), request.method().equals("GET") ? null : Map.of());
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, request.method() + " " + uri);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(KubeKind kind, ObjectRef ref,
            Map<String, Object> object) {
        GenericKubernetesResource item = Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class);
        var resources = client.genericKubernetesResources(context(kind));
        return kind.namespaced() ? resources.inNamespace(ref.namespace()).resource(item) : resources.resource(item);
    }

    private static ResourceDefinitionContext context(KubeKind kind) {
        return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(kind.version())
                .withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(kind.namespaced()).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(GenericKubernetesResource item, KubeKind kind) {
        Map<String, Object> tree = new LinkedHashMap<>(Serialization.jsonMapper().convertValue(item, Map.class));
        tree.putIfAbsent("apiVersion", kind.apiVersion());
        tree.putIfAbsent("kind", kind.kind());
        return tree;
    }
}
