package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plugin.InspectorRegistry;
import io.promfleet.core.report.Language;
import io.promfleet.core.report.ReportFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No finding repeats a Secret's value: every registered check runs over fleets whose Secrets hold known
 * values, and the JSON report of their findings (messages, remediations, evidence) must not contain them.
 */
class SecretLeakTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // fleet file, base64 value as stored, decoded value, whether every check must fire
            "src/test/resources/secret-leak/every-check-fires/fleet.yaml, cHJvbWZsZWV0LWNhbmFyeS05ZjNiN2M=, promfleet-canary-9f3b7c, true",
            // the seed cannot fire every check (a central without Receive has no Receive to expose)
            "../examples/seed-fleet/fleet.yaml, ZmFrZS1ncmFmYW5hLXBhc3N3b3Jk, fake-grafana-password, false"})
    void noFindingContainsASecretValue(Path fleetFile, String stored, String decoded, boolean everyCheckFires)
            throws IOException {
        List<Inspector> all = InspectorRegistry.discover(getClass().getClassLoader()).inspectors();
        AuditReport report = new AuditEngine(all, Settings.empty()).audit(FleetLoader.load(fleetFile));

        Set<String> checks = report.findings().stream().map(f -> f.check()).collect(Collectors.toSet());
        if (everyCheckFires) {
            assertThat(checks).as("every check should fire, or the test proves little")
                    .containsAll(all.stream().map(Inspector::id).toList());
        }

        StringWriter json = new StringWriter();
        ReportFormat.JSON.writer().write(report, Language.EN, json);
        assertThat(json.toString()).doesNotContain(stored).doesNotContain(decoded);
    }
}
