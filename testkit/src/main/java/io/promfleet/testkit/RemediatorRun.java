package io.promfleet.testkit;

import io.promfleet.api.Experimental;
import io.promfleet.api.Finding;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Change;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanProblem;
import io.promfleet.core.plan.PlanStep;
import java.util.List;

/**
 * The outcome of planning with one remediator over one fixture: the whole plan (with the engine's gates),
 * the remediator's actions, the findings it left unaddressed and the problems it caused, with fluent
 * assertions. Failure messages list every action and change, so a failing case explains itself.
 */
@Experimental(since = "0.1")
public final class RemediatorRun {

    private final String remediatorId;
    private final String fixture;
    private final List<Finding> findings;
    private final Plan plan;

    RemediatorRun(String remediatorId, String fixture, List<Finding> findings, Plan plan) {
        this.remediatorId = remediatorId;
        this.fixture = fixture;
        this.findings = List.copyOf(findings);
        this.plan = plan;
    }

    public String remediatorId() {
        return remediatorId;
    }

    /** The findings the remediator was asked to answer. */
    public List<Finding> findings() {
        return findings;
    }

    /** The whole plan, e.g. to render it with a plan writer or look at its gates. */
    public Plan plan() {
        return plan;
    }

    /** The remediator's actions, in plan order. */
    public List<Action> actions() {
        return plan.steps().stream().filter(s -> !s.isGate()).map(PlanStep::action).toList();
    }

    /** The findings no action addresses. */
    public List<Finding> unaddressed() {
        return plan.unaddressed();
    }

    /** Why actions may be missing: the remediator threw or answered null. */
    public List<PlanProblem> problems() {
        return plan.problems();
    }

    /** Starts assertions on the actions. */
    public ActionsAssert assertActions() {
        return new ActionsAssert(this);
    }

    /** Fails when the remediator failed while planning. */
    public RemediatorRun assertNoProblems() {
        if (!problems().isEmpty()) {
            throw new AssertionError("expected " + remediatorId + " to plan without problems\n" + describe());
        }
        return this;
    }

    /** Fails unless every finding given is addressed by some action. */
    public RemediatorRun assertEveryFindingAddressed() {
        if (!unaddressed().isEmpty()) {
            throw new AssertionError("expected " + remediatorId + " to address every finding but "
                    + unaddressed().size() + " are not\n" + describe());
        }
        return this;
    }

    /** Every finding, action, change and problem, one a line, for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder(remediatorId + " on " + fixture + ", asked about " + findings.size()
                + " finding(s), planned:");
        if (actions().isEmpty()) {
            sb.append(" nothing");
        }
        for (Action a : actions()) {
            sb.append("\n  action ").append(a.id()).append(" [").append(a.phase().id()).append(", ")
                    .append(a.cluster()).append("] addresses ").append(a.addresses());
            for (Change c : a.changes()) {
                sb.append("\n    ").append(c.summary());
            }
        }
        for (Finding f : unaddressed()) {
            sb.append("\n  unaddressed ").append(f.check()).append(' ').append(FindingPattern.line(f));
        }
        for (PlanProblem p : problems()) {
            sb.append("\n  problem ").append(p);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
