package io.promfleet.e2e.harness.k3s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promfleet.core.tree.TreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Creates an offline snapshot's objects in a real API server, the way they existed in the exported cluster.
 *
 * <ul>
 *   <li>Every kind the server serves is loaded, not only the kinds promfleet reads: ReplicaSets and
 *       ServiceAccounts are the owners and references the read kinds need.</li>
 *   <li>Order: Namespaces (also those only referenced), cluster-scoped objects, configuration, Services, the
 *       operator's resources (they own StatefulSets), workloads, ReplicaSets, Pods, the rest. An object whose
 *       owner comes later in the snapshot waits for it.</li>
 *   <li>Server-owned metadata ({@code uid}, {@code resourceVersion}, {@code creationTimestamp}, ...) is
 *       dropped; {@code ownerReferences} are pointed at the owners' new uids, and dropped when the owner is not
 *       in the snapshot (else the garbage collector would delete the object at once). A Service's cluster IP
 *       is dropped (the exported cluster's service range is not this server's).</li>
 *   <li>{@code status} is written through the status subresource after create, because create ignores it:
 *       that is how a Pod in Error or CrashLoopBackOff exists without a kubelet.</li>
 *   <li>Objects the server already has (the {@code default} namespace, the {@code kubernetes} Service) are
 *       left as the server made them.</li>
 * </ul>
 */
