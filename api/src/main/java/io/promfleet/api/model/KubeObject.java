package io.promfleet.api.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One Kubernetes object as read from a snapshot or a live cluster.
 *
 * <p>The values of a Secret's {@code data} and {@code stringData} are replaced by empty strings when the
 * object is read, so that no check, report or log can leak them; the keys stay.
 *
 * @param apiVersion      e.g. {@code apps/v1}
 * @param kind            e.g. {@code StatefulSet}
 * @param namespace       the namespace, or {@code null} for cluster-scoped objects
 * @param name            {@code metadata.name}
 * @param labels          {@code metadata.labels}
 * @param annotations     {@code metadata.annotations}
 * @param ownerReferences {@code metadata.ownerReferences}
 * @param body            the whole object, reachable by path
 * @param source          where it was read from
 */
public record KubeObject(
        String apiVersion,
        String kind,
        String namespace,
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<OwnerReference> ownerReferences,
        Node body,
        SourceLocation source) {

    /** The annotation listing check ids that must not report this object, comma separated. */
    public static final String IGNORE_ANNOTATION = "promfleet.io/ignore";

    public KubeObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        ownerReferences = List.copyOf(ownerReferences);
        Objects.requireNonNull(body, "body");
    }

    /** The node at {@code path} below the object's root, e.g. {@code at("spec", "replicas")}. */
    public Node at(String... path) {
        return body.path(path);
    }

    public Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }

    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key));
    }

    /** The owner reference with {@code controller: true}, if any. */
    public Optional<OwnerReference> controller() {
        return ownerReferences.stream().filter(OwnerReference::controller).findFirst();
    }

    /** The check ids listed in the {@value #IGNORE_ANNOTATION} annotation. */
    public Set<String> ignoredChecks() {
        return annotation(IGNORE_ANNOTATION)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped objects. */
    public String ref() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }

    /** Never prints the body: it may hold configuration a reader should not see in a log line. */
    @Override
    public String toString() {
        return ref() + " (" + source + ")";
    }
}
