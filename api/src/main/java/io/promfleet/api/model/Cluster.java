package io.promfleet.api.model;

import io.promfleet.api.topology.Topology;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One Kubernetes cluster of the fleet: what the fleet file says of it, every object read from it, and
 * the monitoring topology derived from those objects.
 *
 * @param name     the cluster's name in the fleet file
 * @param role     central or edge
 * @param domain   its DNS domain, e.g. {@code cluster.local}
 * @param objects  every object read, of the kinds promfleet reads
 * @param topology the monitoring components found among the objects
 */
public record Cluster(String name, ClusterRole role, String domain, List<KubeObject> objects, Topology topology) {

    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(domain, "domain");
        objects = List.copyOf(objects);
        Objects.requireNonNull(topology, "topology");
    }

    public boolean isEdge() {
        return role == ClusterRole.EDGE;
    }

    public boolean isCentral() {
        return role == ClusterRole.CENTRAL;
    }

    /** The objects of {@code kind}, e.g. {@code "Pod"}. */
    public Stream<KubeObject> objectsOfKind(String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind));
    }

    /** The object of {@code kind} called {@code name} in {@code namespace}, if the snapshot has it. */
    public java.util.Optional<KubeObject> object(String kind, String namespace, String name) {
        return objectsOfKind(kind)
                .filter(o -> Objects.equals(o.namespace(), namespace) && o.name().equals(name))
                .findFirst();
    }

    @Override
    public String toString() {
        return "Cluster[" + name + ", " + role.id() + ", " + objects.size() + " objects]";
    }
}
