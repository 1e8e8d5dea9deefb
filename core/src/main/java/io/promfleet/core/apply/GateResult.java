package io.promfleet.core.apply;

import java.time.Instant;
import java.util.Objects;

/**
 * What checking a gate found.
 *
 * @param passed    whether the apply may go on
 * @param checked   what was asked, of which API (for the person reading why it stopped)
 * @param saw       what came back
 * @param comeBack  the earliest time it can pass, when known (e.g. the end of its window); null otherwise
 */
public record GateResult(boolean passed, String checked, String saw, Instant comeBack) {

    public GateResult {
        Objects.requireNonNull(checked, "checked");
        Objects.requireNonNull(saw, "saw");
    }

    public static GateResult passed(String checked, String saw) {
        return new GateResult(true, checked, saw, null);
    }

    public static GateResult notPassed(String checked, String saw, Instant comeBack) {
        return new GateResult(false, checked, saw, comeBack);
    }
}
