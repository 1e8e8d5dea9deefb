package io.promfleet.core;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Experimental;
import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.api.Inspector;
import io.promfleet.api.Remediator;
import io.promfleet.api.Settings;
import io.promfleet.api.Stable;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.apply.ApplyEngine;
import io.promfleet.core.apply.ApplyOptions;
import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.GateChecker;
import io.promfleet.core.apply.Journal;
import io.promfleet.core.apply.KubeWriter;
import io.promfleet.core.apply.PlanFile;
import io.promfleet.core.apply.RollbackEngine;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.LiveFindings;
import io.promfleet.core.live.ClusterFailure;
import io.promfleet.core.live.LiveFleet;
import io.promfleet.core.live.LiveFleetStream;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanEngine;
import io.promfleet.core.plan.PlanProblem;
import io.promfleet.core.plan.RemediatorRegistry;
import io.promfleet.core.plugin.InspectorRegistry;
import io.promfleet.core.plugin.PluginLoader;
import io.promfleet.core.plugin.PluginProblem;
import io.promfleet.core.plugin.PluginWarning;
import io.promfleet.core.plugin.RegisteredExtension;
import io.promfleet.core.plugin.RegisteredInspector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * promfleet as a library: what {@code promfleet audit} does, for a program that does not want the CLI.
 *
 * <pre>{@code
 * try (Promfleet promfleet = Promfleet.builder().pluginDirectory(Path.of("plugins")).build()) {
 *     AuditReport report = promfleet.audit(Path.of("fleet.yaml"));
 * }
 * }</pre>
 *
 * <p>A {@code Promfleet} is immutable and may audit any number of fleets, from any thread. Close it to
 * release the plugins' class loaders (their jars stay open until then). docs/embedding.md has a
 * complete program.
 */
@Stable(since = "0.1")
public final class Promfleet implements AutoCloseable {

    private final InspectorRegistry registry;
    private final RemediatorRegistry remediators;
    private final PluginLoader.Loaded plugins;
    private final Settings settings;
    private final Clock clock;
    private final Duration checkTimeout;

