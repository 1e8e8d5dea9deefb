package io.promfleet.cli.apply;

import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.ApplyTexts;

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

    /** The result for a person, in the language of {@code texts}: every line of the log, then how it ended. */
    public static void print(ApplyResult result, String what, ApplyTexts texts, java.io.PrintWriter out,
            java.io.PrintWriter err) {
        result.log().forEach(out::println);
        String mode = result.dryRun() ? texts.get("cli.dry-run") : "";
        err.println(switch (result.status()) {
            case COMPLETED -> texts.get("cli.completed", what, mode, result.changed(), result.unchanged());
            case STOPPED -> texts.get("cli.stopped", what, result.stoppedAt(), mode, result.reason());
            case REFUSED -> texts.get("cli.refused", what, result.stoppedAt(), mode, result.reason());
            case FAILED -> texts.get("cli.failed", what, result.stoppedAt(), mode, result.reason());
        });
        out.flush();
        err.flush();
    }
}
