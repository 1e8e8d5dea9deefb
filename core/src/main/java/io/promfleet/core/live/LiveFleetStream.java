package io.promfleet.core.live;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fleet read through the Kubernetes API one cluster at a time, when asked ({@link #read(int)}), so that a
 * streaming audit ({@link io.promfleet.core.audit.AuditEngine}) holds a few clusters, not the fleet. Each
 * read is what {@link LiveFleetReader#read(FleetSpec)} does for that cluster; what a read leaves beside the
 * cluster (why it could not be read, the kinds it could not read, {@code --probe}'s answers) is kept here,
 * by cluster, and given back in fleet-file order whatever order the clusters were read in.
 */
public final class LiveFleetStream {

    private final LiveFleetReader reader;
    private final FleetSpec spec;
    private final RemoteWriteProbe probe;
    private final AtomicReferenceArray<LiveFleetReader.ClusterRead> reads;
    private final AtomicReferenceArray<List<ProbeResult>> probes;
    private final AtomicInteger done = new AtomicInteger();

    LiveFleetStream(LiveFleetReader reader, FleetSpec spec, RemoteWriteProbe probe) {
        this.reader = reader;
        this.spec = spec;
        this.probe = probe;
        this.reads = new AtomicReferenceArray<>(spec.clusters().size());
        this.probes = new AtomicReferenceArray<>(spec.clusters().size());
    }

    public FleetSpec spec() {
        return spec;
    }

    /** How many clusters may be read at once. */
    public int concurrency() {
        return reader.concurrency();
    }

    public List<String> clusterNames() {
        return spec.clusters().stream().map(ClusterSpec::name).toList();
    }

    public List<ClusterRole> roles() {
        return spec.clusters().stream().map(ClusterSpec::role).toList();
    }

    /**
     * Reads the fleet file's cluster {@code index} and, with a probe, probes its edge agents while the whole
     * cluster is at hand (the probe needs their pods, which a streaming audit does not keep). Safe to call
     * from several threads, once per cluster.
     *
     * @return the cluster, or {@code null} when it could not be read at all
     */
    public Cluster read(int index) {
        ClusterSpec cluster = spec.clusters().get(index);
        LiveFleetReader.ClusterRead read = reader.read(cluster);
        if (!reads.compareAndSet(index, null, read)) {
            throw new IllegalStateException("cluster " + cluster.name() + " was read twice");
        }
        if (probe != null && read.cluster() != null) {
            probes.set(index, probe.probe(spec, new Fleet(spec.name(), List.of(read.cluster()))));
        }
        reader.clusterDone(cluster.name(), done, spec.clusters().size(), read.failure());
        return read.cluster();
    }

    /** The clusters read so far that could not be read at all, in fleet-file order. */
    public List<ClusterFailure> unreachable() {
        List<ClusterFailure> failures = new ArrayList<>();
        forEachRead(read -> {
            if (read.failure() != null) {
                failures.add(read.failure());
            }
        });
        return failures;
    }

    /** The kinds that could not be read on clusters that otherwise could, in fleet-file order. */
    public List<CoverageGap> gaps() {
        List<CoverageGap> gaps = new ArrayList<>();
        forEachRead(read -> gaps.addAll(read.gaps()));
        return gaps;
    }

    /** With a probe: what each edge agent saw of its remote-write endpoints, in fleet-file order. */
    public List<ProbeResult> probes() {
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < probes.length(); i++) {
            results.addAll(Objects.requireNonNullElse(probes.get(i), List.of()));
        }
        return results;
    }

    private void forEachRead(java.util.function.Consumer<LiveFleetReader.ClusterRead> action) {
        for (int i = 0; i < reads.length(); i++) {
            LiveFleetReader.ClusterRead read = reads.get(i);
            if (read != null) {
                action.accept(read);
            }
        }
    }
}
