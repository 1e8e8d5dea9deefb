package io.promfleet.core.plan;

import java.util.Objects;

/**
 * Why a plan may lack actions: a remediator that failed while planning (its findings stay unaddressed),
 * or a plugin that could not be loaded and so was never asked.
 *
 * @param source     the jar or class-path directory at fault
 * @param remediator the remediator's id, or {@code null} when the plugin failed before one could be named
 * @param message    what went wrong and what it left undone
 */
public record PlanProblem(String source, String remediator, String message) {

    public PlanProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (remediator == null ? "" : remediator + " ") + "(" + source + "): " + message;
    }
}
