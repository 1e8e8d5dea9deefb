package io.promfleet.testkit;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.Stable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an expected finding looks like: every property set must match, the others are free. Start one
 * with {@link #finding()} (statically imported) and name only what the test is about:
 * {@code finding().cluster("cluster-02").kind("ConfigMap").messageContains("15s")}.
 */
@Stable(since = "0.1")
public final class FindingPattern {

    private final List<String> description = new ArrayList<>();
    private final List<Predicate<Finding>> tests = new ArrayList<>();

    private FindingPattern() {}

    /** A pattern that matches every finding until narrowed. */
    public static FindingPattern finding() {
        return new FindingPattern();
    }

    /**
     * The pattern of one {@code expected.txt} line: {@code cluster namespace kind name}, {@code -} for null.
     *
     * @throws IllegalArgumentException when the line does not have four words
     */
    public static FindingPattern parseLine(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length != 4) {
            throw new IllegalArgumentException("an expected finding is 'cluster namespace kind name' ('-' for none), got '"
                    + line + "'");
        }
        return finding().cluster(dash(words[0])).namespace(dash(words[1])).kind(dash(words[2])).name(dash(words[3]));
    }

    private static String dash(String word) {
        return word.equals("-") ? null : word;
    }

    /** {@code cluster namespace kind name} of {@code finding}, {@code -} for null: the expected.txt format. */
    public static String line(Finding finding) {
        return String.join(" ", orDash(finding.cluster()), orDash(finding.namespace()), orDash(finding.kind()),
                orDash(finding.name()));
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private FindingPattern with(String what, Predicate<Finding> test) {
        description.add(what);
        tests.add(test);
        return this;
    }

    /** In {@code cluster}; {@code null} means a fleet-level finding. */
    public FindingPattern cluster(String cluster) {
        return with("cluster=" + cluster, f -> Objects.equals(f.cluster(), cluster));
    }

    /** A fleet-level finding (no cluster). */
    public FindingPattern fleetLevel() {
        return cluster(null);
    }

    public FindingPattern namespace(String namespace) {
        return with("namespace=" + namespace, f -> Objects.equals(f.namespace(), namespace));
    }

    public FindingPattern kind(String kind) {
        return with("kind=" + kind, f -> Objects.equals(f.kind(), kind));
    }

    public FindingPattern name(String name) {
        return with("name=" + name, f -> Objects.equals(f.name(), name));
    }

    /** On the object {@code namespace/kind/name}. */
    public FindingPattern object(String namespace, String kind, String name) {
        return namespace(namespace).kind(kind).name(name);
    }

    public FindingPattern severity(Severity severity) {
        return with("severity=" + severity.id(), f -> f.severity() == severity);
    }

    public FindingPattern messageContains(String text) {
        return with("message contains '" + text + "'", f -> f.message().contains(text));
    }

    public FindingPattern remediationContains(String text) {
        return with("remediation contains '" + text + "'", f -> f.remediation().contains(text));
    }

    /** Records the fact {@code key} with exactly {@code value}. */
    public FindingPattern evidence(String key, String value) {
        return with("evidence " + key + "=" + value, f -> Objects.equals(f.evidence().get(key), value));
    }

    public boolean matches(Finding finding) {
        return tests.stream().allMatch(t -> t.test(finding));
    }

    @Override
    public String toString() {
        return description.isEmpty() ? "any finding" : "finding(" + String.join(", ", description) + ")";
    }
}
