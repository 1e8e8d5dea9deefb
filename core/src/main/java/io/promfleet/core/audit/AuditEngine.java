package io.promfleet.core.audit;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.PromDuration;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs inspectors over a fleet. A check that throws, or does not finish within the per-check time limit,
 * becomes a coverage gap and the audit goes on: one broken plugin must not hide what every other check
 * found.
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

    public AuditReport audit(Fleet fleet) {
        List<Finding> findings = new ArrayList<>();
        List<CoverageGap> gaps = new ArrayList<>();
        int suppressed = 0;
        for (Inspector inspector : inspectors) {
            Context context = new Context(inspector, fleet);
            run(inspector, context).ifPresent(gaps::add);
            context.close();
            gaps.addAll(context.gaps);
            for (Finding finding : context.findings) {
                if (isSuppressed(fleet, finding)) {
                    suppressed++;
                } else {
                    findings.add(finding);
                }
            }
        }
        findings.sort(ORDER);
        Locale locale = locale();
        List<CheckInfo> checks = inspectors.stream().map(i -> CheckInfo.of(i, locale)).toList();
        return new AuditReport(fleet, clock.instant(), checks, findings, gaps, suppressed);
    }

    /**
     * Runs one check on a thread of its own, so that a check that hangs can be left behind: Java cannot
     * stop a thread that ignores interruption, but the audit need not wait for it. The thread is a daemon
     * and its context class loader is the check's own (a plugin's libraries may look resources up there).
     *
     * @return the gap the check leaves when it fails or runs out of time
     */
    private Optional<CoverageGap> run(Inspector inspector, Context context) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            inspector.inspect(context);
            return null;
        });
        Thread thread = new Thread(task, "promfleet-check-" + inspector.id());
        thread.setDaemon(true);
        thread.setContextClassLoader(inspector.getClass().getClassLoader());
        thread.start();
        try {
            task.get(checkTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            task.cancel(true);
            return Optional.of(new CoverageGap(inspector.id(), null,
                    text("gap.timeout", PromDuration.format(checkTimeout))));
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.of(new CoverageGap(inspector.id(), null, text("gap.interrupted")));
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            // Running out of memory is the JVM's problem, not this check's: it must not pass for a gap.
            if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
                throw (VirtualMachineError) failure;
            }
            // Any Throwable, not only RuntimeException: a plugin can throw a checked one undeclared.
            return Optional.of(new CoverageGap(inspector.id(), null, text("gap.failed",
                    failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()))));
        }
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
        private final List<Finding> findings = new ArrayList<>();
        private final List<CoverageGap> gaps = new ArrayList<>();
        /** Set once the engine stops listening: an abandoned check's late reports are dropped. */
        private boolean closed;

        Context(Inspector inspector, Fleet fleet) {
            this.inspector = inspector;
            this.fleet = fleet;
        }

        @Override
        public Fleet fleet() {
            return fleet;
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
            } else if (finding.cluster() != null && fleet.cluster(finding.cluster()).isEmpty()) {
                coverageGap(null, text("gap.unknown-cluster", finding.cluster()));
            } else {
                findings.add(finding);
            }
        }

        @Override
        public synchronized void coverageGap(String cluster, String reason) {
            if (closed) {
                return;
            }
            gaps.add(new CoverageGap(inspector.id(), cluster, reason));
        }
    }
}
