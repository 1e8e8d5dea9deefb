package io.promfleet.testkit;

import io.promfleet.api.Experimental;
import io.promfleet.api.plan.Action;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Fluent assertions on the actions of one {@link RemediatorRun}, like {@link FindingsAssert} on findings. */
@Experimental(since = "0.1")
public final class ActionsAssert {

    private final RemediatorRun run;
    private final List<Action> actions;

    ActionsAssert(RemediatorRun run) {
        this.run = run;
        this.actions = run.actions();
    }

    private AssertionError fail(String expectation) {
        return new AssertionError(expectation + "\n" + run.describe());
    }

    /** No action: the negative case a needless change would break. */
    public ActionsAssert isEmpty() {
        if (!actions.isEmpty()) {
            throw fail("expected no action of " + run.remediatorId() + " but got " + actions.size());
        }
        return this;
    }

    public ActionsAssert hasSize(int expected) {
        if (actions.size() != expected) {
            throw fail("expected " + expected + " actions of " + run.remediatorId() + " but got " + actions.size());
        }
        return this;
    }

    /** Each pattern matches some action. */
    public ActionsAssert contains(ActionPattern... patterns) {
        for (ActionPattern pattern : patterns) {
            if (actions.stream().noneMatch(pattern::matches)) {
                throw fail("expected " + run.remediatorId() + " to plan " + pattern + " but it did not");
            }
        }
        return this;
    }

    /** The actions and the patterns pair up one to one, in any order. */
    public ActionsAssert containsExactlyInAnyOrder(ActionPattern... patterns) {
        List<Action> unmatched = Pairing.leftOver(actions, patterns, ActionPattern::matches,
                pattern -> fail("expected " + run.remediatorId() + " to plan " + pattern
                        + " (among exactly " + patterns.length + " actions) but it did not"));
        if (!unmatched.isEmpty()) {
            throw fail("expected exactly " + Arrays.toString(patterns) + " but " + run.remediatorId()
                    + " also planned " + unmatched.stream().map(Action::id).collect(Collectors.joining(", ")));
        }
        return this;
    }

    /** Runs {@code requirements} (e.g. AssertJ) on every action. */
    public ActionsAssert allSatisfy(Consumer<Action> requirements) {
        actions.forEach(requirements);
        return this;
    }

    /** Back to the run. */
    public RemediatorRun and() {
        return run;
    }
}
