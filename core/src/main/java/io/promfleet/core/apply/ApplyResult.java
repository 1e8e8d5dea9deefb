package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import java.time.Instant;
import java.util.List;

/**
 * How an apply (or rollback) run ended.
 *
 * @param status    how it ended
 * @param dryRun    whether it was a dry run
 * @param changed   changes made (or, in a dry run, accepted by the API server's dry run)
 * @param unchanged changes found already made (idempotence)
 * @param log       one line per step and change, in order, for the person running it
 * @param stoppedAt the step it stopped at (1-based), or 0
 * @param reason    why it stopped: what was checked, what it saw; null when it completed
 * @param comeBack  when a gate that stopped it can pass at the earliest, or null
 */
@Experimental
public record ApplyResult(Status status, boolean dryRun, int changed, int unchanged, List<String> log, int stoppedAt,
        String reason, Instant comeBack) {

    /** How a run ended. */
    public enum Status {
        /** Every step done (or, in a dry run, validated). */
        COMPLETED,
        /** Stopped before a step that cannot run yet: a gate not passed, a Helm step to run by hand, an address unknown. */
        STOPPED,
        /** A change promfleet will not make; nothing of it was written. */
        REFUSED,
        /** The Kubernetes API failed; the journal says how far it got, and a re-run resumes there. */
        FAILED
    }

    public ApplyResult {
        log = List.copyOf(log);
    }
}
