package io.promfleet.core;

import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.SourceLocation;
import io.promfleet.api.topology.Topology;
import io.promfleet.core.snapshot.KubeObjectFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small in-memory fleets for engine and report tests. */
public final class TestFleets {

    private TestFleets() {}

    public static Cluster cluster(String name, ClusterRole role, KubeObject... objects) {
        return new Cluster(name, role, "cluster.local", List.of(objects), Topology.empty());
    }

    /** An object of {@code kind} with the given annotations (key, value, key, value, ...). */
    public static KubeObject object(String kind, String namespace, String name, String... annotations) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        Map<String, Object> ann = new LinkedHashMap<>();
        for (int i = 0; i < annotations.length; i += 2) {
            ann.put(annotations[i], annotations[i + 1]);
        }
        metadata.put("annotations", ann);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("kind", kind);
        tree.put("metadata", metadata);
        return KubeObjectFactory.create(tree, new SourceLocation("test", 0));
    }
}
