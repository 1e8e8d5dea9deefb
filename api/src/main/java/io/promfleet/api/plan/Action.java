package io.promfleet.api.plan;

import io.promfleet.api.Experimental;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a remediation plan: what it changes, how to see it worked, and how to undo it.
 *
 * @param id           stable within a plan, lower-case words joined by dashes, e.g.
 *                     {@code repoint-remote-write-cluster-02}; {@code apply} and its journal key on it
 * @param phase        the phase it belongs to
 * @param cluster      the one cluster it changes
 * @param description  what it does and why, for the reviewer
 * @param changes      the changes, made in this order
 * @param verification how to see it worked: a command or a query, for a person to run
 * @param undo         how to undo it, in words or as a command (the journal's before-states do it exactly)
 * @param addresses    the check ids whose findings it answers
 */
@Experimental(since = "0.1")
public record Action(
        String id, Phase phase, String cluster, String description, List<Change> changes, String verification,
        String undo, List<String> addresses) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Action {
        Objects.requireNonNull(id, "Action.id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Action id '" + id + "' is not lower-case words joined by dashes");
        }
        Objects.requireNonNull(phase, "Action.phase");
        Objects.requireNonNull(cluster, "Action.cluster");
        Objects.requireNonNull(description, "Action.description");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("Action " + id + " changes nothing");
        }
        for (Change change : changes) {
            if (!change.cluster().equals(cluster)) {
                throw new IllegalArgumentException("Action " + id + " is in " + cluster + " but changes "
                        + change.cluster() + ": an action changes one cluster");
            }
        }
        verification = verification == null ? "" : verification;
        undo = undo == null ? "" : undo;
        addresses = List.copyOf(addresses);
    }
}
