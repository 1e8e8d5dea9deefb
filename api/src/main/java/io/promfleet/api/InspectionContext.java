package io.promfleet.api;

import io.promfleet.api.model.Fleet;

/** What an {@link Inspector} reads and where it reports. */
@Stable(since = "0.1")
public interface InspectionContext {

    /** The fleet under audit, with every cluster's objects and derived topology. */
    Fleet fleet();

    /** Settings given to this audit, such as prices for cost estimates. */
    Settings settings();

    /** A finding builder already carrying this inspector's id and default severity. */
    Finding.Builder finding();

    /** Reports a finding. */
    void report(Finding finding);

    /** Reports that the check could not be evaluated for {@code cluster} ({@code null}: at all). */
    void coverageGap(String cluster, String reason);
}
