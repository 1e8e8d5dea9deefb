package io.promfleet.core.fleet;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed {@code fleet.yaml}.
 *
 * @param file     where it was read from
 * @param name     the fleet's name
 * @param clusters its clusters, in file order
 * @param warnings what was ignored in it, e.g. an unknown field, naming file, line and field
 */
public record FleetSpec(Path file, String name, List<ClusterSpec> clusters, List<String> warnings) {
    public FleetSpec {
        clusters = List.copyOf(clusters);
        warnings = List.copyOf(warnings);
    }
}
