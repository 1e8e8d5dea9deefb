package io.promfleet.cli.testplugin;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;

/**
 * A check as one built for SPI 1.2 is: it declares no scope, so it sees the whole fleet at once. Not listed
 * in the tests' services file: a test ships it in a plugin jar of its own.
 */
public final class FleetWideInspector implements Inspector {

    public static final String ID = "cli-test-fleet-wide";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Counts the fleet's clusters (CLI tests only).";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public void inspect(InspectionContext context) {
        context.report(context.finding().message(context.fleet().clusters().size() + " clusters").build());
    }
}
