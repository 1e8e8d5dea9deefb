package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.core.InputException;
import io.promfleet.core.live.KubeAccessException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Restores every object an apply changed to its journaled before-state, newest change first: deletes what was
 * created, recreates what was deleted (without the fields only the server sets), replaces what was changed. It
 * journals itself in the same file, each restore before it is made, so that an interrupted rollback can simply be
 * run again: an object already back in its before-state is left alone.
 *
 * <p>It undoes the real (not dry-run) changes written since the last rollback that completed. A Helm values
 * change is undone with the runner when there is one, else its undo command is listed for a person to run. A
 * component API request (a TSDB snapshot) has nothing to undo, and a volume deleted with {@code --purge-data}
 * cannot be restored: both are listed.
 */
@Experimental
public final class RollbackEngine {

    private final KubeWriter.Factory writers;
    private final HelmRunner helm;
    private final Clock clock;
    private final ApplyTexts texts;

    /** An engine that writes its log and reasons in English. */
    public RollbackEngine(KubeWriter.Factory writers, HelmRunner helm, Clock clock) {
        this(writers, helm, clock, Locale.ENGLISH);
    }

    /** @param locale the language of the log and the reasons ({@code --lang}); the journal stays English */
    public RollbackEngine(KubeWriter.Factory writers, HelmRunner helm, Clock clock, Locale locale) {
        this.writers = Objects.requireNonNull(writers, "writers");
        this.helm = helm;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.texts = new ApplyTexts(locale);
    }

