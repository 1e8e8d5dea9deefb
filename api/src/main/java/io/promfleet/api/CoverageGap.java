package io.promfleet.api;

import java.util.Objects;

/**
 * A check that could not be evaluated, so the report does not claim a clean bill it cannot give.
 *
 * @param check   the check id
 * @param cluster the cluster it could not evaluate, or {@code null} when it could not run at all
 * @param reason  why, in words a reader can act on
 */
@Stable(since = "0.1")
public record CoverageGap(String check, String cluster, String reason) {
    public CoverageGap {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
    }
}
