package io.promfleet.core.live;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.model.Fleet;
import java.util.List;

/**
 * What a live read of a fleet brought back.
 *
 * @param fleet       the clusters that could be read, in fleet-file order, exactly as an offline
 *                    snapshot of the same state would load
 * @param unreachable the clusters that could not be read at all; they are not in {@code fleet}, so no
 *                    check judges a cluster by objects it never saw
 * @param gaps        the kinds that could not be read on a cluster that otherwise could (e.g. a 403 on
 *                    Secrets), check id {@link #READ_GAP}
 */
public record LiveFleet(Fleet fleet, List<ClusterFailure> unreachable, List<CoverageGap> gaps) {

    /** The check id of the coverage gaps a live read leaves. */
    public static final String READ_GAP = "live-read";

    public LiveFleet {
        unreachable = List.copyOf(unreachable);
        gaps = List.copyOf(gaps);
    }
}
