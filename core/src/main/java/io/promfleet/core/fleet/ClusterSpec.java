package io.promfleet.core.fleet;

import io.promfleet.api.model.ClusterRole;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One cluster as the fleet file describes it.
 *
 * @param name     its name in reports
 * @param role     central or edge
 * @param context  the kubeconfig context for live mode, or {@code null}
 * @param snapshot the offline snapshot directory, resolved against the fleet file's directory, or {@code null}
 * @param domain   its DNS domain
 * @param line     the fleet file line the entry starts at
 */
public record ClusterSpec(String name, ClusterRole role, String context, Path snapshot, String domain, int line) {
    public static final String DEFAULT_DOMAIN = "cluster.local";

    public ClusterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(domain, "domain");
    }
}
