package io.promfleet.core.apply;

import io.promfleet.api.plan.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link KubeWriter} over a map, recording every write: for engine tests that need no HTTP. */
final class InMemoryCluster implements KubeWriter {

    final String name;
    final Map<ObjectRef, Map<String, Object>> objects = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();
    private long version = 1;

    InMemoryCluster(String name) {
        this.name = name;
    }

    void put(ObjectRef ref, Map<String, Object> object) {
        Map<String, Object> copy = ServerFields.copy(object);
        ApplyEngine.metadata(copy).put("resourceVersion", String.valueOf(version++));
        objects.put(ref, copy);
    }

    @Override
    public String cluster() {
        return name;
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectRef ref) {
        return Optional.ofNullable(objects.get(ref)).map(ServerFields::copy);
    }

    @Override
    public Map<String, Object> create(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        return store("create", ref, object, dryRun);
    }

    @Override
    public Map<String, Object> replace(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        return store("replace", ref, object, dryRun);
    }

    /** A create and a replace store alike here: this cluster checks neither existence nor versions. */
    private Map<String, Object> store(String operation, ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        writes.add(operation + " " + ref + (dryRun ? " dry-run" : ""));
        if (!dryRun) {
            put(ref, object);
        }
        return object;
    }

    @Override
    public void delete(ObjectRef ref, boolean dryRun) {
        writes.add("delete " + ref + (dryRun ? " dry-run" : ""));
        if (!dryRun) {
            objects.remove(ref);
        }
    }

    @Override
    public String proxy(ApiRequest request) {
        writes.add("proxy " + request.path());
        return "{\"status\":\"success\"}";
    }

    @Override
    public void close() {
    }
}
