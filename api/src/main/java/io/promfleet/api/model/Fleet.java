package io.promfleet.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The clusters under audit, in the order the fleet file lists them. */
public record Fleet(String name, List<Cluster> clusters) {

    public Fleet {
        Objects.requireNonNull(name, "name");
        clusters = List.copyOf(clusters);
    }

    public List<Cluster> centrals() {
        return clusters.stream().filter(c -> c.role() == ClusterRole.CENTRAL).toList();
    }

    public List<Cluster> edges() {
        return clusters.stream().filter(c -> c.role() == ClusterRole.EDGE).toList();
    }

    public Optional<Cluster> cluster(String clusterName) {
        return clusters.stream().filter(c -> c.name().equals(clusterName)).findFirst();
    }
}
