package io.promfleet.testkit;

import io.promfleet.api.Experimental;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an expected action looks like: every property set must match, the others are free. Start one with
 * {@link #action()} (statically imported), like {@link FindingPattern#finding()}:
 * {@code action().cluster("cluster-02").replaces("ConfigMap", "monitoring", "agent-config")}.
 */
@Experimental(since = "0.1")
public final class ActionPattern {

    private final List<String> description = new ArrayList<>();
    private final List<Predicate<Action>> tests = new ArrayList<>();
    /** The object the last {@code creates/replaces/deletes} named, which {@link #afterContains} looks into. */
    private Predicate<ObjectChange> object = o -> true;

    private ActionPattern() {}

    /** A pattern that matches every action until narrowed. */
    public static ActionPattern action() {
        return new ActionPattern();
    }

    private ActionPattern with(String what, Predicate<Action> test) {
        description.add(what);
        tests.add(test);
        return this;
    }

    public ActionPattern id(String id) {
        return with("id=" + id, a -> a.id().equals(id));
    }

    public ActionPattern phase(Phase phase) {
        return with("phase=" + phase.id(), a -> a.phase() == phase);
    }

    public ActionPattern cluster(String cluster) {
        return with("cluster=" + cluster, a -> a.cluster().equals(cluster));
    }

    /** Answers the findings of {@code check}. */
    public ActionPattern addresses(String check) {
        return with("addresses " + check, a -> a.addresses().contains(check));
    }

    public ActionPattern descriptionContains(String text) {
        return with("description contains '" + text + "'", a -> a.description().contains(text));
    }

    public ActionPattern verificationContains(String text) {
        return with("verification contains '" + text + "'", a -> a.verification().contains(text));
    }

    public ActionPattern creates(String kind, String namespace, String name) {
        return changes(ObjectChange.Operation.CREATE, kind, namespace, name);
    }

    public ActionPattern replaces(String kind, String namespace, String name) {
        return changes(ObjectChange.Operation.REPLACE, kind, namespace, name);
    }

    public ActionPattern deletes(String kind, String namespace, String name) {
        return changes(ObjectChange.Operation.DELETE, kind, namespace, name);
    }

    private ActionPattern changes(ObjectChange.Operation operation, String kind, String namespace, String name) {
        Predicate<ObjectChange> target = o -> o.operation() == operation && o.kind().equals(kind)
                && Objects.equals(o.namespace(), namespace) && o.name().equals(name);
        object = target;
        return with(operation.id() + "s " + kind + "/" + namespace + "/" + name, a -> objectChanges(a).anyMatch(target));
    }

    /**
     * The object named by the preceding {@code creates/replaces/deletes} (any object when none) has, after the
     * change, a text at {@code path} containing {@code fragment}, e.g.
     * {@code afterContains("scrape_interval: 15s", "data", "prometheus.yml")}.
     */
    public ActionPattern afterContains(String fragment, String... path) {
        Predicate<ObjectChange> target = object;
        return with("after." + String.join(".", path) + " contains '" + fragment + "'",
                a -> objectChanges(a).filter(target).anyMatch(o -> o.after().path(path).text("").contains(fragment)));
    }

    /** Like {@link #afterContains}, but the text must not contain {@code fragment}. */
    public ActionPattern afterLacks(String fragment, String... path) {
        Predicate<ObjectChange> target = object;
        return with("after." + String.join(".", path) + " lacks '" + fragment + "'",
                a -> objectChanges(a).filter(target).anyMatch(o -> !o.after().path(path).text("").contains(fragment)));
    }

    private static java.util.stream.Stream<ObjectChange> objectChanges(Action action) {
        return action.changes().stream().filter(ObjectChange.class::isInstance).map(ObjectChange.class::cast);
    }

    public boolean matches(Action action) {
        return tests.stream().allMatch(t -> t.test(action));
    }

    @Override
    public String toString() {
        return description.isEmpty() ? "any action" : "action(" + String.join(", ", description) + ")";
    }
}
