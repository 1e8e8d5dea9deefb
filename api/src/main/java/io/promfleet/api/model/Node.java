package io.promfleet.api.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON-like tree: an object, an array, a scalar (string, number, boolean), null, or
 * missing. Reading a path that does not exist yields {@link #missing()} instead of throwing, so checks
 * can read deep paths without guarding every step.
 *
 * <p>The API module has no third-party dependency, so this small tree stands in for a JSON library's.
 */
public final class Node {

    private static final Node MISSING = new Node(null, true);
    private static final Node NULL = new Node(null, false);

    private final Object value;
    private final boolean missing;

    private Node(Object value, boolean missing) {
        this.value = value;
        this.missing = missing;
    }

    /**
     * Wraps a tree of {@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Number},
     * {@code Boolean} and {@code null}, copying it so later changes to the input cannot reach it.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Node of(Object tree) {
        return tree == null ? NULL : new Node(freeze(tree), false);
    }

    public static Node missing() {
        return MISSING;
    }

    private static Object freeze(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return number;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("unsupported node value type " + value.getClass().getName());
    }

    /** The field {@code name} of an object node; missing for any other node. */
    public Node get(String name) {
        if (value instanceof Map<?, ?> map && map.containsKey(name)) {
            return wrap(map.get(name));
        }
        return MISSING;
    }

    /** The element at {@code index} of an array node; missing for any other node or index. */
    public Node get(int index) {
        if (value instanceof List<?> list && index >= 0 && index < list.size()) {
            return wrap(list.get(index));
        }
        return MISSING;
    }

    /**
     * Walks {@code segments} from this node: a segment is a field name, or a decimal index when the
     * node at that point is an array. Field names may contain dots and slashes (as label keys do).
     */
    public Node path(String... segments) {
        Node current = this;
        for (String segment : segments) {
            if (current.value instanceof List<?> && isIndex(segment)) {
                current = current.get(Integer.parseInt(segment));
            } else {
                current = current.get(segment);
            }
            if (current.missing) {
                return MISSING;
            }
        }
        return current;
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Node wrap(Object child) {
        return child == null ? NULL : new Node(child, false);
    }

    public boolean isMissing() {
        return missing;
    }

    /** True for an explicit {@code null} and for a missing node. */
    public boolean isNullOrMissing() {
        return value == null;
    }

    public boolean isObject() {
        return value instanceof Map;
    }

    public boolean isArray() {
        return value instanceof List;
    }

    /** True for a string, number or boolean. */
    public boolean isScalar() {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    /** A scalar's text (numbers and booleans as written), or empty for any other node. */
    public Optional<String> text() {
        return isScalar() ? Optional.of(scalarText()) : Optional.empty();
    }

    /** A scalar's text, or {@code fallback}. */
    public String text(String fallback) {
        return isScalar() ? scalarText() : fallback;
    }

    private String scalarText() {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    /** A number, or a string holding an integer, as a long; {@code fallback} otherwise. */
    public long asLong(long fallback) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    public int asInt(int fallback) {
        long v = asLong(fallback);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? fallback : (int) v;
    }

    /** A boolean, or the strings {@code true}/{@code false}; {@code fallback} otherwise. */
    public boolean asBoolean(boolean fallback) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        return fallback;
    }

    /** The elements of an array node; empty for any other node. */
    public List<Node> elements() {
        if (value instanceof List<?> list) {
            List<Node> nodes = new ArrayList<>(list.size());
            list.forEach(v -> nodes.add(wrap(v)));
            return Collections.unmodifiableList(nodes);
        }
        return List.of();
    }

    /** The fields of an object node in document order; empty for any other node. */
    public Map<String, Node> fields() {
        if (value instanceof Map<?, ?> map) {
            Map<String, Node> nodes = new LinkedHashMap<>();
            map.forEach((k, v) -> nodes.put((String) k, wrap(v)));
            return Collections.unmodifiableMap(nodes);
        }
        return Map.of();
    }

    /** The scalar fields of an object node as text, e.g. labels; other fields are left out. */
    public Map<String, String> textFields() {
        Map<String, String> texts = new LinkedHashMap<>();
        fields().forEach((k, v) -> v.text().ifPresent(t -> texts.put(k, t)));
        return Collections.unmodifiableMap(texts);
    }

    /** The texts of an array node's scalar elements, e.g. container args. */
    public List<String> textElements() {
        List<String> texts = new ArrayList<>();
        elements().forEach(e -> e.text().ifPresent(texts::add));
        return Collections.unmodifiableList(texts);
    }

    /** The plain tree this node wraps (unmodifiable maps and lists), or {@code null}. */
    public Object unwrap() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Node node && node.missing == missing && Objects.equals(node.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, missing);
    }

    /** Describes the node's shape only: a body may hold values that must not reach a log. */
    @Override
    public String toString() {
        if (missing) {
            return "Node[missing]";
        }
        if (value instanceof Map<?, ?> map) {
            return "Node[object, " + map.size() + " fields]";
        }
        if (value instanceof List<?> list) {
            return "Node[array, " + list.size() + " elements]";
        }
        return value == null ? "Node[null]" : "Node[" + value.getClass().getSimpleName().toLowerCase() + "]";
    }
}
