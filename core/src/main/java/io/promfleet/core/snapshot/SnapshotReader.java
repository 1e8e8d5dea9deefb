package io.promfleet.core.snapshot;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.SourceLocation;
import io.promfleet.core.InputException;
import io.promfleet.core.tree.LocatedTree;
import io.promfleet.core.tree.TreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads an offline snapshot directory: every {@code *.yaml}, {@code *.yml} and {@code *.json} file below
 * it, as {@code kubectl get -o yaml|json} writes them ({@code kind: List} documents, single objects,
 * multi-document YAML). Objects of kinds promfleet does not read are skipped.
 */
public final class SnapshotReader {

    private final TreeReader treeReader = new TreeReader();

    public List<KubeObject> read(Path directory) {
        if (!Files.exists(directory)) {
            throw new InputException(directory + ": snapshot directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new InputException(directory + ": snapshot is not a directory");
        }
        List<KubeObject> objects = new ArrayList<>();
        for (Path file : snapshotFiles(directory)) {
            readFile(file, objects);
        }
        return objects;
    }

    private static List<Path> snapshotFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(directory.relativize(p)))
                    .filter(SnapshotReader::isSnapshotFile)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(directory + ": cannot list snapshot directory: " + e.getMessage(), e);
        }
    }

    /**
     * True when any part of {@code relative} starts with a dot. A snapshot mounted from a ConfigMap holds
     * every file twice, once more under a hidden {@code ..2024_01_01_...} directory; reading both would
     * double every object.
     */
    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSnapshotFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path file, List<KubeObject> into) {
        LocatedTree tree = treeReader.read(file);
        int index = 0;
        for (Object document : tree.documents()) {
            index++;
            if (document == null) {
                continue;
            }
            if (document instanceof Map<?, ?> map) {
                readObjectOrList(file, tree, map, into);
            } else if (document instanceof List<?> list) {
                readItems(file, tree, list, into);
            } else {
                throw InputException.at(file, 0, "document " + index
                        + " is neither a Kubernetes object nor a list of objects");
            }
        }
    }

    private void readObjectOrList(Path file, LocatedTree tree, Map<?, ?> map, List<KubeObject> into) {
        Object kind = map.get("kind");
        // `kubectl get -o yaml` wraps results in kind List; reading the API directly yields e.g. PodList.
        if (map.get("items") instanceof List<?> items && kind instanceof String k && k.endsWith("List")) {
            readItems(file, tree, items, into);
        } else if (map.containsKey("items") && kind instanceof String k && k.endsWith("List")) {
            if (map.get("items") != null) {
                throw InputException.at(file, tree.lineOf(map), "'items' of a " + k + " must be a list");
            }
        } else {
            readObject(file, tree, map, into);
        }
    }

    private void readItems(Path file, LocatedTree tree, List<?> items, List<KubeObject> into) {
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> map)) {
                throw InputException.at(file, tree.lineOf(items), "list item " + i + " is not a Kubernetes object");
            }
            readObjectOrList(file, tree, map, into);
        }
    }

    @SuppressWarnings("unchecked")
    private void readObject(Path file, LocatedTree tree, Map<?, ?> map, List<KubeObject> into) {
        int line = tree.lineOf(map);
        if (!(map.get("kind") instanceof String kind) || kind.isBlank()) {
            throw InputException.at(file, line, "object has no 'kind'");
        }
        if (!SupportedKinds.isSupported(kind)) {
            return;
        }
        if (!(map.get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("name") instanceof String name) || name.isBlank()) {
            throw InputException.at(file, line, kind + " has no 'metadata.name'");
        }
        into.add(KubeObjectFactory.create((Map<String, Object>) map, new SourceLocation(file.toString(), line)));
    }
}
