package io.promfleet.core.apply;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an object the API server owns, and comparisons that ignore them. An object read back is never
 * byte-equal to the one sent: the server stamps metadata, fills defaults and writes status. So {@code apply}
 * asks whether the live object <em>contains</em> what the plan wants (and lacks what the plan removed), and
 * {@code rollback} recreates objects without what only the server may set.
 */
public final class ServerFields {

    /** Metadata the server sets; sending it back on a create is an error, on a replace a stale lock. */
    static final Set<String> METADATA = Set.of("resourceVersion", "uid", "generation", "creationTimestamp",
            "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    /** Annotations controllers write as they act on the object (the Deployment controller's revision counter). */
    static final Set<String> ANNOTATIONS = Set.of("deployment.kubernetes.io/revision");

    private ServerFields() {}

    /** A deep, mutable copy of {@code object} without server-managed metadata, annotations and {@code status}. */
    public static Map<String, Object> strip(Map<String, Object> object) {
        Map<String, Object> copy = copy(object);
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) m;
            METADATA.forEach(metadata::remove);
            if (metadata.get("annotations") instanceof Map<?, ?> a) {
                a.keySet().removeAll(ANNOTATIONS);
                if (a.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
        }
        return copy;
    }

    /** {@code object} without {@code metadata.managedFields}: kept out of journals, where it is only bulk. */
    public static Map<String, Object> withoutManagedFields(Map<String, Object> object) {
        Map<String, Object> copy = copy(object);
        if (copy.get("metadata") instanceof Map<?, ?> m) {
            m.remove("managedFields");
        }
        return copy;
    }

    /**
     * Whether {@code live} (null: absent) is where a change from {@code before} to {@code after} (null: delete)
     * leads: absent or being deleted for a delete; otherwise every field of {@code after} has its value in {@code live}, and every
     * field {@code before} had and {@code after} dropped is gone from it. Server-managed fields are ignored.
     */
    public static boolean converged(Map<String, Object> live, Map<String, Object> before, Map<String, Object> after) {
        if (after == null) {
            // Deleted, or being deleted: an object with finalizers (a PVC in use) lingers until they are done.
            return live == null || terminating(live);
        }
        if (live == null || terminating(live)) {
            return false;
        }
        Map<String, Object> l = strip(live);
        Map<String, Object> a = strip(after);
        return contains(l, a) && (before == null || !keepsRemoved(l, strip(before), a));
    }

    /** Whether the object is being deleted (graceful termination, or finalizers still to run). */
    public static boolean terminating(Map<String, Object> object) {
        return object != null && object.get("metadata") instanceof Map<?, ?> m && m.get("deletionTimestamp") != null;
    }

    /** Whether {@code live} still holds {@code expected} (minus server-managed fields): nobody changed it since. */
    public static boolean unchangedSince(Map<String, Object> live, Map<String, Object> expected) {
        if (expected == null || live == null) {
            return expected == live;
        }
        return contains(strip(live), strip(expected));
    }

    /** Whether {@code actual} holds every field of {@code expected} with an equal value (numbers by value). */
    static boolean contains(Object actual, Object expected) {
        if (expected == null) {
            return actual == null || actual instanceof Map<?, ?> m && m.isEmpty();
        }
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) {
                return e.isEmpty() && actual == null;
            }
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                Object value = a.get(entry.getKey());
                boolean emptyExpected = entry.getValue() == null
                        || entry.getValue() instanceof Map<?, ?> em && em.isEmpty()
                        || entry.getValue() instanceof List<?> el && el.isEmpty();
                if (value == null && emptyExpected) {
                    continue; // the server drops empty maps and lists
                }
                if (!contains(value, entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!contains(a.get(i), e.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0;
        }
        return expected.equals(actual);
    }

    /** Whether a map field that {@code before} had and {@code after} removed is still in {@code live}. */
    private static boolean keepsRemoved(Object live, Object before, Object after) {
        if (!(before instanceof Map<?, ?> b) || !(live instanceof Map<?, ?> l)) {
            return false;
        }
        Map<?, ?> a = after instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<?, ?> entry : b.entrySet()) {
            Object key = entry.getKey();
            if (!a.containsKey(key)) {
                if (l.containsKey(key)) {
                    return true;
                }
            } else if (keepsRemoved(l.get(key), entry.getValue(), a.get(key))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return (T) copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v)));
            return (T) copy;
        }
        return tree;
    }
}
