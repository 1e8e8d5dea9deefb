package io.promfleet.core.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents read from one file as plain trees ({@code Map}, {@code List}, scalars; an empty document is
 * {@code null}), with the line each object starts at, so errors about an object can name its line.
 */
public record LocatedTree(List<Object> documents, Map<Object, Integer> lines) {

    public LocatedTree {
        documents = Collections.unmodifiableList(new ArrayList<>(documents));
        lines = Collections.unmodifiableMap(new IdentityHashMap<>(lines));
    }

    /** The 1-based line {@code node} (a map or list of this tree) starts at, or 0 when unknown. */
    public int lineOf(Object node) {
        Integer line = lines.get(node);
        return line == null ? 0 : line;
    }
}
