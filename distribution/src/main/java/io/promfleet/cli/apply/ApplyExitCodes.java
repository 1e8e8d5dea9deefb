package io.promfleet.cli.apply;

import io.promfleet.core.apply.ApplyResult;

/**
 * The exit codes of {@code apply} and {@code rollback}. 2 and 3 keep their meaning across promfleet (usage or
 * input error; internal error, see ErrorHandler), so a gate that has not passed yet is 4, not 3.
 */
public final class ApplyExitCodes {

    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int STOPPED = 4;
    public static final int REFUSED = 5;

    public static final String DESCRIPTION = "Exit codes: 0 done (or dry run done); 1 the Kubernetes API (or helm) "
            + "failed, run again to resume; 2 usage or input error; 4 stopped at a gate or step that cannot run yet, "
            + "come back as the message says; 5 a change promfleet refuses to make (nothing of it written).";

    private ApplyExitCodes() {}

    public static int of(ApplyResult result) {
        return switch (result.status()) {
            case COMPLETED -> DONE;
            case STOPPED -> STOPPED;
            case REFUSED -> REFUSED;
            case FAILED -> FAILED;
        };
    }

    /** The result for a person: every line of the log, then how it ended. */
    public static void print(ApplyResult result, String what, java.io.PrintWriter out, java.io.PrintWriter err) {
        result.log().forEach(out::println);
        String mode = result.dryRun() ? " (dry run: nothing was changed; --yes makes the changes)" : "";
        switch (result.status()) {
            case COMPLETED -> err.println("promfleet: " + what + " complete" + mode + ": " + result.changed()
                    + " changes, " + result.unchanged() + " already in place");
            case STOPPED -> err.println("promfleet: " + what + " stopped at step " + result.stoppedAt() + mode + ": "
                    + result.reason());
            case REFUSED -> err.println("promfleet: " + what + " refused at step " + result.stoppedAt() + mode + ": "
                    + result.reason());
            case FAILED -> err.println("promfleet: " + what + " failed at step " + result.stoppedAt() + mode + ": "
                    + result.reason() + "; run it again with the same journal to resume");
        }
        out.flush();
        err.flush();
    }
}
