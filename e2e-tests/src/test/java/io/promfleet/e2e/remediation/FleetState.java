package io.promfleet.e2e.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promfleet.e2e.harness.k3s.KubeApi;
import io.promfleet.e2e.harness.k3s.ServerObjects;
import io.promfleet.e2e.harness.k3s.SnapshotLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every object of the kinds promfleet reads, on every cluster of the fleet, as the API servers list them, keyed
 * {@code cluster Kind namespace/name}. {@link #objects} leaves out what only the server decides, so that "equal"
 * means "the same object as far as anyone who wrote it can tell"; {@link #versions} keeps the resourceVersions,
 * which change on every stored write.
 *
 * @param objects  each object without server-managed fields (see {@link #comparable})
 * @param versions each object's {@code metadata.resourceVersion}
 */
record FleetState(Map<String, JsonNode> objects, Map<String, String> versions) {

    /** Metadata the API server sets on every write, which no client chooses. */
    private static final List<String> SERVER_METADATA = List.of("resourceVersion", "uid", "generation",
            "creationTimestamp", "managedFields", "selfLink");

    /**
     * Annotations controllers write on their own: the Deployment controller's revision counter (off here, on in
     * a k3s container), and the TTL controller's on Nodes (it annotates each Node once, whenever it first sees it).
     */
    private static final List<String> CONTROLLER_ANNOTATIONS = List.of("deployment.kubernetes.io/revision",
            "node.alpha.kubernetes.io/ttl");

    static FleetState read(Map<String, KubeApi> clusters) {
        Map<String, JsonNode> objects = new TreeMap<>();
        Map<String, String> versions = new TreeMap<>();
        clusters.forEach((cluster, api) -> ServerObjects.read(api).values().forEach(list -> list.forEach(o -> {
            String key = cluster + " " + SnapshotLoader.key(o);
            versions.put(key, o.path("metadata").path("resourceVersion").asText());
            objects.put(key, comparable(o));
        })));
        return new FleetState(objects, versions);
    }

    /**
     * {@code object} without server-managed metadata and the controllers' own annotations; each owner reference
     * without its {@code uid}, which is the owner's server-assigned identity: an owner deleted and made again
     * (by Helm, say) is the same owner with a new uid; a Service's allocated addresses and ports. {@code status} is kept: nothing in these servers writes
     * it but the loader and the tests, so a status that changed is a change someone made.
     */
    static JsonNode comparable(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove(SERVER_METADATA);
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(CONTROLLER_ANNOTATIONS);
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
            for (JsonNode owner : metadata.path("ownerReferences")) {
                ((ObjectNode) owner).remove("uid");
            }
        }
        if (copy.path("kind").asText().equals("Service") && copy.get("spec") instanceof ObjectNode spec) {
            // Allocated by the server from its ranges when the manifest leaves them out, differently each time.
            spec.remove(List.of("clusterIP", "clusterIPs", "healthCheckNodePort"));
            for (JsonNode port : spec.path("ports")) {
                ((ObjectNode) port).remove("nodePort");
            }
        }
        return copy;
    }

    /**
     * This state with the {@code status} of the objects {@code keys} names left out. For Pods that a rollback
     * made again: a Pod's status is its kubelet's to write, a create ignores it (a real API server stores status
     * only through the status subresource), and in a real cluster the kubelet would run the Pod again and write a
     * new one. So "restored" means: the same Pod, whatever its status says.
     */
    FleetState withoutStatusOf(Set<String> keys) {
        Map<String, JsonNode> copy = new TreeMap<>(objects);
        for (String key : keys) {
            if (copy.get(key) instanceof ObjectNode o) {
                ObjectNode stripped = o.deepCopy();
                stripped.remove("status");
                copy.put(key, stripped);
            }
        }
        return new FleetState(copy, versions);
    }

    /** The keys of every Pod. */
    Set<String> pods() {
        return objects.keySet().stream().filter(k -> k.contains(" Pod ")).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * What differs from {@code expected}, one line per object: missing, unexpected, or the first JSON paths that
     * differ (paths only, never values: Secrets are among these objects).
     */
    List<String> differencesFrom(FleetState expected) {
        List<String> lines = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.objects.keySet());
        keys.addAll(objects.keySet());
        for (String key : keys) {
            JsonNode want = expected.objects.get(key);
            JsonNode have = objects.get(key);
            if (have == null) {
                lines.add(key + ": missing");
            } else if (want == null) {
                lines.add(key + ": not expected");
            } else if (!want.equals(have)) {
                List<String> paths = new ArrayList<>();
                diff("", want, have, paths);
                lines.add(key + ": differs at " + paths.subList(0, Math.min(5, paths.size())));
            }
        }
        return lines;
    }

    private static void diff(String path, JsonNode want, JsonNode have, List<String> paths) {
        if (want.isObject() && have.isObject()) {
            Set<String> fields = new TreeSet<>();
            want.fieldNames().forEachRemaining(fields::add);
            have.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                JsonNode w = want.path(field);
                JsonNode h = have.path(field);
                if (!w.equals(h)) {
                    diff(path + "." + field, w, h, paths);
                }
            }
        } else if (want.isArray() && have.isArray() && want.size() == have.size()) {
            Iterator<JsonNode> w = want.elements();
            Iterator<JsonNode> h = have.elements();
            for (int i = 0; w.hasNext(); i++) {
                JsonNode a = w.next();
                JsonNode b = h.next();
                if (!a.equals(b)) {
                    diff(path + "[" + i + "]", a, b, paths);
                }
            }
        } else {
            paths.add(path.isEmpty() ? "." : path);
        }
    }
}
