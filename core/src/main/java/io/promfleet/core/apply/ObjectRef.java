package io.promfleet.core.apply;

import io.promfleet.api.plan.ObjectChange;
import io.promfleet.core.live.KubeKind;
import java.util.Objects;

/**
 * One Kubernetes object, by where the API serves it.
 *
 * @param cluster    the fleet file's name of the cluster
 * @param apiVersion as the plan gives it, e.g. {@code apps/v1}
 * @param kind       e.g. {@code StatefulSet}
 * @param namespace  the namespace, or {@code null} for a cluster-scoped object
 * @param name       the object's name
 */
public record ObjectRef(String cluster, String apiVersion, String kind, String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ObjectRef of(ObjectChange change) {
        return new ObjectRef(change.cluster(), change.apiVersion(), change.kind(), change.namespace(), change.name());
    }

    /**
     * Where the API serves the kind. Only the kinds promfleet reads can be written: an action that changes
     * anything else (a ClusterRole, say) is not one a remediator of this version plans, so it is refused.
     *
     * @throws ApplyRefusedException for a kind promfleet does not know
     */
    public KubeKind resource() {
        return resource(ApplyTexts.ENGLISH);
    }

    /** {@link #resource()}, refusing in the language of {@code texts}. */
    KubeKind resource(ApplyTexts texts) {
        KubeKind known = KubeKind.of(kind).orElseThrow(() -> new ApplyRefusedException(texts.get("refused.kind",
                this, kind, KubeKind.ALL.stream().map(KubeKind::kind).toList())));
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        if (!group.equals(known.group())) {
            throw new ApplyRefusedException(texts.get("refused.api-group", this, apiVersion, known.group(), kind));
        }
        if (known.namespaced() && (namespace == null || namespace.isBlank())) {
            throw new ApplyRefusedException(texts.get("refused.namespace", this, kind));
        }
        return new KubeKind(known.kind(), group, version, known.plural(), known.namespaced());
    }

    @Override
    public String toString() {
        return cluster + ":" + (namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name);
    }
}
