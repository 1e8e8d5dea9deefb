package io.promfleet.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.thirdparty.ThirdPartyInspector;
import io.promfleet.api.Finding;
import io.promfleet.api.Settings;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.InputException;
import io.promfleet.core.TestFleets;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path work;

    Path plugins;

    @BeforeEach
    void pluginsDirectory() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
    }

    private PluginLoader.Loaded load() {
        return new PluginLoader(getClass().getClassLoader()).load(List.of(plugins));
    }

    private InspectorRegistry registry() {
        return InspectorRegistry.discover(getClass().getClassLoader()).withPlugins(load());
    }

    private static AuditReport audit(InspectorRegistry registry) {
        Fleet fleet = new Fleet("f", List.of(TestFleets.cluster("edge-1", ClusterRole.EDGE)));
        return new AuditEngine(registry.inspectors(), Settings.empty()).audit(fleet);
    }

    @Test
    void aPluginJarIsLoadedInItsOwnLoaderAndListedWithItsJarAndVersion() throws Exception {
        Path jar = PluginJars.in(work)
                .source("com.acme.AcmeInspector", PluginJars.inspector("com.acme.AcmeInspector", "acme-check", "\"acme\""))
                .service("com.acme.AcmeInspector").writeJar(plugins.resolve("acme.jar"));

        InspectorRegistry registry = registry();

        assertThat(registry.problems()).isEmpty();
        RegisteredInspector acme = registry.entries().stream().filter(e -> e.id().equals("acme-check")).findFirst()
                .orElseThrow();
        assertThat(acme.builtIn()).isFalse();
        assertThat(acme.source()).isEqualTo(jar.toString());
        assertThat(acme.version()).isEqualTo("7.1");
        assertThat(acme.spiVersion()).isEqualTo(io.promfleet.api.SpiVersion.current());
        assertThat(acme.inspector().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        assertThat(registry.entries()).filteredOn(e -> e.id().equals(ThirdPartyInspector.ID))
                .singleElement().satisfies(e -> assertThat(e.builtIn()).isTrue());
        assertThat(audit(registry).findings()).extracting(Finding::check).contains("acme-check");
    }

    @Test
    void aPluginSeesTheSpiButNotTheHostsLibrariesAndItsOwnClassesWinOverTheHosts() throws Exception {
        // The plugin brings a class named like one of the host's: child-first, it gets its own.
        String shadow = "package io.promfleet.core;\n"
                + "public final class Promfleet { public static String who() { return \"the plugin's own\"; } }\n";
        String message = "(visible(\"com.fasterxml.jackson.databind.ObjectMapper\") ? \"jackson visible\" : \"jackson hidden\")"
                + " + \", \" + io.promfleet.core.Promfleet.who()";
        String inspector = PluginJars.inspector("com.acme.Isolated", "isolated-check", message)
                .replace("public void inspect", "static boolean visible(String n) {\n"
                        + "    try { Class.forName(n, false, Isolated.class.getClassLoader()); return true; }\n"
                        + "    catch (ClassNotFoundException e) { return false; }\n  }\n  public void inspect");
        PluginJars.in(work).source("io.promfleet.core.Promfleet", shadow).source("com.acme.Isolated", inspector)
                .service("com.acme.Isolated").writeJar(plugins.resolve("isolated.jar"));

        AuditReport report = audit(registry());

        assertThat(report.coverageGaps()).isEmpty();
        assertThat(report.firstOf("isolated-check")).get().extracting(Finding::message)
                .isEqualTo("jackson hidden, the plugin's own");
    }

    @Test
    void anIncompatibleSpiVersionIsAProblemNamingTheJarAndTheOtherPluginsStillLoad() throws Exception {
        Path future = PluginJars.in(work)
                .source("com.acme.Future", PluginJars.inspector("com.acme.Future", "future-check", "\"x\""))
                .service("com.acme.Future").spiVersion("2.0").writeJar(plugins.resolve("future.jar"));
        PluginJars.in(work).source("com.acme.Fine", PluginJars.inspector("com.acme.Fine", "fine-check", "\"x\""))
                .service("com.acme.Fine").writeJar(plugins.resolve("fine.jar"));

        InspectorRegistry registry = registry();

        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(future.toString());
            assertThat(p.message()).contains("SPI 2.0").contains("SPI " + io.promfleet.api.SpiVersion.current());
        });
        assertThat(registry.entries()).extracting(RegisteredInspector::id).contains("fine-check")
                .doesNotContain("future-check");
    }

    @Test
    void aJarThatProvidesNothingIsAProblemNamingIt() throws Exception {
        Path empty = PluginJars.in(work).source("com.acme.Helper", "package com.acme; public class Helper {}")
                .writeJar(plugins.resolve("helper.jar"));
        Files.writeString(plugins.resolve("README.md"), "not a plugin, ignored");

        assertThat(load().problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(empty.toString());
            assertThat(p.message()).contains("provides nothing");
        });
    }

    @Test
    void aClassThatCannotLoadIsAProblemNamingJarAndClassAndItsSiblingStillLoads() throws Exception {
        Path jar = PluginJars.in(work)
                .source("com.acme.Good", PluginJars.inspector("com.acme.Good", "good-check", "\"x\""))
                .service("com.acme.Missing").service("com.acme.Good").writeJar(plugins.resolve("half.jar"));

        PluginLoader.Loaded loaded = load();

        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(jar.toString());
            assertThat(p.message()).contains("com.acme.Missing");
        });
        assertThat(loaded.inspectors()).extracting(RegisteredInspector::id).containsExactly("good-check");
    }

    @Test
    void aSecondPluginWithTheSameIdIsLeftOutNamingBothJarsAndABuiltInKeepsItsId() throws Exception {
        Path first = PluginJars.in(work).source("com.a.Dup", PluginJars.inspector("com.a.Dup", "dup-check", "\"a\""))
                .service("com.a.Dup").writeJar(plugins.resolve("a.jar"));
        Path second = PluginJars.in(work).source("com.b.Dup", PluginJars.inspector("com.b.Dup", "dup-check", "\"b\""))
                .service("com.b.Dup").writeJar(plugins.resolve("b.jar"));
        PluginJars.in(work).source("com.c.Clash",
                        PluginJars.inspector("com.c.Clash", ThirdPartyInspector.ID, "\"c\""))
                .service("com.c.Clash").writeJar(plugins.resolve("c.jar"));

        InspectorRegistry registry = registry();

        assertThat(registry.problems()).hasSize(2);
        assertThat(registry.problems().get(0)).satisfies(p -> {
            assertThat(p.source()).isEqualTo(second.toString());
            assertThat(p.check()).isEqualTo("dup-check");
            assertThat(p.message()).contains("com.b.Dup").contains("com.a.Dup from " + first);
        });
        assertThat(registry.problems().get(1).message()).contains("the built-in " + ThirdPartyInspector.class.getName());
        assertThat(registry.entries()).filteredOn(e -> e.id().equals("dup-check")).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo(first.toString()));
        assertThat(audit(registry).findings()).filteredOn(f -> f.check().equals("dup-check"))
                .extracting(Finding::message).containsExactly("a");
    }

    @Test
    void aPluginDirectoryOfJarsSharesOneLoader() throws Exception {
        Path dir = Files.createDirectories(plugins.resolve("acme-plugin"));
        PluginJars.in(work).source("com.lib.Lib", "package com.lib; public class Lib { public static String hi() { return \"from lib\"; } }")
                .writeJar(dir.resolve("lib.jar"));
        String inspector = PluginJars.inspector("com.acme.UsesLib", "uses-lib", "com.lib.Lib.hi()");
        // Compiled against a stub of the library, which the jar carries too; lib.jar sorts first on the
        // plugin's class path, so the real library (saying "from lib") is what runs.
        PluginJars.in(work).source("com.lib.Lib", "package com.lib; public class Lib { public static String hi() { return \"stub\"; } }")
                .source("com.acme.UsesLib", inspector).service("com.acme.UsesLib").writeJar(dir.resolve("uses-lib.jar"));

        AuditReport report = audit(registry());

        assertThat(report.coverageGaps()).isEmpty();
        assertThat(report.firstOf("uses-lib")).get().extracting(Finding::message).isEqualTo("from lib");
    }

    @Test
    void aMissingPluginsDirectoryIsAnInputErrorNamingIt() {
        Path missing = work.resolve("nope");
        assertThatThrownBy(() -> new PluginLoader(getClass().getClassLoader()).load(List.of(missing)))
                .isInstanceOf(InputException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void aProblemBecomesACoverageGapNamingTheJar() {
        assertThat(new PluginProblem("/opt/promfleet/plugins/x.jar", null, "provides nothing").toCoverageGap())
                .satisfies(g -> {
                    assertThat(g.check()).isEqualTo("plugin x.jar");
                    assertThat(g.cluster()).isNull();
                    assertThat(g.reason()).isEqualTo("plugin /opt/promfleet/plugins/x.jar was not loaded: provides nothing");
                });
    }
}
