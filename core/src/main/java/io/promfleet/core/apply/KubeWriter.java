package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import io.promfleet.api.plan.ApiRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Read and write access to one cluster's Kubernetes API, as {@code apply} and {@code rollback} need it. Every
 * write takes {@code dryRun}: true sends it with the API's server-side {@code dryRun=All}, so the API server
 * validates and admits it but stores nothing. Objects are plain trees, as {@link io.promfleet.core.live.KubeAccess}
 * reads them. Failures are {@link io.promfleet.core.live.KubeAccessException}s.
 */
@Experimental
public interface KubeWriter extends AutoCloseable {

    /** The fleet file's name of the cluster. */
    String cluster();

    Optional<Map<String, Object>> get(ObjectRef ref);

    /** Creates {@code object}; returns what the API server answered. */
    Map<String, Object> create(ObjectRef ref, Map<String, Object> object, boolean dryRun);

    /** Replaces the object; {@code object} carries the {@code metadata.resourceVersion} it was read at (409 if stale). */
    Map<String, Object> replace(ObjectRef ref, Map<String, Object> object, boolean dryRun);

    void delete(ObjectRef ref, boolean dryRun);

    /**
     * Sends {@code request} to a component through the API server's service proxy. Not sent at all in a dry run:
     * the proxy has no dry-run mode, and the component's own API would act on it.
     *
     * @return the component's answer
     */
    String proxy(ApiRequest request);

    @Override
    void close();

    /** Opens a {@link KubeWriter} to one cluster. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param cluster the fleet file's name of the cluster
         * @param context the kubeconfig context the fleet file gives it
         */
        KubeWriter open(String cluster, String context);
    }
}
