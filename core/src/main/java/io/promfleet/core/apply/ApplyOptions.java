package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import java.time.Duration;
import java.util.Set;

/**
 * How {@code apply} runs.
 *
 * @param dryRun      true (the default): every write goes with server-side {@code dryRun=All} and nothing changes
 * @param purgeData   {@code --purge-data}: PersistentVolumeClaims may be deleted (after their gate and a backup)
 * @param gateWindow  {@code --gate-window}: the receiving gates' window, or null for the plan's
 * @param receiveUrl  {@code --receive-url}: the remote-write URL the edges use, or null to read the LoadBalancer's
 * @param helmApplied {@code --helm-applied}: the ids of Helm steps a person ran by hand
 */
@Experimental
public record ApplyOptions(boolean dryRun, boolean purgeData, Duration gateWindow, String receiveUrl,
        Set<String> helmApplied) {

    public ApplyOptions {
        helmApplied = helmApplied == null ? Set.of() : Set.copyOf(helmApplied);
        if (gateWindow != null && (gateWindow.isNegative() || gateWindow.isZero())) {
            throw new IllegalArgumentException("the gate window must be more than 0s, got " + gateWindow);
        }
    }

    /** A dry run with the plan's settings. */
    public static ApplyOptions dryRunDefaults() {
        return new ApplyOptions(true, false, null, null, Set.of());
    }
}
