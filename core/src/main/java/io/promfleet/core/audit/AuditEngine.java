package io.promfleet.core.audit;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.PromDuration;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.plugin.ExtensionCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs inspectors over a fleet. A check that throws, or does not finish within the per-check time limit,
 * becomes a coverage gap and the audit goes on: one broken plugin must not hide what every other check
 * found.
 *
 * <p>A fleet already in memory ({@link #audit(Fleet)}) is shown whole to every check. A fleet read from its
 * snapshots ({@link #audit(FleetSpec)}) is streamed when every check's {@link InspectionScope} allows it:
 * the central clusters are read first and kept; each edge is read (a few ahead, in parallel), shown to the
 * {@link InspectionScope#CLUSTER} checks beside the centrals, and reduced to a {@link ClusterSummary}; the
 * {@link InspectionScope#TOPOLOGY} checks then see the summaries. The heap holds the centrals, a handful of
 * edges and the summaries (their topology), not the fleet's objects; the report is the same either way.
 */
public final class AuditEngine {

    /** The order of a report's findings: most severe first, then by check, cluster and object. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::severity)
            .thenComparing(Finding::check)
            .thenComparing(f -> f.cluster() == null ? "" : f.cluster())
            .thenComparing(f -> Objects.toString(f.namespace(), ""))
            .thenComparing(f -> Objects.toString(f.kind(), ""))
            .thenComparing(f -> Objects.toString(f.name(), ""));

    private final List<Inspector> inspectors;
    private final Settings settings;
    /** How long one check may run before the audit gives up on it, unless told otherwise. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(60);

    /** The most threads that read clusters ahead of a streaming audit. */
    private static final int MAX_READERS = 2;

    private final Clock clock;
    private final Duration checkTimeout;

    public AuditEngine(List<Inspector> inspectors, Settings settings) {
        this(inspectors, settings, Clock.systemUTC());
    }

    public AuditEngine(List<Inspector> inspectors, Settings settings, Clock clock) {
        this(inspectors, settings, clock, DEFAULT_CHECK_TIMEOUT);
    }

    /** @param checkTimeout how long each check may run; a check still running then becomes a coverage gap */
    public AuditEngine(List<Inspector> inspectors, Settings settings, Clock clock, Duration checkTimeout) {
        this.inspectors = List.copyOf(inspectors);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checkTimeout = Objects.requireNonNull(checkTimeout, "checkTimeout");
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("the check time limit must be positive, got " + checkTimeout);
        }
    }

    /** Audits {@code fleet}, already in memory, with every check seeing all of it. */
    public AuditReport audit(Fleet fleet) {
        Set<String> names = names(fleet.clusters().stream().map(Cluster::name).toList());
        List<Outcome> outcomes = new ArrayList<>();
        for (Inspector inspector : inspectors) {
            Outcome outcome = new Outcome();
            outcome.collect(fleet, inspector, new Context(inspector, fleet, fleet.clusters(), null, names));
            outcomes.add(outcome);
        }
        return report(fleet, outcomes);
    }

    /**
     * Audits the fleet {@code spec} describes from its offline snapshots, reading one cluster at a time when
     * every check's {@link InspectionScope} allows it, so that the heap holds the central clusters, a few
     * edges being read or inspected, and what the {@link InspectionScope#TOPOLOGY} checks need of the
     * others. A check that sees the whole fleet at once ({@link InspectionScope#FLEET}, which every check
     * built for SPI 1.0–1.2 is) makes the whole fleet load first, as {@link #audit(Fleet)} does. Either
     * way the report is the same.
     *
     * @throws io.promfleet.core.InputException naming the file, line or field at fault
     */
    public AuditReport audit(FleetSpec spec) {
        FleetLoader.checkSnapshots(spec);
        return audit(spec.name(), spec.clusters().stream().map(ClusterSpec::name).toList(),
                spec.clusters().stream().map(ClusterSpec::role).toList(), i -> FleetLoader.readCluster(spec, i));
    }

    /**
     * Audits the fleet of the clusters {@code names} with {@code roles}, which {@code reader} reads by index,
     * streaming it as {@link #audit(FleetSpec)} does. {@code reader} is called once per cluster, from
     * reader threads.
     */
    public AuditReport audit(String fleetName, List<String> clusterNames, List<ClusterRole> roles,
            IntFunction<Cluster> reader) {
        return audit(fleetName, clusterNames, roles, reader,
                Math.max(1, Math.min(MAX_READERS, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * As {@link #audit(String, List, List, IntFunction)}, with {@code readers} threads reading ahead: a live
     * read waits on the network, not on the cores, so it wants as many as it may open connections. The heap
     * then holds up to {@code readers + 1} clusters beside the centrals. {@code reader} may answer
     * {@code null} for a cluster that could not be read: the audit leaves it out, as a live read leaves an
     * unreachable cluster out of its {@link Fleet} (its name still counts as the fleet's in findings).
     */
    public AuditReport audit(String fleetName, List<String> clusterNames, List<ClusterRole> roles,
            IntFunction<Cluster> reader, int readers) {
        if (inspectors.stream().anyMatch(i -> scope(i) == InspectionScope.FLEET)) {
            List<Cluster> all = new ArrayList<>();
            try (ReadAhead ahead = new ReadAhead(roles, Set.of(), reader, readers)) {
                for (int i = 0; i < roles.size(); i++) {
                    Optional.ofNullable(ahead.take(i)).ifPresent(all::add);
                }
            }
            return audit(new Fleet(fleetName, all));
        }
        // Central clusters stay in memory for the whole audit: every edge's remote-write is judged against them.
        TreeMap<Integer, Cluster> centrals = new TreeMap<>();
        Set<Integer> centralIndexes = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            if (roles.get(i) == ClusterRole.CENTRAL) {
                centralIndexes.add(i);
                Cluster central = reader.apply(i);
                if (central != null) {
                    centrals.put(i, central);
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        inspectors.forEach(i -> outcomes.add(new Outcome()));
        List<Cluster> summaries = new ArrayList<>();
        Set<String> names = names(clusterNames);
        try (ReadAhead edges = new ReadAhead(roles, centralIndexes, reader, readers)) {
            for (int i = 0; i < roles.size(); i++) {
                Cluster cluster = centralIndexes.contains(i) ? centrals.get(i) : edges.take(i);
                if (cluster == null) {
                    continue;
                }
                List<Cluster> seen = new ArrayList<>(centrals.headMap(i).values());
                seen.add(cluster);
                seen.addAll(centrals.tailMap(i, false).values());
                Fleet pass = new Fleet(fleetName, seen);
                Set<ClusterSummary.Key> pointedAt = new HashSet<>();
                for (int k = 0; k < inspectors.size(); k++) {
                    Inspector inspector = inspectors.get(k);
                    if (scope(inspector) == InspectionScope.CLUSTER) {
                        outcomes.get(k).collect(pass, inspector,
                                new Context(inspector, pass, List.of(cluster), cluster.name(), names))
                                .forEach(f -> pointedAt.add(ClusterSummary.Key.of(f)));
                    }
                }
                summaries.add(centrals.containsKey(i) ? cluster : ClusterSummary.of(cluster, pointedAt));
            }
        }
        Fleet summary = new Fleet(fleetName, summaries);
        for (int k = 0; k < inspectors.size(); k++) {
            Inspector inspector = inspectors.get(k);
            if (scope(inspector) == InspectionScope.TOPOLOGY) {
                outcomes.get(k).collect(summary, inspector,
                        new Context(inspector, summary, summary.clusters(), null, names));
            }
        }
        return report(summary, outcomes);
    }

    private AuditReport report(Fleet fleet, List<Outcome> outcomes) {
        List<Finding> findings = new ArrayList<>();
        List<CoverageGap> gaps = new ArrayList<>();
        int suppressed = 0;
        for (Outcome outcome : outcomes) {
            gaps.addAll(outcome.gaps);
            findings.addAll(outcome.findings);
            suppressed += outcome.suppressed;
        }
        findings.sort(ORDER);
        Locale locale = locale();
        List<CheckInfo> checks = inspectors.stream().map(i -> CheckInfo.of(i, locale)).toList();
        return new AuditReport(fleet, clock.instant(), checks, findings, gaps, suppressed);
    }

    /**
     * A check's scope as the engine runs it; a plugin whose {@code scope()} fails or says nothing sees the
     * whole fleet, so one such check holds the whole fleet in memory.
     */
    public static InspectionScope scope(Inspector inspector) {
        try {
            InspectionScope scope = inspector.scope();
            return scope == null ? InspectionScope.FLEET : scope;
        } catch (RuntimeException | LinkageError e) {
            return InspectionScope.FLEET;
        }
    }

    private static Set<String> names(List<String> names) {
        return Set.copyOf(names);
    }

    /**
     * What one check found over the calls the audit made of it: its gaps in the order reported, its
     * findings not suppressed, and how many were. A fleet-level finding or gap that a cluster-scoped check
     * reports in every call counts once.
     */
    private final class Outcome {
        final List<CoverageGap> gaps = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        /** The fleet-level findings and gaps of the calls before. */
        final Set<Object> fleetLevel = new HashSet<>();
        int suppressed;

        /** Runs {@code inspector} in {@code context}; returns the findings this call added. */
        List<Finding> collect(Fleet fleet, Inspector inspector, Context context) {
            List<CoverageGap> reported = new ArrayList<>();
            run(inspector, context).ifPresent(reported::add);
            context.close();
            reported.addAll(context.gaps);
            Set<Object> thisCall = new HashSet<>();
            for (CoverageGap gap : reported) {
                if (gap.cluster() == null && fleetLevel.contains(gap)) {
                    continue;
                }
                thisCall.add(gap);
                gaps.add(gap);
            }
            List<Finding> added = new ArrayList<>();
            for (Finding finding : context.findings) {
                if (finding.cluster() == null && fleetLevel.contains(finding)) {
                    continue;
                }
                thisCall.add(finding);
                if (isSuppressed(fleet, finding)) {
                    suppressed++;
                } else {
                    findings.add(finding);
                    added.add(finding);
                }
            }
            fleetLevel.addAll(thisCall);
            return added;
        }
    }

    /**
     * Reads the edge clusters ahead of the audit on a few threads (offline as many as the machine has cores,
     * at most {@value #MAX_READERS}), never more than {@code readers + 1} clusters ahead, so that parsing, the
     * bulk of an audit's time, runs in parallel while the heap holds only a handful of clusters.
     */
    private static final class ReadAhead implements AutoCloseable {
        private final List<ClusterRole> roles;
        private final Set<Integer> skip;
        private final IntFunction<Cluster> reader;
        private final ExecutorService pool;
        private final int ahead;
        private final Map<Integer, Future<Cluster>> pending = new HashMap<>();
        private int next;

        ReadAhead(List<ClusterRole> roles, Set<Integer> skip, IntFunction<Cluster> reader, int readers) {
            if (readers < 1) {
                throw new IllegalArgumentException("readers must be at least 1, got " + readers);
            }
            this.roles = roles;
            this.skip = Set.copyOf(skip);
            this.reader = reader;
            this.ahead = readers + 1;
            this.pool = Executors.newFixedThreadPool(readers, task -> {
                Thread thread = new Thread(task, "promfleet-read");
                thread.setDaemon(true);
                return thread;
            });
        }

        Cluster take(int index) {
            while (next < roles.size() && pending.size() < ahead) {
                if (!skip.contains(next)) {
                    int i = next;
                    pending.put(i, pool.submit(() -> reader.apply(i)));
                }
                next++;
            }
            Future<Cluster> future = pending.remove(index);
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading cluster " + index, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
    /**
     * Runs one check on a thread of its own, so that a check that hangs can be left behind: Java cannot
     * stop a thread that ignores interruption, but the audit need not wait for it. The thread is a daemon
     * and its context class loader is the check's own (a plugin's libraries may look resources up there).
     *
     * @return the gap the check leaves when it fails or runs out of time
     */
    private Optional<CoverageGap> run(Inspector inspector, Context context) {
        ExtensionCall<Void> call = ExtensionCall.run("promfleet-check-" + inspector.id(), inspector, checkTimeout, () -> {
            inspector.inspect(context);
            return null;
        });
        return switch (call.status()) {
            case RETURNED -> Optional.empty();
            case TIMED_OUT -> Optional.of(new CoverageGap(inspector.id(), null,
                    text("gap.timeout", PromDuration.format(checkTimeout))));
            case INTERRUPTED -> Optional.of(new CoverageGap(inspector.id(), null, text("gap.interrupted")));
            case THREW -> Optional.of(new CoverageGap(inspector.id(), null, text("gap.failed",
                    call.failure().getClass().getSimpleName()
                            + (call.failure().getMessage() == null ? "" : ": " + call.failure().getMessage()))));
        };
    }

    /** The audit's language, from the same setting the checks read through {@code InspectionContext.locale()}. */
    private Locale locale() {
        return settings.get(InspectionContext.LANGUAGE_SETTING).filter(tag -> !tag.isBlank())
                .map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
    }

    /** A gap reason in the audit's language, from {@code messages*.properties} beside this class. */
    private String text(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("io.promfleet.core.audit.messages", locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(bundle.getString(key), locale()).format(args);
    }

    /** A finding is suppressed when its object carries {@code promfleet.io/ignore} naming its check. */
    private static boolean isSuppressed(Fleet fleet, Finding finding) {
        if (finding.cluster() == null || finding.kind() == null || finding.name() == null) {
            return false;
        }
        Optional<Cluster> cluster = fleet.cluster(finding.cluster());
        return cluster.flatMap(c -> c.object(finding.kind(), finding.namespace(), finding.name()))
                .map(KubeObject::ignoredChecks)
                .map(ignored -> ignored.contains(finding.check()))
                .orElse(false);
    }

    private final class Context implements InspectionContext {
        private final Inspector inspector;
        private final Fleet fleet;
        private final List<Cluster> toInspect;
        /** The one cluster a cluster-scoped call inspects; {@code null} when the call sees the fleet. */
        private final String inspected;
        /** Every cluster of the fleet, including those this call does not see. */
        private final Set<String> names;
        private final List<Finding> findings = new ArrayList<>();
        private final List<CoverageGap> gaps = new ArrayList<>();
        /** Set once the engine stops listening: an abandoned check's late reports are dropped. */
        private boolean closed;

        Context(Inspector inspector, Fleet fleet, List<Cluster> toInspect, String inspected, Set<String> names) {
            this.inspector = inspector;
            this.fleet = fleet;
            this.toInspect = List.copyOf(toInspect);
            this.inspected = inspected;
            this.names = names;
        }

        @Override
        public Fleet fleet() {
            return fleet;
        }

        @Override
        public List<Cluster> clustersToInspect() {
            return toInspect;
        }

        /** True for a report about another cluster than the one this call inspects: its own call reports it. */
        private boolean elsewhere(String cluster) {
            return inspected != null && cluster != null && !cluster.equals(inspected);
        }

        @Override
        public Settings settings() {
            return settings;
        }

        @Override
        public Finding.Builder finding() {
            return Finding.builder(inspector.id(), inspector.defaultSeverity());
        }

        synchronized void close() {
            closed = true;
        }

        @Override
        public synchronized void report(Finding finding) {
            Objects.requireNonNull(finding, "finding");
            if (closed) {
                return;
            }
            // Check ids are a contract: a report line must lead to the class that wrote it. A finding
            // that breaks it is dropped as a gap, and the check's other findings still count.
            if (!finding.check().equals(inspector.id())) {
                coverageGap(null, text("gap.foreign-check", finding.check()));
            } else if (finding.cluster() != null && !names.contains(finding.cluster())) {
                coverageGap(null, text("gap.unknown-cluster", finding.cluster()));
            } else if (!elsewhere(finding.cluster())) {
                findings.add(finding);
            }
        }

        @Override
        public synchronized void coverageGap(String cluster, String reason) {
            if (closed || elsewhere(cluster)) {
                return;
            }
            gaps.add(new CoverageGap(inspector.id(), cluster, reason));
        }
    }
}
