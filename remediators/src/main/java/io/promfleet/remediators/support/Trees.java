package io.promfleet.remediators.support;

import io.promfleet.api.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Building and copying object trees for {@link io.promfleet.api.plan.ObjectChange}s. */
public final class Trees {

    /**
     * The fields the API server manages: an after-state carries none of them, so that applying it is a
     * change of what the plan means to change and nothing else.
     */
    private static final List<String> SERVER_MANAGED = List.of("creationTimestamp", "resourceVersion", "uid",
            "generation", "managedFields", "selfLink");

    private Trees() {}

    /** An ordered map of alternating keys and values; {@code null} values are left out. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /** A deep, modifiable copy of {@code node}'s tree, without status and server-managed metadata. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> editable(Node node) {
        Map<String, Object> copy = (Map<String, Object>) copy(node.unwrap());
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> metadata) {
            SERVER_MANAGED.forEach(metadata::remove);
        }
        return copy;
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /** The map at {@code path} below {@code root}, created where missing. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> child(Map<String, Object> root, String... path) {
        Map<String, Object> current = root;
        for (String segment : path) {
            current = (Map<String, Object>) current.computeIfAbsent(segment, k -> new LinkedHashMap<>());
        }
        return current;
    }

    /** Kubernetes object metadata. */
    public static Map<String, Object> metadata(String namespace, String name, Map<String, String> labels) {
        return map("name", name, "namespace", namespace, "labels", labels.isEmpty() ? null : new LinkedHashMap<>(labels));
    }

    /** A DNS-1123 name part for action ids: lower case, dashes for anything else. */
    public static String slug(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
