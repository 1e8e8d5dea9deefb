package io.promfleet.core.live;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.SourceLocation;
import io.promfleet.core.InputException;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.KubeAccessException.Reason;
import io.promfleet.core.snapshot.KubeObjectFactory;
import io.promfleet.core.topology.TopologyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads every cluster of a fleet through the Kubernetes API, several at a time, into the same
 * {@link Fleet} an offline snapshot of the same state loads: the same kinds, each object built by
 * {@link KubeObjectFactory} (which strips Secret values), the topology derived by {@link TopologyBuilder}.
 *
 * <p>Failures stay with the cluster they happen on. A cluster whose API cannot be reached, or that
 * refuses the credentials (401), or that forbids every kind, is {@linkplain LiveFleet#unreachable()
 * unreachable}; a kind forbidden (403) or failing on an otherwise readable cluster is a coverage gap
 * naming the kind. Only {@code list} is used.
 */
public final class LiveFleetReader {

    /** Clusters read at once unless told otherwise: enough to hide latency, few enough for a laptop. */
    public static final int DEFAULT_CONCURRENCY = 8;

    private final KubeAccess.Factory factory;
    private final int concurrency;
    private final LiveProgress progress;
    private final Locale locale;

    public LiveFleetReader(KubeAccess.Factory factory, int concurrency, LiveProgress progress) {
        this(factory, concurrency, progress, Locale.ENGLISH);
    }

    /** @param locale the language of the coverage gaps of kinds that could not be read (the report's) */
    public LiveFleetReader(KubeAccess.Factory factory, int concurrency, LiveProgress progress, Locale locale) {
        this.locale = Objects.requireNonNull(locale, "locale");
        this.factory = Objects.requireNonNull(factory, "factory");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.concurrency = concurrency;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Reads the whole fleet into memory, {@code concurrency} clusters at a time.
     *
     * @throws InputException naming the fleet file's line when a cluster has no {@code context}
     */
    public LiveFleet read(FleetSpec spec) {
        LiveFleetStream stream = stream(spec, null);
        int total = spec.clusters().size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, total), r -> {
            Thread thread = new Thread(r, "promfleet-live-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Cluster>> reads = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                int index = i;
                reads.add(pool.submit(() -> stream.read(index)));
            }
            List<Cluster> clusters = new ArrayList<>();
            for (Future<Cluster> future : reads) {
                Cluster cluster = join(future);
                if (cluster != null) {
                    clusters.add(cluster);
                }
            }
            return new LiveFleet(new Fleet(spec.name(), clusters), stream.unreachable(), stream.gaps());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The fleet of {@code spec}, to be read one cluster at a time as a streaming audit asks for it.
     *
     * @param probe with {@code --probe}, asks each edge's agents as soon as the edge is read; {@code null} not to
     * @throws InputException naming the fleet file's line when a cluster has no {@code context}
     */
    public LiveFleetStream stream(FleetSpec spec, RemoteWriteProbe probe) {
        for (int i = 0; i < spec.clusters().size(); i++) {
            ClusterSpec cluster = spec.clusters().get(i);
            if (cluster.context() == null) {
                throw InputException.at(spec.file(), cluster.line(), "clusters[" + i + "].context: cluster '"
                        + cluster.name() + "' has no kubeconfig context, which a live audit needs");
            }
        }
        return new LiveFleetStream(this, spec, probe);
    }

    int concurrency() {
        return concurrency;
    }

    /** Counts inside the lock, so that the progress line's counts only go up, and the last says all are done. */
    void clusterDone(String cluster, AtomicInteger done, int total, ClusterFailure failure) {
        synchronized (progress) {
            progress.clusterDone(cluster, done.incrementAndGet(), total, failure);
        }
    }

    private static Cluster join(Future<Cluster> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the live read was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reads one cluster; never throws for what the cluster does. */
    ClusterRead read(ClusterSpec spec) {
        try (KubeAccess access = factory.open(spec.name(), spec.context())) {
            return read(spec, access);
        } catch (KubeAccessException e) {
            return ClusterRead.failed(ClusterFailure.of(spec.name(), spec.context(), e));
        }
    }

    private ClusterRead read(ClusterSpec spec, KubeAccess access) {
        SourceLocation source = new SourceLocation("api://" + spec.name(), 0);
        List<KubeObject> objects = new ArrayList<>();
        List<CoverageGap> gaps = new ArrayList<>();
        KubeAccessException firstRefusal = null;
        int read = 0;
        for (KubeKind kind : KubeKind.ALL) {
            List<Map<String, Object>> trees;
            try {
                trees = access.list(kind);
            } catch (KubeAccessException e) {
                if (e.reason() == Reason.NOT_SERVED && kind.isCustomResource()) {
                    // No operator CRDs: the cluster has no objects of the kind, as its snapshot would not.
                    read++;
                    continue;
                }
                if (!isKindLevel(e.reason())) {
                    // The API itself is out of reach, or refuses these credentials: every other kind would
                    // fail the same way, slowly, so the cluster is given up at once.
                    return ClusterRead.failed(ClusterFailure.of(spec.name(), spec.context(), e));
                }
                firstRefusal = firstRefusal == null ? e : firstRefusal;
                LiveTexts texts = new LiveTexts(locale);
                gaps.add(new CoverageGap(READ_GAP, spec.name(), texts.get("gap.kind-unreadable", kind.kind(),
                        describe(e, texts), spec.name(), String.valueOf(e.getMessage()))));
                continue;
            }
            read++;
            for (Map<String, Object> tree : trees) {
                objects.add(KubeObjectFactory.create(tree, source));
            }
        }
        if (read == 0 && firstRefusal != null) {
            return ClusterRead.failed(ClusterFailure.of(spec.name(), spec.context(), firstRefusal));
        }
        Cluster cluster = new Cluster(spec.name(), spec.role(), spec.domain(), objects,
                new TopologyBuilder().build(objects));
        return new ClusterRead(cluster, null, gaps);
    }

    private static final String READ_GAP = LiveFleet.READ_GAP;

    /** A refusal or failure of one kind, which other kinds of the same cluster need not share. */
    private static boolean isKindLevel(Reason reason) {
        return reason == Reason.FORBIDDEN || reason == Reason.NOT_SERVED || reason == Reason.OTHER;
    }

    private static String describe(KubeAccessException e, LiveTexts texts) {
        return switch (e.reason()) {
            case FORBIDDEN -> texts.get("gap.kind.forbidden");
            case NOT_SERVED -> texts.get("gap.kind.not-served");
            default -> e.status() > 0 ? "HTTP " + e.status() : e.reason().id();
        };
    }

    record ClusterRead(Cluster cluster, ClusterFailure failure, List<CoverageGap> gaps) {
        static ClusterRead failed(ClusterFailure failure) {
            return new ClusterRead(null, failure, List.of());
        }
    }
}
