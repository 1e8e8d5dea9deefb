package io.promfleet.testkit;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.Stable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Fluent assertions on the findings of one {@link InspectorRun}; each failure message lists every
 * finding (and coverage gap) the check produced, so a failing fixture explains itself.
 */
@Stable(since = "0.1")
public final class FindingsAssert {

    private final InspectorRun run;
    private final List<Finding> findings;

    FindingsAssert(InspectorRun run) {
        this.run = run;
        this.findings = run.findings();
    }

    private AssertionError fail(String expectation) {
        return new AssertionError(expectation + "\n" + run.describe());
    }

    /** No finding: the negative case a false positive would break. */
    public FindingsAssert isEmpty() {
        if (!findings.isEmpty()) {
            throw fail("expected no finding of " + run.checkId() + " but got " + findings.size());
        }
        return this;
    }

    public FindingsAssert hasSize(int expected) {
        if (findings.size() != expected) {
            throw fail("expected " + expected + " findings of " + run.checkId() + " but got " + findings.size());
        }
        return this;
    }

    /** Each pattern matches some finding. */
    public FindingsAssert contains(FindingPattern... patterns) {
        for (FindingPattern pattern : patterns) {
            if (findings.stream().noneMatch(pattern::matches)) {
                throw fail("expected " + run.checkId() + " to report " + pattern + " but it did not");
            }
        }
        return this;
    }

    /** No finding matches any of the patterns. */
    public FindingsAssert doesNotContain(FindingPattern... patterns) {
        for (FindingPattern pattern : patterns) {
            if (findings.stream().anyMatch(pattern::matches)) {
                throw fail("expected " + run.checkId() + " not to report " + pattern + " but it did");
            }
        }
        return this;
    }

    /** The findings and the patterns pair up one to one, in any order. */
    public FindingsAssert containsExactlyInAnyOrder(FindingPattern... patterns) {
        List<Finding> unmatched = Pairing.leftOver(findings, patterns, FindingPattern::matches,
                pattern -> fail("expected " + run.checkId() + " to report " + pattern
                        + " (among exactly " + patterns.length + " findings) but it did not"));
        if (!unmatched.isEmpty()) {
            throw fail("expected exactly " + Arrays.toString(patterns) + " but " + run.checkId() + " also reported "
                    + unmatched.stream().map(FindingPattern::line).collect(Collectors.joining("; ")));
        }
        return this;
    }

    /**
     * The findings are exactly these {@code expected.txt} lines ({@code cluster namespace kind name},
     * {@code -} for null), in any order.
     */
    public FindingsAssert matchLines(List<String> lines) {
        return containsExactlyInAnyOrder(lines.stream().map(FindingPattern::parseLine).toArray(FindingPattern[]::new));
    }

    public FindingsAssert matchLines(String... lines) {
        return matchLines(List.of(lines));
    }

    /** The findings are in exactly these clusters ({@code null} for fleet level), each at least once. */
    public FindingsAssert inClusters(String... clusters) {
        Set<String> expected = new TreeSet<>();
        for (String cluster : clusters) {
            expected.add(cluster == null ? "-" : cluster);
        }
        Set<String> actual = findings.stream().map(f -> f.cluster() == null ? "-" : f.cluster())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!expected.equals(actual)) {
            throw fail("expected findings in clusters " + expected + " but they are in " + actual);
        }
        return this;
    }

    public FindingsAssert allHaveSeverity(Severity severity) {
        for (Finding f : findings) {
            if (f.severity() != severity) {
                throw fail("expected every finding to be " + severity.id() + " but " + FindingPattern.line(f)
                        + " is " + f.severity().id());
            }
        }
        return this;
    }

    /** Runs {@code requirements} (e.g. AssertJ) on every finding. */
    public FindingsAssert allSatisfy(Consumer<Finding> requirements) {
        findings.forEach(requirements);
        return this;
    }

    /** Back to the run, e.g. to go on with {@link InspectorRun#assertNoCoverageGaps()}. */
    public InspectorRun and() {
        return run;
    }
}
