package io.promfleet.core.fleet;

import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.core.InputException;
import io.promfleet.core.snapshot.SnapshotReader;
import io.promfleet.core.topology.TopologyBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a fleet from its {@code fleet.yaml} and the offline snapshot of each cluster. */
public final class FleetLoader {

    private FleetLoader() {}

    /** Loads the fleet {@code fleetFile} describes, reading every cluster's offline snapshot. */
    public static Fleet load(Path fleetFile) {
        return load(new FleetFileParser().parse(fleetFile));
    }

    /** Loads every cluster of {@code spec} into memory at once; {@link #readCluster} reads one at a time. */
    public static Fleet load(FleetSpec spec) {
        checkSnapshots(spec);
        List<Cluster> clusters = new ArrayList<>();
        for (int i = 0; i < spec.clusters().size(); i++) {
            clusters.add(readCluster(spec, i));
        }
        return new Fleet(spec.name(), clusters);
    }

    /**
     * Checks that every cluster of {@code spec} names a snapshot directory that exists, so that a streaming
     * audit fails on a typo before it has read the clusters listed ahead of it.
     *
     * @throws InputException naming the fleet file, line and field at fault
     */
    public static void checkSnapshots(FleetSpec spec) {
        for (int i = 0; i < spec.clusters().size(); i++) {
            ClusterSpec cluster = spec.clusters().get(i);
            String field = "clusters[" + i + "].snapshot";
            if (cluster.snapshot() == null) {
                throw InputException.at(spec.file(), cluster.line(), field + ": cluster '" + cluster.name()
                        + "' has no snapshot directory, which an offline audit needs (or use --live)");
            }
            if (!Files.isDirectory(cluster.snapshot())) {
                throw InputException.at(spec.file(), cluster.line(), field + ": snapshot directory "
                        + cluster.snapshot() + " of cluster '" + cluster.name() + "' "
                        + (Files.exists(cluster.snapshot()) ? "is not a directory" : "does not exist"));
            }
        }
    }

    /**
     * Reads cluster {@code index} of {@code spec} from its snapshot directory and derives its topology.
     * Safe to call from several threads at once: each call has its own readers.
     */
    public static Cluster readCluster(FleetSpec spec, int index) {
        ClusterSpec cluster = spec.clusters().get(index);
        List<KubeObject> objects = new SnapshotReader().read(cluster.snapshot());
        return new Cluster(cluster.name(), cluster.role(), cluster.domain(), objects, new TopologyBuilder().build(objects));
    }
}
