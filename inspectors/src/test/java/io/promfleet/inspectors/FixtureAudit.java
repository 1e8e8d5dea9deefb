package io.promfleet.inspectors;

import io.promfleet.api.Finding;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plugin.InspectorRegistry;
import java.nio.file.Path;
import java.util.List;

/** Audits one fixture case with one registered check, for tests that read a finding's text. */
final class FixtureAudit {

    private FixtureAudit() {}

    static Inspector inspector(String check) {
        return InspectorRegistry.discover(FixtureAudit.class.getClassLoader()).inspectors().stream()
                .filter(i -> i.id().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no registered inspector " + check));
    }

    static AuditReport audit(String check, String caseName, Settings settings) {
        Path fleet = InspectorFixturesTest.FIXTURES.resolve(check).resolve(caseName).resolve("fleet.yaml");
        return new AuditEngine(List.of(inspector(check)), settings).audit(FleetLoader.load(fleet));
    }

    static List<Finding> findings(String check, String caseName) {
        return audit(check, caseName, Settings.empty()).findings();
    }

    /** The one finding of the case; fails when there is not exactly one. */
    static Finding only(String check, String caseName) {
        List<Finding> findings = findings(check, caseName);
        if (findings.size() != 1) {
            throw new AssertionError(check + "/" + caseName + ": expected one finding, got " + findings.size());
        }
        return findings.get(0);
    }
}
