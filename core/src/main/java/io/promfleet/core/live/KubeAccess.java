package io.promfleet.core.live;

import io.promfleet.api.Experimental;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to one cluster's Kubernetes API: the only door through which promfleet reaches a live
 * cluster, so that the audit, the snapshot export, the probe and (later) the remediation engine share one
 * way of connecting, one set of time limits and one classification of failures.
 *
 * <p>Objects come back as plain trees (maps, lists, strings, numbers, booleans), exactly as the API
 * serves them and as an offline snapshot holds them, with {@code apiVersion} and {@code kind} always set.
 * Every method throws {@link KubeAccessException} when the API cannot answer.
 */
@Experimental
public interface KubeAccess extends AutoCloseable {

    /** The fleet file's name of the cluster. */
    String cluster();

    /** Every object of {@code kind}, in all namespaces (verb {@code list}). */
    List<Map<String, Object>> list(KubeKind kind);

    /** The object of {@code kind} called {@code name} ({@code namespace} null for cluster-scoped kinds; verb {@code get}). */
    Optional<Map<String, Object>> get(KubeKind kind, String namespace, String name);

    /**
     * Runs {@code command} in a container of a pod ({@code pods/exec}, verb {@code create}, which only
     * {@code --probe} needs) and waits at most {@code timeout} for it.
     */
    ExecResult exec(String namespace, String pod, String container, List<String> command, Duration timeout);

    @Override
    void close();

    /**
     * What a command run through exec printed.
     *
     * @param exitCode its exit code, or {@code -1} when the API did not say
     * @param stdout   its standard output
     * @param stderr   its standard error
     */
    record ExecResult(int exitCode, String stdout, String stderr) {}

    /** Opens a {@link KubeAccess} to one cluster. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param cluster the fleet file's name of the cluster
         * @param context the kubeconfig context the fleet file gives it
         * @throws KubeAccessException (reason {@code KUBECONFIG}) when the context cannot be used
         */
        KubeAccess open(String cluster, String context);
    }
}