public final class SnapshotLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> SERVER_OWNED = List.of("uid", "resourceVersion", "creationTimestamp", "selfLink",
            "generation", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds");

    private static final Map<String, Integer> RANK = new HashMap<>();

    static {
        String[][] order = {
                {"Namespace"},
                {"CustomResourceDefinition", "PriorityClass", "StorageClass", "ClusterRole", "ClusterRoleBinding",
                        "Node", "PersistentVolume"},
                {"ServiceAccount", "Secret", "ConfigMap", "Role", "RoleBinding", "LimitRange", "ResourceQuota"},
                {"PersistentVolumeClaim", "Service"},
                {"Prometheus", "PrometheusAgent", "Alertmanager", "ThanosRuler", "ServiceMonitor", "PodMonitor",
                        "PrometheusRule", "Probe", "AlertmanagerConfig", "ScrapeConfig"},
                {"Deployment", "StatefulSet", "DaemonSet", "CronJob"},
                {"ReplicaSet", "Job", "ControllerRevision"},
                {"Pod"},
        };
        for (int i = 0; i < order.length; i++) {
            for (String kind : order[i]) {
                RANK.put(kind, i);
            }
        }
    }

    /** What a load did, per object key {@code Kind namespace/name}. */
    public record Report(Map<String, Integer> createdByKind, List<String> alreadyThere, List<String> skipped,
                         List<String> droppedOwners, List<String> adjusted, List<String> failures) {

        public int created() {
            return createdByKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return "created " + createdByKind + ", already there " + alreadyThere + ", skipped " + skipped
                    + ", owner references dropped " + droppedOwners + ", adjusted " + adjusted + ", failures " + failures;
        }
    }

    private final KubeApi api;

    public SnapshotLoader(KubeApi api) {
        this.api = api;
    }

    /**
     * Every object in the snapshot directory, as {@code kubectl get -o yaml|json} wrote them, Lists flattened,
     * one object per key (the last one read wins, as {@code kubectl apply} of the directory would leave it).
     */
    public static List<ObjectNode> readSnapshot(Path directory) {
        TreeReader reader = new TreeReader();
        Map<String, ObjectNode> objects = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).filter(SnapshotLoader::isManifest).sorted().toList()) {
                for (Object document : reader.read(file).documents()) {
                    if (document != null) {
                        flatten(JSON.valueToTree(document), objects);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return new ArrayList<>(objects.values());
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static void flatten(JsonNode node, Map<String, ObjectNode> into) {
        if (node instanceof ArrayNode array) {
            array.forEach(item -> flatten(item, into));
        } else if (node instanceof ObjectNode object && object.path("kind").isTextual()) {
            if (object.path("kind").asText().endsWith("List") && object.path("items").isArray()) {
                object.path("items").forEach(item -> flatten(item, into));
            } else if (object.path("metadata").path("name").isTextual()) {
                into.put(key(object), object);
            }
        }
    }

    /** {@code Kind namespace/name}, or {@code Kind name} for a cluster-scoped object. */
    public static String key(JsonNode object) {
        String namespace = object.path("metadata").path("namespace").asText("");
        return object.path("kind").asText() + " " + (namespace.isEmpty() ? "" : namespace + "/")
                + object.path("metadata").path("name").asText();
    }

    public Report load(List<ObjectNode> snapshot) {
        Map<String, Integer> created = new TreeMap<>();
        List<String> alreadyThere = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> droppedOwners = new ArrayList<>();
        List<String> adjusted = new ArrayList<>();
        List<String> failures = new ArrayList<>();

        Set<String> inSnapshot = new LinkedHashSet<>();
        snapshot.forEach(o -> inSnapshot.add(ownerKey(o.path("kind").asText(),
                o.path("metadata").path("namespace").isTextual() ? o.path("metadata").path("namespace").asText() : null,
                o.path("metadata").path("name").asText())));
        Map<String, String> newUids = new HashMap<>();

        List<ObjectNode> pending = new ArrayList<>(snapshot);
        pending.addAll(implicitNamespaces(snapshot));
        pending.sort(Comparator.comparingInt(o -> RANK.getOrDefault(o.path("kind").asText(), RANK.size())));

        while (!pending.isEmpty()) {
            List<ObjectNode> waiting = new ArrayList<>();
            for (ObjectNode original : pending) {
                String key = key(original);
                Optional<KubeApi.Resource> resource = api.resource(original.path("apiVersion").asText(),
                        original.path("kind").asText());
                if (resource.isEmpty()) {
                    skipped.add(key + " (the server serves no " + original.path("apiVersion").asText() + " "
                            + original.path("kind").asText() + ")");
                    continue;
                }
                ObjectNode object = original.deepCopy();
                ObjectNode metadata = (ObjectNode) object.path("metadata");
                String namespace = resource.get().namespaced() ? namespaceOf(object) : null;
                if (namespace != null) {
                    metadata.put("namespace", namespace);
                }
                if (!pointOwnersAtNewUids(metadata, namespace, inSnapshot, newUids, key, droppedOwners)) {
                    waiting.add(original);
                    continue;
                }
                SERVER_OWNED.forEach(metadata::remove);
                JsonNode status = object.remove("status");
                forThisServer(object).ifPresent(change -> adjusted.add(key + ": " + change));
                try {
                    JsonNode made = api.create(resource.get().collection(namespace), object);
                    newUids.put(ownerKey(object.path("kind").asText(), namespace, metadata.path("name").asText()),
                            made.path("metadata").path("uid").asText());
                    created.merge(object.path("kind").asText(), 1, Integer::sum);
                    if (status != null && !status.isEmpty() && resource.get().hasStatus()) {
                        writeStatus(resource.get(), namespace, (ObjectNode) made, status);
                    }
                } catch (KubeApi.ApiException e) {
                    if (e.reason().equals("AlreadyExists")) {
                        alreadyThere.add(key);
                        api.find(resource.get().object(namespace, metadata.path("name").asText())).ifPresent(existing ->
                                newUids.put(ownerKey(object.path("kind").asText(), namespace, metadata.path("name").asText()),
                                        existing.path("metadata").path("uid").asText()));
                    } else {
                        failures.add(key + ": " + e.getMessage());
                    }
                }
            }
            if (waiting.size() == pending.size()) {
                // owners that never came (a cycle, or an owner that failed): load without them
                for (ObjectNode o : waiting) {
                    ((ObjectNode) o.path("metadata")).remove("ownerReferences");
                    droppedOwners.add(key(o) + " (its owner could not be created)");
                }
            }
            pending = waiting;
        }
        return new Report(created, alreadyThere, skipped, droppedOwners, adjusted, failures);
    }

    /**
     * Rewrites each owner reference to the owner's uid on this server. False when an owner in the snapshot
     * is not created yet; an owner the snapshot does not have is dropped.
     */
    private static boolean pointOwnersAtNewUids(ObjectNode metadata, String namespace, Set<String> inSnapshot,
                                                Map<String, String> newUids, String key, List<String> dropped) {
        if (!(metadata.get("ownerReferences") instanceof ArrayNode owners)) {
            return true;
        }
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode owner : owners) {
            String ownerKey = ownerKey(owner.path("kind").asText(), namespace, owner.path("name").asText());
            String clusterScoped = ownerKey(owner.path("kind").asText(), null, owner.path("name").asText());
            String uid = newUids.getOrDefault(ownerKey, newUids.get(clusterScoped));
            if (uid != null) {
                kept.add(((ObjectNode) owner.deepCopy()).put("uid", uid));
            } else if (inSnapshot.contains(ownerKey) || inSnapshot.contains(clusterScoped)) {
                return false;
            } else {
                dropped.add(key + " -> " + owner.path("kind").asText() + " " + owner.path("name").asText());
            }
        }
        if (kept.isEmpty()) {
            metadata.remove("ownerReferences");
        } else {
            metadata.set("ownerReferences", kept);
        }
        return true;
    }

    /**
     * Fields whose exported value only made sense in the exported cluster; and, said in the report, what a
     * real API server would refuse outright.
     */
    private static Optional<String> forThisServer(ObjectNode object) {
        String kind = object.path("kind").asText();
        Optional<String> change = Optional.empty();
        if (kind.equals("Service") && object.path("spec") instanceof ObjectNode spec
                && !spec.path("clusterIP").asText().equals("None")) {
            spec.remove("clusterIP");
            spec.remove("clusterIPs");
        }
        if (kind.equals("PersistentVolume") && object.path("spec").path("claimRef") instanceof ObjectNode claimRef) {
            claimRef.remove("uid");
            claimRef.remove("resourceVersion");
        }
        if (kind.equals("Pod")) {
            // The API server rejects a container that mounts the same path twice ("must be unique"), so no
            // cluster held such a Pod; an identical repeated entry can only come from the export. Keep one.
            int removed = 0;
            for (String containers : List.of("initContainers", "containers")) {
                for (JsonNode container : object.path("spec").path(containers)) {
                    if (container.get("volumeMounts") instanceof ArrayNode mounts) {
                        Set<JsonNode> seen = new LinkedHashSet<>();
                        ArrayNode unique = JSON.createArrayNode();
                        for (JsonNode mount : mounts) {
                            if (seen.add(mount)) {
                                unique.add(mount);
                            } else {
                                removed++;
                            }
                        }
                        ((ObjectNode) container).set("volumeMounts", unique);
                    }
                }
            }
            if (removed > 0) {
                change = Optional.of("dropped " + removed + " repeated identical volumeMounts");
            }
        }
        return change;
    }

    private void writeStatus(KubeApi.Resource resource, String namespace, ObjectNode made, JsonNode status) {
        String path = resource.object(namespace, made.path("metadata").path("name").asText()) + "/status";
        for (int attempt = 0; ; attempt++) {
            made.set("status", status);
            try {
                api.replace(path, made);
                return;
            } catch (KubeApi.ApiException e) {
                if (!e.reason().equals("Conflict") || attempt == 3) {
                    throw e;
                }
                // a controller (e.g. the service account token one) touched it meanwhile
                made = (ObjectNode) api.get(resource.object(namespace, made.path("metadata").path("name").asText()));
            }
        }
    }

    private static List<ObjectNode> implicitNamespaces(List<ObjectNode> snapshot) {
        Set<String> declared = new LinkedHashSet<>();
        Set<String> referenced = new LinkedHashSet<>();
        for (ObjectNode o : snapshot) {
            if (o.path("kind").asText().equals("Namespace")) {
                declared.add(o.path("metadata").path("name").asText());
            } else if (o.path("metadata").path("namespace").isTextual()) {
                referenced.add(o.path("metadata").path("namespace").asText());
            }
        }
        referenced.removeAll(declared);
        List<ObjectNode> namespaces = new ArrayList<>();
        for (String name : referenced) {
            ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            namespaces.add(ns);
        }
        return namespaces;
    }

    private static String namespaceOf(JsonNode object) {
        String namespace = object.path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? "default" : namespace;
    }

    private static String ownerKey(String kind, String namespace, String name) {
        return kind + " " + (namespace == null ? "" : namespace) + "/" + name;
    }
}
