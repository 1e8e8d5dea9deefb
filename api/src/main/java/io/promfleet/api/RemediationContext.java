package io.promfleet.api;

import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.plan.Gate;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** What a {@link Remediator} plans from. */
@Experimental(since = "0.1")
public interface RemediationContext {

    /** The setting giving the receiving gate's window, a Prometheus duration such as {@code 2h}. */
    String GATE_WINDOW_SETTING = "plan.gate-window";

    /** The setting that, when {@code true}, lets removals delete data (PVCs) after their gate passed. */
    String PURGE_DATA_SETTING = "plan.purge-data";

    /** The setting giving the remote-write URL edges reach the central Receive at, when known in advance. */
    String RECEIVE_URL_SETTING = "plan.receive-url";

    /** The fleet as audited. */
    Fleet fleet();

    /** The settings of this plan (and of the audit it came from). */
    Settings settings();

    /** The language of the plan's texts, as {@link InspectionContext#locale()}. */
    default Locale locale() {
        return settings().get(InspectionContext.LANGUAGE_SETTING).filter(tag -> !tag.isBlank())
                .map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
    }

    /** How long the central must have received an edge before its duplicates go: {@link Gate#DEFAULT_WINDOW} unless set. */
    default Duration gateWindow() {
        return settings().get(GATE_WINDOW_SETTING).filter(v -> !v.isBlank()).map(PromDuration::parse)
                .orElse(Gate.DEFAULT_WINDOW);
    }

    /** Whether removals may delete data once their gate passed ({@code --purge-data}); otherwise data is kept. */
    default boolean purgeData() {
        return settings().get(PURGE_DATA_SETTING).map(Boolean::parseBoolean).orElse(false);
    }

    /** The remote-write URL of the central Receive, when the operator gave it ({@code --receive-url}). */
    default Optional<String> receiveUrl() {
        return settings().get(RECEIVE_URL_SETTING).filter(v -> !v.isBlank());
    }
}
