package io.promfleet.core.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.WritableOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.core.live.Fabric8KubeAccess;
import io.promfleet.core.live.KubeAccessException;
import io.promfleet.core.live.KubeKind;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** {@link KubeWriter} through the Fabric8 client, every kind handled as a generic resource. */
public final class Fabric8KubeWriter implements KubeWriter {

    private final String cluster;
    private final KubernetesClient client;
    private final Fabric8KubeAccess reader;

    public Fabric8KubeWriter(String cluster, KubernetesClient client) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.client = Objects.requireNonNull(client, "client");
        this.reader = new Fabric8KubeAccess(cluster, client);
    }

    @Override
    public String cluster() {
        return cluster;
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectRef ref) {
        return reader.get(ref.resource(), ref.namespace(), ref.name());
    }

    @Override
    public Map<String, Object> create(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        return write("create", ref, object, dryRun, WritableOperation::create);
    }

    @Override
    public Map<String, Object> replace(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        // update() is a PUT carrying the object's resourceVersion: a concurrent change makes it a 409, not a silent overwrite.
        return write("replace", ref, object, dryRun, WritableOperation::update);
    }

    private Map<String, Object> write(String verb, ObjectRef ref, Map<String, Object> object, boolean dryRun,
            Function<WritableOperation<GenericKubernetesResource>, GenericKubernetesResource> operation) {
        KubeKind kind = ref.resource();
        try {
            return Fabric8KubeAccess.tree(operation.apply(resource(kind, ref, object).dryRun(dryRun)), kind);
        } catch (RuntimeException e) {
            throw KubeAccessException.classify(e, verb + " " + ref + (dryRun ? " (dry run)" : ""));
        }
    }

    @Override
    public void delete(ObjectRef ref, boolean dryRun) {
        KubeKind kind = ref.resource();
        try {
            var resources = client.genericKubernetesResources(Fabric8KubeAccess.context(kind));
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
        var resources = client.genericKubernetesResources(Fabric8KubeAccess.context(kind));
        return kind.namespaced() ? resources.inNamespace(ref.namespace()).resource(item) : resources.resource(item);
    }
}
