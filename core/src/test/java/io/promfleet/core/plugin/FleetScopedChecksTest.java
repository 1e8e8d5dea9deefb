package io.promfleet.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.core.Promfleet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check that sees the whole fleet at once makes every audit hold the whole fleet: the facade names each
 * such check and its jar, whether the plugin predates SPI 1.3 or declares {@link InspectionScope#FLEET}.
 */
class FleetScopedChecksTest {

    @TempDir
    Path work;

    @Test
    void eachFleetScopedCheckIsNamedWithItsJarAndScopedOnesAreNot() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path old = PluginJars.in(work).source("com.old.Check", PluginJars.inspector("com.old.Check", "old-check", "\"x\""))
                .service("com.old.Check").spiVersion("1.2").writeJar(plugins.resolve("old.jar"));
        Path declared = PluginJars.in(work)
                .source("com.wide.Check", scoped("com.wide.Check", "wide-check", "FLEET"))
                .service("com.wide.Check").writeJar(plugins.resolve("wide.jar"));
        PluginJars.in(work).source("com.narrow.Check", scoped("com.narrow.Check", "narrow-check", "CLUSTER"))
                .service("com.narrow.Check").writeJar(plugins.resolve("narrow.jar"));

        try (Promfleet promfleet = Promfleet.builder().classLoader(getClass().getClassLoader()).builtIns(false)
                .pluginDirectory(plugins).inspector(new Own()).build()) {
            assertThat(promfleet.pluginProblems()).isEmpty();
            assertThat(promfleet.inspectors()).hasSize(4);
            assertThat(promfleet.fleetScopedChecks()).extracting(PluginWarning::source)
                    .containsExactlyInAnyOrder(old.toString(), declared.toString());
            assertThat(promfleet.fleetScopedChecks()).extracting(PluginWarning::message).containsExactlyInAnyOrder(
                    "check old-check (" + old + ") is fleet-scoped: the whole fleet is held in memory (a check built for"
                            + " SPI 1.3 or later that declares InspectionScope CLUSTER or TOPOLOGY lets the audit read"
                            + " one cluster at a time)",
                    "check wide-check (" + declared + ") is fleet-scoped: the whole fleet is held in memory (a check"
                            + " built for SPI 1.3 or later that declares InspectionScope CLUSTER or TOPOLOGY lets the"
                            + " audit read one cluster at a time)");
            // Not a questionable jar: `promfleet plugins` keeps its warnings for those.
            assertThat(promfleet.pluginWarnings()).isEmpty();
        }
    }

    private static String scoped(String className, String id, String scope) {
        String plain = PluginJars.inspector(className, id, "\"x\"");
        return plain.substring(0, plain.lastIndexOf('}')) + "  public io.promfleet.api.InspectionScope scope() {"
                + " return io.promfleet.api.InspectionScope." + scope + "; }\n}\n";
    }

    /** An embedder's own check that declares its scope: streamable, so not named. */
    static final class Own implements Inspector {
        @Override
        public String id() {
            return "own-check";
        }

        @Override
        public String description() {
            return "an embedder's check";
        }

        @Override
        public Severity defaultSeverity() {
            return Severity.LOW;
        }

        @Override
        public InspectionScope scope() {
            return InspectionScope.TOPOLOGY;
        }

        @Override
        public void inspect(InspectionContext context) {}
    }
}
