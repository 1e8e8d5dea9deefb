package io.promfleet.e2e.harness.k3s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The objects of the kinds promfleet reads, as a server holds them: keys, and a {@code kubectl get -o yaml}-like export. */
public final class ServerObjects {

    /** The kinds of the fleet contract (design.md, "Fleet input"), with the API version they are read in. */
    public static final Map<String, String> READ_KINDS = readKinds();

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ServerObjects() {}

    private static Map<String, String> readKinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (String kind : List.of("Pod", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "Node")) {
            kinds.put(kind, "v1");
        }
        for (String kind : List.of("StatefulSet", "Deployment", "DaemonSet")) {
            kinds.put(kind, "apps/v1");
        }
        kinds.put("Ingress", "networking.k8s.io/v1");
        for (String kind : List.of("Prometheus", "Alertmanager", "ThanosRuler", "ServiceMonitor", "PrometheusRule")) {
            kinds.put(kind, "monitoring.coreos.com/v1");
        }
        kinds.put("PrometheusAgent", "monitoring.coreos.com/v1alpha1");
        return Map.copyOf(kinds);
    }

    /** Every object of {@link #READ_KINDS} on the server, by kind; a kind the server does not serve is empty. */
    public static Map<String, List<ObjectNode>> read(KubeApi api) {
        Map<String, List<ObjectNode>> byKind = new LinkedHashMap<>();
        for (var kind : READ_KINDS.entrySet()) {
            Optional<KubeApi.Resource> resource = api.resource(kind.getValue(), kind.getKey());
            List<ObjectNode> items = new ArrayList<>();
            if (resource.isPresent()) {
                for (ObjectNode item : api.list(resource.get())) {
                    // list items carry no apiVersion/kind of their own; kubectl adds them back too
                    item.put("apiVersion", kind.getValue()).put("kind", kind.getKey());
                    items.add(item);
                }
            }
            byKind.put(kind.getKey(), items);
        }
        return byKind;
    }

    /** The {@link SnapshotLoader#key keys} of every object of {@link #READ_KINDS} on the server. */
    public static List<String> keys(KubeApi api) {
        return read(api).values().stream().flatMap(List::stream).map(SnapshotLoader::key).sorted().toList();
    }

    /** Writes one {@code kind: List} file per kind into {@code dir}, as {@code kubectl get KIND -A -o yaml} would. */
    public static void export(KubeApi api, Path dir) {
        try {
            Files.createDirectories(dir);
            for (var kind : read(api).entrySet()) {
                ObjectNode list = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "List");
                ArrayNode items = list.putArray("items");
                kind.getValue().forEach(items::add);
                YAML.writeValue(dir.resolve(kind.getKey().toLowerCase(Locale.ROOT) + ".yaml").toFile(), list);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export to " + dir, e);
        }
    }
}
