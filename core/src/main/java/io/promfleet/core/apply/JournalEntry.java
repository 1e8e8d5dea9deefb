package io.promfleet.core.apply;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an apply journal. Which fields are set depends on the {@link Type}; the others are null.
 *
 * @param seq        1-based position in the journal file
 * @param type       what the line records
 * @param time       when it was written
 * @param dryRun     whether it belongs to a dry run (such lines never count as done)
 * @param command    RUN: {@code apply} or {@code rollback}
 * @param plan       RUN: the plan file
 * @param planSha256 RUN: the SHA-256 of the plan file, which a journal is tied to
 * @param fleet      RUN: the fleet's name
 * @param contexts   RUN: each cluster's kubeconfig context, so that {@code rollback JOURNAL} needs no fleet file
 * @param step       CHANGE, GATE, STEP_DONE: the plan step's number
 * @param id         CHANGE, GATE, STEP_DONE: the action's or gate's id
 * @param index      CHANGE: the change's position in its action
 * @param cluster    CHANGE, UNDO, GATE: the cluster
 * @param change     CHANGE, UNDO: {@code object}, {@code helm-values} or {@code api-request}
 * @param ref        CHANGE, UNDO: what is changed ({@code apiVersion/kind/namespace/name}, or the Helm release, or the Service)
 * @param operation  CHANGE, UNDO: {@code create}, {@code replace}, {@code delete}, {@code upgrade}, {@code request}
 * @param before     CHANGE, UNDO: the object as it was, read just before (null when absent); Helm: the previous values
 * @param after      CHANGE, UNDO: the object as it is to be (null when deleted); Helm: the values set
 * @param of         DONE, FAILED: the CHANGE or UNDO line completed or failed; UNDO: the CHANGE line undone
 * @param result     DONE: {@code applied}, {@code unchanged}, {@code reconciled}, {@code dry-run}, {@code external}
 * @param passed     GATE: whether it passed
 * @param checked    GATE: what was asked, of which API
 * @param saw        GATE: what came back
 * @param status     FAILED: the HTTP status the API server answered
 * @param message    FAILED: what it said, at most {@link #MESSAGE_LIMIT} characters
 */
public record JournalEntry(long seq, Type type, Instant time, boolean dryRun, String command, String plan,
        String planSha256, String fleet, Map<String, String> contexts, Integer step, String id, Integer index,
        String cluster, String change, Map<String, Object> ref, String operation, Map<String, Object> before,
        Map<String, Object> after, Long of, String result, Boolean passed, String checked, String saw, Integer status,
        String message) {

    /**
     * A FAILED line's message is cut to this: the API server may quote the rejected object, and a ConfigMap's or a
     * Pod's values can hold what the audit flags as a plaintext credential (a Secret is never written, so never
     * quoted). The start says what was wrong; the journal need not hold the whole object a second time.
     */
    public static final int MESSAGE_LIMIT = 300;

    /** What a line records. */
    public enum Type {
        /** A run of apply or rollback began. */
        RUN,
        /** A change is about to be made: written and synced before it is. */
        CHANGE,
        /** A change or undo was made (or found already made). */
        DONE,
        /** A gate was checked. */
        GATE,
        /** Every change of an action step, or its gate, is done. */
        STEP_DONE,
        /** Rollback is about to restore the before-state of a CHANGE line: written and synced before it does. */
        UNDO,
        /**
         * The API server answered a CHANGE's or UNDO's write with an error (e.g. 422 Invalid): not made. Like a line
         * with no completion it counts as not done, and a resume compares the object with its before-state.
         */
        FAILED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Type of(String id) {
            for (Type t : values()) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown entry type '" + id + "'");
        }
    }

    public JournalEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    static JournalEntry run(String command, String plan, String planSha256, String fleet, Map<String, String> contexts,
            boolean dryRun, Instant time) {
        return new JournalEntry(0, Type.RUN, time, dryRun, command, plan, planSha256, fleet, contexts, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static JournalEntry change(int step, String id, int index, String cluster, String change, Map<String, Object> ref,
            String operation, Map<String, Object> before, Map<String, Object> after, boolean dryRun, Instant time) {
        return new JournalEntry(0, Type.CHANGE, time, dryRun, null, null, null, null, null, step, id, index, cluster,
                change, ref, operation, before, after, null, null, null, null, null, null, null);
    }

    static JournalEntry undo(JournalEntry undone, String operation, Map<String, Object> before,
            Map<String, Object> after, boolean dryRun, Instant time) {
        return new JournalEntry(0, Type.UNDO, time, dryRun, null, null, null, null, null, undone.step, undone.id,
                undone.index, undone.cluster, undone.change, undone.ref, operation, before, after, undone.seq, null,
                null, null, null, null, null);
    }

    static JournalEntry done(long of, String result, boolean dryRun, Instant time) {
        return new JournalEntry(0, Type.DONE, time, dryRun, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, of, result, null, null, null, null, null);
    }

    static JournalEntry gate(int step, String id, String cluster, boolean passed, String checked, String saw,
            boolean dryRun, Instant time) {
        return new JournalEntry(0, Type.GATE, time, dryRun, null, null, null, null, null, step, id, null, cluster,
                null, null, null, null, null, null, null, passed, checked, saw, null, null);
    }

    static JournalEntry stepDone(int step, String id, boolean dryRun, Instant time) {
        return new JournalEntry(0, Type.STEP_DONE, time, dryRun, null, null, null, null, null, step, id, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The write of line {@code of} was answered with HTTP {@code status}; {@code message} is cut to {@link #MESSAGE_LIMIT}. */
    static JournalEntry failed(long of, int status, String message, boolean dryRun, Instant time) {
        return new JournalEntry(0, Type.FAILED, time, dryRun, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, of, null, null, null, null, status,
                PrometheusHttp.abbreviate(message, MESSAGE_LIMIT));
    }

    JournalEntry withSeq(long number) {
        return new JournalEntry(number, type, time, dryRun, command, plan, planSha256, fleet, contexts, step, id, index,
                cluster, change, ref, operation, before, after, of, result, passed, checked, saw, status, message);
    }

    /** The line's fields in a fixed order, without the unset ones. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("type", type.id());
        m.put("time", time.toString());
        m.put("dryRun", dryRun);
        put(m, "command", command);
        put(m, "plan", plan);
        put(m, "planSha256", planSha256);
        put(m, "fleet", fleet);
        put(m, "contexts", contexts);
        put(m, "step", step);
        put(m, "id", id);
        put(m, "index", index);
        put(m, "cluster", cluster);
        put(m, "change", change);
        put(m, "ref", ref);
        put(m, "operation", operation);
        if (type == Type.CHANGE || type == Type.UNDO) {
            // null is meaningful here: the object did not exist (before) or is deleted (after).
            m.put("before", before);
            m.put("after", after);
        }
        put(m, "of", of);
        put(m, "result", result);
        put(m, "passed", passed);
        put(m, "checked", checked);
        put(m, "saw", saw);
        put(m, "status", status);
        put(m, "message", message);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** {@code Kind/namespace/name} (or the release, or the Service) for messages. */
    public String refText() {
        if (ref == null) {
            return "?";
        }
        Object namespace = ref.get("namespace");
        Object name = ref.get("name");
        Object kind = ref.getOrDefault("kind", change);
        return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}
