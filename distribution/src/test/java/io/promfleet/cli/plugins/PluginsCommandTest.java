package io.promfleet.cli.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promfleet.api.SpiVersion;
import io.promfleet.cli.PromfleetCommand;
import io.promfleet.cli.testplugin.FleetWideInspector;
import io.promfleet.cli.testplugin.MarkerInspector;
import io.promfleet.cli.testplugin.MarkerRemediator;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code promfleet plugins}, {@code audit} and {@code plan} with a plugin jar holding a remediator: listed with
 * its kind and jar, warned about when it declares no SPI version, and its action in the plan.
 */
class PluginsCommandTest {

    @TempDir
    Path dir;

    Path plugins;
    Path jar;
    Path fleet;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = PromfleetCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** MarkerRemediator's compiled class, alone in a jar with its services file, as a plugin author ships it. */
    private static Path pluginJar(Path target, String spiVersion) throws Exception {
        return pluginJar(target, spiVersion, MarkerRemediator.class, "io.promfleet.api.Remediator");
    }

    /** {@code provider}'s compiled class, alone in a jar that lists it as a {@code service}. */
    private static Path pluginJar(Path target, String spiVersion, Class<?> provider, String service) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "3.2.1");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, spiVersion);
        }
        String classFile = provider.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest);
                InputStream bytes = provider.getClassLoader().getResourceAsStream(classFile)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + service));
            jar.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.putNextEntry(new JarEntry(classFile));
            jar.write(bytes.readAllBytes());
            // It refers to MarkerInspector's constants, which javac inlines: the jar needs no other class.
        }
        return target;
    }

    @BeforeEach
    void aPluginWithoutSpiVersionAndAFleetWithAMarker() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        jar = pluginJar(plugins.resolve("marker-fix.jar"), null);
        Files.createDirectories(dir.resolve("edge"));
        Files.writeString(dir.resolve("edge/objects.yaml"), "kind: ConfigMap\nmetadata: {name: "
                + MarkerInspector.MARKER + ", namespace: monitoring}\n");
        Files.createDirectories(dir.resolve("hub"));
        Files.writeString(dir.resolve("hub/objects.yaml"), "kind: Service\nmetadata: {name: web, namespace: default}\n");
        fleet = Files.writeString(dir.resolve("fleet.yaml"), """
                name: tiny
                clusters:
                  - {name: hub, role: central, snapshot: hub}
                  - {name: edge, role: edge, snapshot: edge}
                """);
    }

    @Test
    void theTextListingHasInspectorsAndRemediatorsWithKindOriginJarAndTheMissingSpiVersionWarning() {
        assertThat(run("plugins", "--plugins", plugins.toString())).as(err.toString()).isZero();

        assertThat(out.toString())
                .containsPattern("(?m)^KIND +ID +VERSION +ORIGIN +SOURCE +ANSWERS$")
                .containsPattern("(?m)^inspector +pod-failed +\\S+ +built-in +\\S*inspectors\\S*$")
                .containsPattern("(?m)^remediator +remove-duplicates +\\S+ +built-in +\\S*remediators\\S* +"
                        + "duplicate-full-prometheus,edge-alertmanager$")
                .containsPattern("(?m)^remediator +" + MarkerRemediator.ID + " +3\\.2\\.1 +plugin +"
                        + java.util.regex.Pattern.quote(jar.toString()) + " +" + MarkerInspector.ID + "$")
                .contains("Warnings (1):")
                .contains(jar + ": declares no Promfleet-Spi-Version")
                .doesNotContain("Not loaded");
    }

    @Test
    void theJsonListingHasTheSameAndAScriptCanReadIt() throws Exception {
        assertThat(run("plugins", "--plugins", plugins.toString(), "--format", "json")).as(err.toString()).isZero();

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("spiVersion").asText()).isEqualTo(SpiVersion.current());
        assertThat(json.get("extensions")).anySatisfy(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("remediator");
            assertThat(e.get("id").asText()).isEqualTo(MarkerRemediator.ID);
            assertThat(e.get("version").asText()).isEqualTo("3.2.1");
            assertThat(e.get("builtIn").asBoolean()).isFalse();
            assertThat(e.get("source").asText()).isEqualTo(jar.toString());
            assertThat(e.get("spiVersion").isNull()).isTrue();
            assertThat(e.get("answers").get(0).asText()).isEqualTo(MarkerInspector.ID);
        });
        assertThat(json.get("extensions")).anySatisfy(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("inspector");
            assertThat(e.get("builtIn").asBoolean()).isTrue();
        });
        assertThat(json.get("warnings")).singleElement()
                .satisfies(w -> assertThat(w.get("source").asText()).isEqualTo(jar.toString()));
        assertThat(json.get("notLoaded")).isEmpty();
    }

    @Test
    void anAuditAndAPlanSayTheWarningOnStandardErrorAndThePlanHasThePluginsAction() throws Exception {
        assertThat(run("audit", "--fleet", fleet.toString(), "--plugins", plugins.toString(), "--format", "json"))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains("promfleet: plugin warning: " + jar + ": declares no Promfleet-Spi-Version")
                // Every built-in check, and the remediator's jar, leave the audit streaming.
                .doesNotContain("fleet-scoped");

        assertThat(run("plan", "--fleet", fleet.toString(), "--plugins", plugins.toString(), "--format", "json"))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains("promfleet: plugin warning: " + jar + ": declares no Promfleet-Spi-Version");
        JsonNode plan = new ObjectMapper().readTree(out.toString());
        assertThat(plan.get("steps")).anySatisfy(s -> assertThat(s.get("id").asText()).isEqualTo(MarkerRemediator.ID + "-edge"));
        assertThat(plan.get("problems")).isEmpty();
    }

    /** A check that declares no scope, as one built for SPI 1.2: the audit says, once, what it costs. */
    @Test
    void anAuditWithAFleetScopedCheckSaysOnceThatItHoldsTheWholeFleetNamingTheCheckAndItsJar() throws Exception {
        Path check = pluginJar(plugins.resolve("fleet-wide.jar"), "1.2", FleetWideInspector.class, "io.promfleet.api.Inspector");

        assertThat(run("audit", "--fleet", fleet.toString(), "--plugins", plugins.toString(), "--format", "json"))
                .as(err.toString()).isZero();
        String said = "promfleet: check " + FleetWideInspector.ID + " (" + check + ") is fleet-scoped: the whole fleet is held in memory";
        assertThat(err.toString()).contains(said);
        assertThat(err.toString().split(java.util.regex.Pattern.quote(said), -1)).hasSize(2);
        // It ran, over the whole fleet.
        assertThat(out.toString()).contains("\"" + FleetWideInspector.ID + "\"").contains("2 clusters");
    }

    @Test
    void aJarForANewerSpiIsNotLoadedNamingItAndBothVersionsAndTheExitCodeSaysSo() throws Exception {
        String newer = SpiVersion.MAJOR + "." + (SpiVersion.MINOR + 1);
        Path future = pluginJar(plugins.resolve("future-fix.jar"), newer);
        Files.delete(jar);

        assertThat(run("plugins", "--plugins", plugins.toString())).isEqualTo(1);

        assertThat(out.toString()).contains("Not loaded (1):").contains(future + ": refused: built for SPI " + newer)
                .contains("SPI " + SpiVersion.current()).doesNotContain("Warnings");

        // A plan goes on without it, and says so before its output as well as in it.
        assertThat(run("plan", "--fleet", fleet.toString(), "--plugins", plugins.toString(), "--format", "json"))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains("promfleet: plugin not loaded: " + future + ": refused: built for SPI " + newer);
        assertThat(new ObjectMapper().readTree(out.toString()).get("problems")).isNotEmpty();
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        assertThat(run("plugins", "--format", "yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("--format yaml: text or json");
    }
}
