package io.promfleet.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/** The one-to-one pairing of patterns with what a run produced, shared by the findings and actions assertions. */
final class Pairing {

    private Pairing() {}

    /**
     * Pairs each pattern with a distinct item it matches, in pattern order, and returns the items left over.
     *
     * @throws AssertionError from {@code missing} for the first pattern that matches no item left
     */
    static <T, P> List<T> leftOver(List<T> items, P[] patterns, BiPredicate<P, T> matches,
            Function<P, AssertionError> missing) {
        List<T> unmatched = new ArrayList<>(items);
        for (P pattern : patterns) {
            T match = unmatched.stream().filter(item -> matches.test(pattern, item)).findFirst()
                    .orElseThrow(() -> missing.apply(pattern));
            unmatched.remove(match);
        }
        return unmatched;
    }
}