    private Promfleet(Builder builder, InspectorRegistry registry, RemediatorRegistry remediators,
            PluginLoader.Loaded plugins) {
        this.registry = registry;
        this.remediators = remediators;
        this.plugins = plugins;
        this.settings = new Settings(builder.settings);
        this.clock = builder.clock;
        this.checkTimeout = builder.checkTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Audits the fleet that {@code fleetFile} describes, reading each cluster's offline snapshot.
     *
     * @throws InputException naming the file, line or field at fault when the fleet cannot be read
     */
    public AuditReport audit(Path fleetFile) {
        return audit(new FleetFileParser().parse(fleetFile));
    }

    /**
     * Audits the fleet {@code spec} describes from its offline snapshots, one cluster at a time when every
     * check allows it ({@link AuditEngine#audit(FleetSpec)}): the report equals that of
     * {@code audit(FleetLoader.load(spec))}, and the heap need not hold the whole fleet.
     *
     * @throws InputException naming the file, line or field at fault when the fleet cannot be read
     */
    public AuditReport audit(FleetSpec spec) {
        return withPluginProblems(new AuditEngine(registry.inspectors(), settings, clock, checkTimeout).audit(spec));
    }

    /**
     * Audits {@code fleet} with every inspector. Plugins that could not be loaded are listed among the
     * report's coverage gaps, before the gaps of the checks that ran.
     */
    public AuditReport audit(Fleet fleet) {
        return withPluginProblems(new AuditEngine(registry.inspectors(), settings, clock, checkTimeout).audit(fleet));
    }

    private AuditReport withPluginProblems(AuditReport report) {
        if (registry.problems().isEmpty()) {
            return report;
        }
        List<CoverageGap> gaps = new ArrayList<>();
        registry.problems().forEach(p -> gaps.add(p.toCoverageGap()));
        gaps.addAll(report.coverageGaps());
        return new AuditReport(report.fleet(), report.generatedAt(), report.checks(), report.findings(), gaps,
                report.suppressed());
    }

    /**
     * Audits a fleet read through the Kubernetes API ({@link io.promfleet.core.live.LiveFleetReader}): the
     * clusters that could be read are audited exactly as their offline snapshot would be; each cluster that
     * could not becomes a {@code cluster-unreachable} finding, and each kind that could not a coverage gap.
     */
    @Experimental
    public AuditReport audit(LiveFleet live) {
        return withLiveReads(audit(live.fleet()), live.unreachable(), live.gaps());
    }

    /**
     * Audits a fleet read through the Kubernetes API one cluster at a time, as the audit asks for it
     * ({@link AuditEngine#audit(String, List, List, java.util.function.IntFunction, int)}), {@code
     * live.concurrency()} clusters at once: the report equals that of {@link #audit(LiveFleet)}, and the heap
     * need not hold the whole fleet (unless a check is fleet-scoped, see {@link #pluginWarnings()}).
     */
    @Experimental
    public AuditReport audit(LiveFleetStream live) {
        AuditReport report = withPluginProblems(new AuditEngine(registry.inspectors(), settings, clock, checkTimeout)
                .audit(live.spec().name(), live.clusterNames(), live.roles(), live::read, live.concurrency()));
        // Only now is every cluster read, and its failure or unreadable kinds known.
        return withLiveReads(report, live.unreachable(), live.gaps());
    }

    private AuditReport withLiveReads(AuditReport report, List<ClusterFailure> unreachable, List<CoverageGap> readGaps) {
        Locale locale = locale();
        List<Finding> findings = new ArrayList<>(report.findings());
        unreachable.forEach(f -> findings.add(LiveFindings.clusterUnreachable(f, locale)));
        findings.sort(AuditEngine.ORDER);
        List<CoverageGap> gaps = new ArrayList<>(readGaps);
        gaps.addAll(report.coverageGaps());
        return new AuditReport(report.fleet(), report.generatedAt(), report.checks(), findings, gaps,
                report.suppressed());
    }

    /** The language of reports and of apply's and rollback's log, as the checks read it (InspectionContext.locale()). */
    private Locale locale() {
        return settings.get(InspectionContext.LANGUAGE_SETTING).filter(tag -> !tag.isBlank())
                .map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
    }

    /**
     * Plans the remediation of what {@code report} found: the actions of every remediator, in phases, one
     * cluster at a time, with the gates between them. Changes nothing: the plan is for review and
     * {@code apply}.
     *
     * @throws io.promfleet.core.plan.UnsafePlanException when a remediator proposes an unsafe action
     */
    @Experimental
    public Plan plan(AuditReport report) {
        // A plugin that did not load may have held a remediator: the plan says so, beside its own failures.
        List<PlanProblem> notLoaded = pluginProblems().stream()
                .map(p -> new PlanProblem(p.source(), null, "not loaded: " + p.message())).toList();
        return new PlanEngine(remediators.remediators(), settings, clock, checkTimeout)
                .plan(report.fleet(), report.findings())
                .withProblems(notLoaded);
    }

    /** Audits {@code fleet}, then plans the remediation of what the audit found. */
    @Experimental
    public Plan plan(Fleet fleet) {
        return plan(audit(fleet));
    }

    /**
     * Applies a reviewed plan to the live clusters, as {@code promfleet apply} does: one step (so one cluster) at a
     * time, each change journaled to {@code journal} before it is made; a dry run (server-side {@code dryRun=All})
     * unless {@code options.dryRun()} is false. It stops at a gate {@code gates} does not pass, and at a Helm step
     * (with the command to run). Run again with the same journal, it resumes. Its log is in the language of the
     * builder's settings ({@link InspectionContext#LANGUAGE_SETTING}); the journal is always English. docs/apply.md
     * explains it all.
     *
     * @param contexts each cluster's kubeconfig context, by the fleet file's cluster name
     * @param clusters opens each cluster's API, e.g. a {@link io.promfleet.core.apply.KubeconfigWriterFactory}
     * @param gates    checks the gates, e.g. a {@link io.promfleet.core.apply.DefaultGateChecker}
     * @throws InputException when the journal records another plan, or a cluster has no context
     */
    @Experimental
    public ApplyResult apply(PlanFile plan, Map<String, String> contexts, KubeWriter.Factory clusters,
            GateChecker gates, ApplyOptions options, Path journal) {
        try (Journal open = Journal.open(journal)) {
            return new ApplyEngine(clusters, gates, null, clock, locale()).apply(plan, contexts, options, open);
        }
    }

    /**
     * Restores every object the applies journaled in {@code journal} changed to its before-state, newest first, as
     * {@code promfleet rollback} does; a dry run unless {@code dryRun} is false. Helm values are not restored here:
     * the result's log lists the {@code helm upgrade} to run.
     */
    @Experimental
    public ApplyResult rollback(Path journal, KubeWriter.Factory clusters, boolean dryRun) {
        try (Journal open = Journal.open(journal)) {
            return new RollbackEngine(clusters, null, clock, locale()).rollback(open, dryRun);
        }
    }

    /** Every remediator a plan consults, sorted by id. */
    @Experimental
    public List<Remediator> remediators() {
        return remediators.remediators();
    }

    /** Every inspector an audit runs, with its source jar and whether it is built in, sorted by id. */
    public List<RegisteredInspector> inspectors() {
        return registry.entries();
    }

    /** Every inspector, then every remediator, with its kind, source jar and whether it is built in. */
    @Experimental
    public List<RegisteredExtension> extensions() {
        List<RegisteredExtension> all = new ArrayList<>(registry.entries());
        all.addAll(remediators.entries());
        return all;
    }

    /** The plugins, or inspectors and remediators of plugins, that could not be loaded, each naming its jar. */
    public List<PluginProblem> pluginProblems() {
        List<PluginProblem> all = new ArrayList<>(registry.problems());
        all.addAll(remediators.problems());
        return all;
    }

    /**
     * What is questionable about plugins that were loaded anyway, each naming its jar: e.g. a jar that does
     * not declare the SPI version it was built for.
     */
    @Experimental
    public List<PluginWarning> pluginWarnings() {
        return plugins.warnings();
    }

    /**
     * The checks that make every audit hold the whole fleet in memory, each naming its jar: those that are
     * {@linkplain InspectionScope#FLEET fleet-scoped}, as every check built for SPI 1.0–1.2 is. One is enough
     * to turn a streaming audit into one that reads every cluster first; {@code promfleet audit} says so.
     */
    @Experimental
    public List<PluginWarning> fleetScopedChecks() {
        List<PluginWarning> all = new ArrayList<>();
        for (RegisteredInspector entry : registry.entries()) {
            if (AuditEngine.scope(entry.inspector()) == InspectionScope.FLEET) {
                all.add(new PluginWarning(entry.source(), "check " + entry.id() + " (" + entry.source()
                        + ") is fleet-scoped: the whole fleet is held in memory (a check built for SPI 1.3 or"
                        + " later that declares InspectionScope CLUSTER or TOPOLOGY lets the audit read one"
                        + " cluster at a time)"));
            }
        }
        return all;
    }

    /** The settings each audit passes to the checks. */
    public Settings settings() {
        return settings;
    }

    /** Closes the plugins' class loaders. */
    @Override
    public void close() {
        try {
            plugins.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the plugins' class loaders", e);
        }
    }

    /** Configures a {@link Promfleet}; every setting is optional. */
    @Stable(since = "0.1")
    public static final class Builder {
        private ClassLoader classLoader = Promfleet.class.getClassLoader();
        private boolean builtIns = true;
        private final List<Path> pluginDirectories = new ArrayList<>();
        private final List<Inspector> inspectors = new ArrayList<>();
        private final List<Remediator> remediators = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration checkTimeout = AuditEngine.DEFAULT_CHECK_TIMEOUT;

        private Builder() {}

        /**
         * Where the built-in inspectors are looked up with {@link java.util.ServiceLoader}, and the
         * loader whose {@code io.promfleet.api} classes plugins share. Default: promfleet-core's own.
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Whether to run the inspectors found on the class path (default true); false runs only those added here or in plugins. */
        public Builder builtIns(boolean enabled) {
            this.builtIns = enabled;
            return this;
        }

        /** Loads every plugin jar (or plugin subdirectory of jars) in {@code directory}, each isolated. */
        public Builder pluginDirectory(Path directory) {
            pluginDirectories.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** Adds an inspector of the program's own; its id must not clash with a built-in one. */
        public Builder inspector(Inspector inspector) {
            inspectors.add(Objects.requireNonNull(inspector, "inspector"));
            return this;
        }

        /** Adds a remediator of the program's own; its id must not clash with a built-in one. */
        @Experimental
        public Builder remediator(Remediator remediator) {
            remediators.add(Objects.requireNonNull(remediator, "remediator"));
            return this;
        }

        /** Adds every setting of {@code values}, e.g. prices for the waste estimate. */
        public Builder settings(Settings values) {
            settings.putAll(values.values());
            return this;
        }

        /** Sets one setting, e.g. {@code setting("price.memory.gib-month", "2.5")}. */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * How long one check may run before it is abandoned and reported as a coverage gap, and one remediator's
         * {@code plan} before it is abandoned and reported as a plan problem (default 60 s).
         */
        public Builder checkTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the check time limit must be positive, got " + timeout);
            }
            this.checkTimeout = timeout;
            return this;
        }

        /** The clock that stamps reports (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Finds the inspectors and remediators and loads the plugins. A broken plugin does not fail this: it is listed by
         * {@link Promfleet#pluginProblems()} and in every report.
         *
         * @throws InputException when two built-in (or added) inspectors, or remediators, share an id, or a plugins
         *     directory does not exist
         */
        public Promfleet build() {
            List<Inspector> all = new ArrayList<>();
            if (builtIns) {
                all.addAll(InspectorRegistry.discover(classLoader).inspectors());
            }
            all.addAll(inspectors);
            InspectorRegistry registry = InspectorRegistry.of(all);
            List<Remediator> allRemediators = new ArrayList<>();
            if (builtIns) {
                allRemediators.addAll(RemediatorRegistry.discover(classLoader).remediators());
            }
            allRemediators.addAll(remediators);
            RemediatorRegistry remediatorRegistry = RemediatorRegistry.of(allRemediators);
            PluginLoader.Loaded plugins = new PluginLoader(classLoader).load(pluginDirectories);
            return new Promfleet(this, registry.withPlugins(plugins), remediatorRegistry.withPlugins(plugins), plugins);
        }
    }
}
