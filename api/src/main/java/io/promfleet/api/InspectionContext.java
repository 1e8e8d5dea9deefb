package io.promfleet.api;

import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import java.util.List;
import java.util.Locale;

/** What an {@link Inspector} reads and where it reports. */
@Stable(since = "0.1")
public interface InspectionContext {

    /** The fleet under audit, with every cluster's objects and derived topology. */
    Fleet fleet();

    /**
     * The clusters this call is to report on: in a {@link InspectionScope#CLUSTER} check's call, the one
     * cluster under inspection; otherwise every cluster of {@link #fleet()}. A check that reports on each
     * cluster by itself iterates these rather than {@code fleet().clusters()}, and then works in every scope.
     *
     * @since SPI 1.3
     */
    @Experimental
    default List<Cluster> clustersToInspect() {
        return fleet().clusters();
    }

    /** Settings given to this audit, such as prices for cost estimates. */
    Settings settings();

    /** A finding builder already carrying this inspector's id and default severity. */
    Finding.Builder finding();

    /** Reports a finding. */
    void report(Finding finding);

    /** Reports that the check could not be evaluated for {@code cluster} ({@code null}: at all). */
    void coverageGap(String cluster, String reason);

    /**
     * The setting naming the language of the audit's report, a BCP 47 tag such as {@code ko}; the host sets
     * it from {@code --lang}.
     */
    String LANGUAGE_SETTING = "report.language";

    /**
     * The language a check writes its findings' message and remediation in: the report's, from
     * {@link #LANGUAGE_SETTING}, English when none is set. A check keeps its texts in a
     * {@link java.util.ResourceBundle} of its own, looked up on its own class loader with this locale, and
     * falls back to English for a language it does not speak. Check ids, evidence keys and commands stay
     * untranslated: machines and shells read them.
     *
     * @since SPI 1.1
     */
    @Experimental
    default Locale locale() {
        return settings().get(LANGUAGE_SETTING).filter(tag -> !tag.isBlank()).map(Locale::forLanguageTag)
                .orElse(Locale.ENGLISH);
    }
}
