package io.promfleet.core.fleet;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed {@code fleet.yaml}.
 *
 * @param file     where it was read from
 * @param name     the fleet's name
 * @param clusters its clusters, in file order
 */
public record FleetSpec(Path file, String name, List<ClusterSpec> clusters) {
    public FleetSpec {
        clusters = List.copyOf(clusters);
    }
}
