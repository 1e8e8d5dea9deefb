package io.promfleet.core.audit;

import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import java.util.Locale;

/** What a report says about a check that ran: its id, what it looks for, and who provides it. */
public record CheckInfo(String id, String description, Severity defaultSeverity, String version, String provider) {

    public static CheckInfo of(Inspector inspector) {
        return of(inspector, Locale.ENGLISH);
    }

    /** The check as a report in {@code locale} describes it: {@link Inspector#description(Locale)}. */
    public static CheckInfo of(Inspector inspector, Locale locale) {
        return new CheckInfo(inspector.id(), inspector.description(locale), inspector.defaultSeverity(),
                inspector.version(), inspector.getClass().getName());
    }
}
