package io.promfleet.core.plan;

/** A remediator proposed an action that breaks one of {@link PlanEngine}'s safety rules: a bug, never planned around. */
public final class UnsafePlanException extends IllegalStateException {
    public UnsafePlanException(String message) {
        super(message);
    }
}
