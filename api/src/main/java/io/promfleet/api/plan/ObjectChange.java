package io.promfleet.api.plan;

import io.promfleet.api.Experimental;
import io.promfleet.api.model.Node;
import java.util.Objects;

/**
 * One Kubernetes object, before and after. A missing {@code before} creates the object; a missing
 * {@code after} deletes it; both present replace it. Neither tree may hold a credential: an object that
 * needs one references a Secret by name.
 *
 * @param cluster    the cluster
 * @param apiVersion e.g. {@code apps/v1}
 * @param kind       e.g. {@code StatefulSet}
 * @param namespace  the namespace, or {@code null} for a cluster-scoped object
 * @param name       the object's name
 * @param before     the object as it is ({@link Node#missing()} when it does not exist yet)
 * @param after      the object as it will be ({@link Node#missing()} when it is to be deleted)
 */
@Experimental(since = "0.1")
public record ObjectChange(
        String cluster, String apiVersion, String kind, String namespace, String name, Node before, Node after)
        implements Change {

    /** What the change does to the object. */
    public enum Operation {
        CREATE, REPLACE, DELETE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ObjectChange {
        requireText(cluster, "cluster");
        requireText(apiVersion, "apiVersion");
        requireText(kind, "kind");
        requireText(name, "name");
        before = before == null ? Node.missing() : before;
        after = after == null ? Node.missing() : after;
        if (before.isMissing() && after.isMissing()) {
            throw new IllegalArgumentException("ObjectChange of " + kind + "/" + name + " has neither before nor after");
        }
    }

    public static ObjectChange create(String cluster, String apiVersion, String kind, String namespace, String name,
            Node after) {
        return new ObjectChange(cluster, apiVersion, kind, namespace, name, Node.missing(), after);
    }

    public static ObjectChange delete(String cluster, String apiVersion, String kind, String namespace, String name,
            Node before) {
        return new ObjectChange(cluster, apiVersion, kind, namespace, name, before, Node.missing());
    }

    public Operation operation() {
        if (before.isMissing()) {
            return Operation.CREATE;
        }
        return after.isMissing() ? Operation.DELETE : Operation.REPLACE;
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} for a cluster-scoped object. */
    public String ref() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }

    @Override
    public String summary() {
        return operation().id() + " " + ref();
    }

    private static void requireText(String value, String field) {
        if (Objects.requireNonNull(value, "ObjectChange." + field).isBlank()) {
            throw new IllegalArgumentException("ObjectChange." + field + " must not be blank");
        }
    }
}