    /** Rolls back what {@code journal} records; dry-run ({@code dryRun=All}) unless {@code dryRun} is false. */
    public ApplyResult rollback(Journal journal, boolean dryRun) {
        List<JournalEntry> entries = new ArrayList<>(journal.entries());
        int start = 0;
        for (JournalEntry e : entries) {
            if (e.type() == JournalEntry.Type.DONE && "rollback-complete".equals(e.result())) {
                start = (int) e.seq();
            }
        }
        Map<String, String> contexts = new LinkedHashMap<>();
        Map<Long, String> results = new LinkedHashMap<>();
        List<JournalEntry> changes = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (e.type() == JournalEntry.Type.RUN && e.contexts() != null) {
                contexts.putAll(e.contexts());
            }
            if (e.seq() <= start || e.dryRun()) {
                continue;
            }
            if (e.type() == JournalEntry.Type.CHANGE) {
                changes.add(e);
            } else if (e.type() == JournalEntry.Type.DONE) {
                results.put(e.of(), e.result());
            }
        }
        JournalEntry run = journal.append(JournalEntry.run("rollback", null, null, null, contexts, dryRun, clock.instant()));
        List<String> log = new ArrayList<>();
        int restored = 0;
        int unchanged = 0;
        try (ApplyEngine.Clusters clusters = new ApplyEngine.Clusters(writers, contexts)) {
            for (int i = changes.size() - 1; i >= 0; i--) {
                JournalEntry change = changes.get(i);
                String head = texts.get("rollback.head", change.seq(), change.id(), change.cluster(), change.operation(),
                        change.refText());
                String result = results.get(change.seq());
                if ("unchanged".equals(result)) {
                    log.add(texts.get("rollback.was-unchanged", head));
                    continue;
                }
                if ("object".equals(change.change()) && "delete".equals(change.operation())
                        && "PersistentVolumeClaim".equals(change.ref().get("kind"))) {
                    // A new claim of the old name would be an empty volume (or bind to nothing): not a restore.
                    log.add(texts.get("rollback.purged", head));
                    continue;
                }
                try {
                    switch (change.change()) {
                        case "object" -> {
                            if (object(change, clusters, journal, dryRun)) {
                                restored++;
                                log.add(texts.get(dryRun ? "rollback.restored-dry-run" : "rollback.restored", head));
                            } else {
                                unchanged++;
                                log.add(texts.get("rollback.already", head));
                            }
                        }
                        case "helm-values" -> {
                            String undo = helm(change, journal, dryRun);
                            log.add(head + ": " + undo);
                        }
                        default -> log.add(texts.get("rollback.request", head));
                    }
                } catch (Pending pending) {
                    log.add(texts.get("line.stopped", head, pending.getMessage()));
                    return new ApplyResult(ApplyResult.Status.STOPPED, dryRun, restored, unchanged, log,
                            (int) change.seq(), pending.getMessage(), clock.instant().plus(java.time.Duration.ofMinutes(1)));
                } catch (ApplyRefusedException refused) {
                    log.add(texts.get("line.refused", head, refused.getMessage()));
                    return new ApplyResult(ApplyResult.Status.REFUSED, dryRun, restored, unchanged, log,
                            (int) change.seq(), refused.getMessage(), null);
                } catch (KubeAccessException failed) {
                    if (failed.reason() == KubeAccessException.Reason.KUBECONFIG) {
                        throw new InputException(failed.getMessage(), failed);
                    }
                    log.add(texts.get("line.failed", head, failed.getMessage()));
                    return new ApplyResult(ApplyResult.Status.FAILED, dryRun, restored, unchanged, log,
                            (int) change.seq(), failed.getMessage() + " (" + failed.reason().id() + ")", null);
                }
            }
        }
        if (!dryRun) {
            journal.append(JournalEntry.done(run.seq(), "rollback-complete", false, clock.instant()));
        }
        return new ApplyResult(ApplyResult.Status.COMPLETED, dryRun, restored, unchanged, log, 0, null, null);
    }

    /** An object to restore that cannot be yet: a later run can. */
    private static final class Pending extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Pending(String message) {
            super(message, null, false, false);
        }
    }

    /** @return true when something was written */
    private boolean object(JournalEntry change, ApplyEngine.Clusters clusters, Journal journal, boolean dryRun) {
        Map<String, Object> ref = change.ref();
        ObjectRef target;
        try {
            target = new ObjectRef(change.cluster(), String.valueOf(ref.get("apiVersion")),
                    String.valueOf(ref.get("kind")), ref.get("namespace") == null ? null : String.valueOf(ref.get("namespace")),
                    String.valueOf(ref.get("name")));
        } catch (NullPointerException e) {
            throw new InputException(journal.file() + ": line " + change.seq() + ": ref is incomplete");
        }
        target.resource(texts);
        KubeWriter cluster = clusters.get(change.cluster());
        Map<String, Object> live = cluster.get(target).orElse(null);
        Map<String, Object> before = change.before();
        if (live != null && "Secret".equals(live.get("kind"))) {
            throw new ApplyRefusedException(texts.get("rollback.secret-live", target));
        }
        if (ServerFields.converged(live, change.after(), before)) {
            return false;
        }
        if (before != null && ServerFields.terminating(live)) {
            throw new Pending(texts.get("rollback.terminating", target));
        }
        // Only what apply left may be rolled back: a later change by someone else is theirs to keep.
        if (!ServerFields.unchangedSince(live, change.after())) {
            throw new ApplyRefusedException(texts.get("rollback.changed-by-someone", target, change.seq()));
        }
        Map<String, Object> restore = before == null ? null : ServerFields.strip(before);
        String operation = before == null ? "delete" : live == null ? "create" : "replace";
        if (restore != null && live != null) {
            ApplyEngine.lockTo(restore, live);
        }
        JournalEntry undo = journal.append(JournalEntry.undo(change, operation,
                live == null ? null : ServerFields.withoutManagedFields(live), restore, dryRun, clock.instant()));
        ApplyEngine.journaled(journal, undo, clock, () -> {
            switch (operation) {
                case "delete" -> cluster.delete(target, dryRun);
                case "create" -> cluster.create(target, restore, dryRun);
                default -> cluster.replace(target, restore, dryRun);
            }
        });
        journal.append(JournalEntry.done(undo.seq(), dryRun ? "dry-run" : "applied", dryRun, clock.instant()));
        return true;
    }

    private String helm(JournalEntry change, Journal journal, boolean dryRun) {
        Map<String, String> previous = new LinkedHashMap<>();
        Map<String, String> set = new LinkedHashMap<>();
        if (change.before() != null) {
            change.before().forEach((k, v) -> previous.put(k, String.valueOf(v)));
        }
        if (change.after() != null) {
            change.after().forEach((k, v) -> set.put(k, String.valueOf(v)));
        }
        Map<String, Object> ref = change.ref();
        if (previous.isEmpty() || ref.get("chart") == null) {
            throw new InputException(journal.file() + ": line " + change.seq() + ": a Helm change without its chart or "
                    + "previous values cannot be undone");
        }
        HelmValuesChange values = new HelmValuesChange(change.cluster(), String.valueOf(ref.get("release")),
                String.valueOf(ref.get("namespace")), String.valueOf(ref.get("chart")),
                ref.get("chartVersion") == null ? null : String.valueOf(ref.get("chartVersion")), previous, set);
        if (helm == null) {
            return texts.get("rollback.helm-by-hand", values.command());
        }
        JournalEntry undo = journal.append(JournalEntry.undo(change, "upgrade", change.after(), change.before(), dryRun,
                clock.instant()));
        helm.upgrade(values, previous, dryRun);
        journal.append(JournalEntry.done(undo.seq(), dryRun ? "dry-run" : "applied", dryRun, clock.instant()));
        return texts.get("rollback.helm-restored", previous);
    }
}
