package io.promfleet.core.audit;

import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;

/** What a report says about a check that ran: its id, what it looks for, and who provides it. */
public record CheckInfo(String id, String description, Severity defaultSeverity, String version, String provider) {

    public static CheckInfo of(Inspector inspector) {
        return new CheckInfo(inspector.id(), inspector.description(), inspector.defaultSeverity(),
                inspector.version(), inspector.getClass().getName());
    }
}
