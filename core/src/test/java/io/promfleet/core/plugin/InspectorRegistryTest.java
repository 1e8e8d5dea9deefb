package io.promfleet.core.plugin;

import static io.promfleet.core.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.thirdparty.ThirdPartyInspector;
import io.promfleet.api.Finding;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.InputException;
import io.promfleet.core.TestFleets;
import io.promfleet.core.TestInspector;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.report.Language;
import io.promfleet.core.report.ReportFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aThirdPartyInspectorOnTheClassPathIsDiscoveredAndItsFindingsAppearInTheReport() throws IOException {
        InspectorRegistry registry = InspectorRegistry.discover(getClass().getClassLoader());
        assertThat(registry.inspectors()).extracting(Inspector::id).contains(ThirdPartyInspector.ID);

        Fleet fleet = new Fleet("f", List.of(TestFleets.cluster("edge-1", ClusterRole.EDGE)));
        AuditReport report = new AuditEngine(registry.inspectors(), Settings.empty()).audit(fleet);
        assertThat(report.findings()).extracting(Finding::check, Finding::cluster)
                .contains(org.assertj.core.groups.Tuple.tuple(ThirdPartyInspector.ID, "edge-1"));

        StringWriter json = new StringWriter();
        ReportFormat.JSON.writer().write(report, Language.EN, json);
        assertThat(json.toString()).contains("\"check\" : \"" + ThirdPartyInspector.ID + "\"");
    }

    @Test
    void twoInspectorsWithTheSameIdAreAnErrorNamingBothClassesAndOrigins() {
        Inspector impostor = new TestInspector(ThirdPartyInspector.ID, Severity.HIGH, c -> {});
        String origin = InspectorRegistry.origin(impostor);
        assertThat(origin).startsWith("file:");
        assertThatThrownBy(() -> InspectorRegistry.of(List.of(new ThirdPartyInspector(), impostor)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("'" + ThirdPartyInspector.ID + "'")
                .hasMessageContaining(ThirdPartyInspector.class.getName() + " from " + origin)
                .hasMessageContaining(TestInspector.class.getName() + " from " + origin);
    }

    @Test
    void anInvalidIdIsAnErrorNamingTheClassAndTheId() {
        for (String id : new String[] {"Bad_Id", "", "trailing-", "two  words"}) {
            assertThatThrownBy(() -> InspectorRegistry.of(List.of(new TestInspector(id, Severity.LOW, c -> {}))))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining(TestInspector.class.getName())
                    .hasMessageContaining("invalid id '" + id + "'");
        }
        assertThat(InspectorRegistry.of(List.of(new TestInspector("ok-id-2", Severity.LOW, c -> {}))).inspectors())
                .hasSize(1);
    }

    @Test
    void aServicesFileNamingAMissingClassIsAnErrorNamingIt() throws IOException {
        assertThatThrownBy(() -> discoverWithServices("com.example.gone.NoSuchInspector"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("com.example.gone.NoSuchInspector");
    }

    @Test
    void anInspectorThatCannotBeCreatedIsAnErrorNamingIt() throws IOException {
        assertThatThrownBy(() -> discoverWithServices("com.example.thirdparty.ExplodingInspector"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("com.example.thirdparty.ExplodingInspector");
    }

    private InspectorRegistry discoverWithServices(String providerClass) throws IOException {
        Path plugin = dir.resolve("plugin");
        write(plugin, "META-INF/services/io.promfleet.api.Inspector", "# a plugin\n" + providerClass + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL()},
                getClass().getClassLoader())) {
            return InspectorRegistry.discover(loader);
        }
    }
}
