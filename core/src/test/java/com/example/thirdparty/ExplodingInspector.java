package com.example.thirdparty;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;

/** A plugin that cannot even be created; registered only by the tests that need it. */
public final class ExplodingInspector implements Inspector {

    public ExplodingInspector() {
        throw new IllegalStateException("missing configuration");
    }

    @Override
    public String id() {
        return "exploding";
    }

    @Override
    public String description() {
        return "never created";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public void inspect(InspectionContext context) {}
}
