package io.promfleet.core.apply;

import io.promfleet.api.plan.ApiRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link KubeWriter} that records each write the engine makes through it ({@code CREATE cluster:Kind/ns/name},
 * with {@code " dry-run"} appended for dry runs) after the delegate made it, then calls a hook: tests kill the
 * apply there, after a write and before it is journaled done. Shared through the test jar (mock and k3s tests).
 */
public final class RecordingKubeWriter implements KubeWriter {

    private final KubeWriter delegate;
    private final List<String> writes;
    private final Consumer<String> afterWrite;

    public RecordingKubeWriter(KubeWriter delegate, List<String> writes, Consumer<String> afterWrite) {
        this.delegate = delegate;
        this.writes = writes;
        this.afterWrite = afterWrite;
    }

    /** Wraps every writer {@code factory} opens. */
    public static KubeWriter.Factory factory(KubeWriter.Factory factory, List<String> writes, Consumer<String> afterWrite) {
        return (cluster, context) -> new RecordingKubeWriter(factory.open(cluster, context), writes, afterWrite);
    }

    private void record(String operation, ObjectRef ref, boolean dryRun) {
        String line = operation + " " + ref + (dryRun ? " dry-run" : "");
        writes.add(line);
        afterWrite.accept(line);
    }

    @Override
    public String cluster() {
        return delegate.cluster();
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectRef ref) {
        return delegate.get(ref);
    }

    @Override
    public Map<String, Object> create(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        Map<String, Object> created = delegate.create(ref, object, dryRun);
        record("CREATE", ref, dryRun);
        return created;
    }

    @Override
    public Map<String, Object> replace(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        Map<String, Object> replaced = delegate.replace(ref, object, dryRun);
        record("REPLACE", ref, dryRun);
        return replaced;
    }

    @Override
    public void delete(ObjectRef ref, boolean dryRun) {
        delegate.delete(ref, dryRun);
        record("DELETE", ref, dryRun);
    }

    @Override
    public String proxy(ApiRequest request) {
        return delegate.proxy(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
