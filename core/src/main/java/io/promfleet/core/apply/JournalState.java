package io.promfleet.core.apply;

import io.promfleet.core.InputException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a journal says has been done, for resuming: the real (not dry-run) apply lines written since the last
 * rollback began. A rollback resets it: after one, a new apply starts over (and, idempotent, changes only what
 * the rollback undid).
 */
public final class JournalState {

    private final Set<String> doneSteps = new HashSet<>();
    private final Map<String, JournalEntry> changes = new HashMap<>();
    private final Set<Long> done = new HashSet<>();
    /** FAILED lines by the seq of the CHANGE they reject: such a change is not done, only explained. */
    private final Map<Long, JournalEntry> failed = new HashMap<>();
    private final Map<String, Instant> lastChange = new HashMap<>();
    private String planSha256;

    private JournalState() {}

    public static JournalState of(List<JournalEntry> entries) {
        int start = 0;
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry e = entries.get(i);
            if (e.type() == JournalEntry.Type.RUN && "rollback".equals(e.command()) && !e.dryRun()) {
                start = i + 1;
            }
        }
        JournalState state = new JournalState();
        for (JournalEntry e : entries.subList(start, entries.size())) {
            if (e.dryRun()) {
                continue;
            }
            switch (e.type()) {
                case RUN -> {
                    if (state.planSha256 == null) {
                        state.planSha256 = e.planSha256();
                    }
                }
                case CHANGE -> state.changes.put(key(e.id(), e.index()), e);
                case DONE -> {
                    state.done.add(e.of());
                    JournalEntry of = entries.get((int) (e.of() - 1));
                    if (of.type() == JournalEntry.Type.CHANGE && of.cluster() != null) {
                        state.lastChange.merge(of.cluster(), e.time(), (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
                case FAILED -> state.failed.put(e.of(), e);
                case STEP_DONE -> state.doneSteps.add(e.id());
                default -> { }
            }
        }
        return state;
    }

    /**
     * @throws InputException when the journal's apply runs were of another plan: resuming one plan from another's
     *     journal would skip steps that plan never took
     */
    public void requireSamePlan(String sha256, String journal) {
        if (planSha256 != null && !planSha256.equals(sha256)) {
            throw new InputException(journal + ": this journal records an apply of another plan (SHA-256 "
                    + planSha256.substring(0, 12) + "…, this one is " + sha256.substring(0, 12)
                    + "…); give a new --journal, or roll the old one back first");
        }
    }

    public boolean stepDone(String id) {
        return doneSteps.contains(id);
    }

    public boolean changeDone(String id, int index) {
        JournalEntry change = changes.get(key(id, index));
        return change != null && done.contains(change.seq());
    }

    /**
     * A change whose line was written but whose completion was not: it may or may not have been made (unless
     * {@link #rejected} says the API server refused it).
     */
    public Optional<JournalEntry> interrupted(String id, int index) {
        JournalEntry change = changes.get(key(id, index));
        return change != null && !done.contains(change.seq()) ? Optional.of(change) : Optional.empty();
    }

    /**
     * The FAILED line of an {@link #interrupted} change, when the API server rejected it: then it was not made
     * (a change without one may have been).
     */
    public Optional<JournalEntry> rejected(JournalEntry change) {
        return Optional.ofNullable(failed.get(change.seq()));
    }

    /** When the last change in {@code cluster} completed, if any did. */
    public Optional<Instant> lastChange(String cluster) {
        return Optional.ofNullable(lastChange.get(cluster));
    }

    private static String key(String id, int index) {
        return id + "#" + index;
    }
}
