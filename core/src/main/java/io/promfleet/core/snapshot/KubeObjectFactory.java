package io.promfleet.core.snapshot;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.model.OwnerReference;
import io.promfleet.api.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a plain object tree into a {@link KubeObject}, removing what must never be kept. */
public final class KubeObjectFactory {

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private KubeObjectFactory() {}

    /**
     * Builds the object. The caller has checked that {@code kind} and {@code metadata.name} are present.
     */
    public static KubeObject create(Map<String, Object> tree, SourceLocation source) {
        Map<String, Object> body = new LinkedHashMap<>(tree);
        String kind = String.valueOf(body.get("kind"));
        if (kind.equals("Secret")) {
            body = redactSecret(body);
        }
        Node root = Node.of(body);
        Node metadata = root.get("metadata");
        List<OwnerReference> owners = new ArrayList<>();
        for (Node ref : metadata.get("ownerReferences").elements()) {
            owners.add(new OwnerReference(ref.get("apiVersion").text(null), ref.get("kind").text(""),
                    ref.get("name").text(""), ref.get("controller").asBoolean(false)));
        }
        return new KubeObject(
                root.get("apiVersion").text(null),
                kind,
                metadata.get("namespace").text(null),
                metadata.get("name").text(""),
                metadata.get("labels").textFields(),
                metadata.get("annotations").textFields(),
                owners,
                root,
                source);
    }

    /**
     * Keeps a Secret's keys and drops its values, including the copy kubectl keeps in the
     * last-applied-configuration annotation, so no later step can print them.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> redactSecret(Map<String, Object> body) {
        for (String field : List.of("data", "stringData")) {
            if (body.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> redacted = new LinkedHashMap<>();
                values.keySet().forEach(k -> redacted.put(String.valueOf(k), ""));
                body.put(field, redacted);
            } else if (body.get(field) != null) {
                // Malformed (not a mapping), but it may still hold a value: it has no keys to keep.
                body.put(field, "");
            }
        }
        if (body.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("annotations") instanceof Map<?, ?> annotations
                && annotations.containsKey(LAST_APPLIED)) {
            Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) metadata);
            Map<String, Object> ann = new LinkedHashMap<>((Map<String, Object>) annotations);
            ann.remove(LAST_APPLIED);
            meta.put("annotations", ann);
            body.put("metadata", meta);
        }
        return body;
    }
}
