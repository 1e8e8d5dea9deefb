package io.promfleet.core.apply;

/**
 * A change {@code apply} (or {@code rollback}) will not make, whatever the plan or journal says: a Secret, the
 * direct deletion of an operator-owned StatefulSet, data deleted without its gate and backup, an object that
 * changed since the plan was made. Nothing of the refused change was written.
 */
public final class ApplyRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApplyRefusedException(String message) {
        super(message);
    }
}
