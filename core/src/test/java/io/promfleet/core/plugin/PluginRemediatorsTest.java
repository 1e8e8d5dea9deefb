package io.promfleet.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.SpiVersion;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.plan.Action;
import io.promfleet.core.Promfleet;
import io.promfleet.core.TestFleets;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remediators from plugin jars, loaded, checked and reported exactly as inspectors are. */
class PluginRemediatorsTest {

    @TempDir
    Path work;

    Path plugins;

    final Fleet fleet = new Fleet("f", List.of(TestFleets.cluster("edge-1", ClusterRole.EDGE)));

    @BeforeEach
    void pluginsDirectory() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
    }

    private Promfleet promfleet(Remediator... own) {
        Promfleet.Builder builder = Promfleet.builder().classLoader(getClass().getClassLoader()).pluginDirectory(plugins);
        for (Remediator r : own) {
            builder.remediator(r);
        }
        return builder.build();
    }

    /** A jar with inspector {@code <name>-check} and a remediator {@code <name>-fix} answering it. */
    private Path checkAndFix(String name, String planBody) throws Exception {
        String pkg = "com." + name.replace("-", "");
        return PluginJars.in(work)
                .source(pkg + ".Check", PluginJars.inspector(pkg + ".Check", name + "-check", "\"found\""))
                .source(pkg + ".Fix", PluginJars.remediator(pkg + ".Fix", name + "-fix", name + "-check", planBody))
                .service(pkg + ".Check").remediatorService(pkg + ".Fix")
                .writeJar(plugins.resolve(name + ".jar"));
    }

    private static List<String> actionIds(Plan plan) {
        return plan.steps().stream().filter(s -> !s.isGate()).map(PlanStep::id).toList();
    }

    @Test
    void oneJarProvidesAnInspectorAndARemediatorFromOneLoaderAndThePlanHasItsAction() throws Exception {
        Path jar = checkAndFix("acme", null);

        try (Promfleet promfleet = promfleet()) {
            assertThat(promfleet.pluginProblems()).isEmpty();
            assertThat(promfleet.pluginWarnings()).isEmpty();
            RegisteredExtension check = promfleet.extensions().stream().filter(e -> e.id().equals("acme-check"))
                    .findFirst().orElseThrow();
            RegisteredExtension fix = promfleet.extensions().stream().filter(e -> e.id().equals("acme-fix"))
                    .findFirst().orElseThrow();
            assertThat(fix.kind()).isEqualTo(ExtensionKind.REMEDIATOR);
            assertThat(fix.builtIn()).isFalse();
            assertThat(fix.source()).isEqualTo(jar.toString());
            assertThat(fix.version()).isEqualTo("7.1");
            assertThat(((RegisteredRemediator) fix).answers()).containsExactly("acme-check");
            assertThat(fix.provider().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class)
                    .isSameAs(check.provider().getClass().getClassLoader());
            assertThat(promfleet.remediators()).extracting(Remediator::id).contains("acme-fix");

            Plan plan = promfleet.plan(fleet);

            assertThat(plan.problems()).isEmpty();
            assertThat(actionIds(plan)).containsExactly("acme-fix-edge-1");
            assertThat(plan.unaddressed()).extracting(Finding::check).doesNotContain("acme-check");
        }
    }

    @Test
    void aRemediatorThatThrowsWhilePlanningIsAProblemNamingItAndItsJarAndTheOthersStillPlan() throws Exception {
        checkAndFix("boom", "throw new IllegalStateException(\"kaput\");");
        checkAndFix("fine", null);

        try (Promfleet promfleet = promfleet()) {
            Plan plan = promfleet.plan(fleet);

            assertThat(actionIds(plan)).containsExactly("fine-fix-edge-1");
            assertThat(plan.unaddressed()).extracting(Finding::check).contains("boom-check").doesNotContain("fine-check");
            assertThat(plan.problems()).singleElement().satisfies(p -> {
                assertThat(p.remediator()).isEqualTo("boom-fix");
                assertThat(p.source()).endsWith("boom.jar");
                assertThat(p.message()).contains("kaput").contains("com.boom.Fix")
                        .contains("its findings of boom-check are left unaddressed");
            });
            // The reviewer sees it in the Markdown plan, and a script in the JSON one.
            java.io.StringWriter md = new java.io.StringWriter();
            new io.promfleet.core.plan.PlanMarkdownWriter().write(plan, io.promfleet.core.report.Language.EN, md);
            assertThat(md.toString()).contains("## Remediators that failed or were not loaded")
                    .contains("- boom-fix (").contains("kaput");
            java.io.StringWriter json = new java.io.StringWriter();
            new io.promfleet.core.plan.PlanJsonWriter().write(plan, json);
            assertThat(json.toString()).contains("\"remediator\" : \"boom-fix\"");
        }
    }

    @Test
    void aRemediatorThatNeverReturnsIsAProblemNamingItsJarAndTheTimeLimitAndTheOthersStillPlan() throws Exception {
        // It ignores interruption too: only leaving it behind ends the wait.
        checkAndFix("hang", "while (true) { try { Thread.sleep(60_000); } catch (InterruptedException e) { } }");
        checkAndFix("fine", null);
        Promfleet.Builder builder = Promfleet.builder().classLoader(getClass().getClassLoader()).pluginDirectory(plugins)
                .checkTimeout(Duration.ofSeconds(2));

        try (Promfleet promfleet = builder.build()) {
            long start = System.nanoTime();
            Plan plan = promfleet.plan(fleet);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(30));
            assertThat(actionIds(plan)).containsExactly("fine-fix-edge-1");
            assertThat(plan.unaddressed()).extracting(Finding::check).contains("hang-check").doesNotContain("fine-check");
            assertThat(plan.problems()).singleElement().satisfies(p -> {
                assertThat(p.remediator()).isEqualTo("hang-fix");
                assertThat(p.source()).endsWith("hang.jar");
                assertThat(p.message()).contains("did not finish planning within 2s", "com.hang.Fix was left running",
                        "its findings of hang-check are left unaddressed");
            });
        }
    }

    @Test
    void aRemediatorAnsweringNullIsAProblemNotACrash() throws Exception {
        checkAndFix("empty", "return null;");

        try (Promfleet promfleet = promfleet()) {
            Plan plan = promfleet.plan(fleet);
            assertThat(plan.problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("returned null"));
            assertThat(plan.unaddressed()).extracting(Finding::check).contains("empty-check");
        }
    }

    @Test
    void aSecondRemediatorWithTheSameIdIsLeftOutNamingBothJarsAndAnEmbeddersKeepsItsId() throws Exception {
        Path first = PluginJars.in(work).source("com.a.Fix", PluginJars.remediator("com.a.Fix", "dup-fix", "x", null))
                .remediatorService("com.a.Fix").writeJar(plugins.resolve("a.jar"));
        Path second = PluginJars.in(work).source("com.b.Fix", PluginJars.remediator("com.b.Fix", "dup-fix", "x", null))
                .remediatorService("com.b.Fix").writeJar(plugins.resolve("b.jar"));
        Path clash = PluginJars.in(work).source("com.c.Fix", PluginJars.remediator("com.c.Fix", "taken-fix", "x", null))
                .remediatorService("com.c.Fix").writeJar(plugins.resolve("c.jar"));

        try (Promfleet promfleet = promfleet(new Taken())) {
            assertThat(promfleet.pluginProblems()).hasSize(2);
            assertThat(promfleet.pluginProblems().get(0)).satisfies(p -> {
                assertThat(p.source()).isEqualTo(second.toString());
                assertThat(p.message()).contains("remediator com.b.Fix claims the remediator id 'dup-fix'")
                        .contains("com.a.Fix from " + first).contains("left out");
            });
            assertThat(promfleet.pluginProblems().get(1)).satisfies(p -> {
                assertThat(p.source()).isEqualTo(clash.toString());
                assertThat(p.message()).contains("the built-in " + Taken.class.getName());
            });
            assertThat(promfleet.extensions()).filteredOn(e -> e.id().equals("dup-fix")).singleElement()
                    .satisfies(e -> assertThat(e.source()).isEqualTo(first.toString()));
            assertThat(promfleet.extensions()).filteredOn(e -> e.id().equals("taken-fix")).singleElement()
                    .satisfies(e -> assertThat(e.builtIn()).isTrue());
            // Every problem of a plugin is in the plan too: it may have held a remediator the plan lacks.
            assertThat(promfleet.plan(fleet).problems()).extracting(p -> p.source())
                    .containsExactly(second.toString(), clash.toString());
        }
    }

    @Test
    void aRemediatorClassThatCannotLoadIsAProblemNamingJarAndClassAndItsSiblingsStillLoad() throws Exception {
        Path jar = PluginJars.in(work)
                .source("com.acme.Check", PluginJars.inspector("com.acme.Check", "acme-check", "\"x\""))
                .source("com.acme.Fix", PluginJars.remediator("com.acme.Fix", "acme-fix", "acme-check", null))
                .service("com.acme.Check").remediatorService("com.acme.MissingFix").remediatorService("com.acme.Fix")
                .writeJar(plugins.resolve("half.jar"));

        PluginLoader.Loaded loaded = new PluginLoader(getClass().getClassLoader()).load(List.of(plugins));

        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(jar.toString());
            assertThat(p.message()).contains("a remediator could not be loaded").contains("com.acme.MissingFix");
        });
        assertThat(loaded.inspectors()).extracting(RegisteredInspector::id).containsExactly("acme-check");
        assertThat(loaded.remediators()).extracting(RegisteredRemediator::id).containsExactly("acme-fix");
    }

    @Test
    void aJarWithoutSpiVersionLoadsWithAWarningNamingIt() throws Exception {
        Path jar = PluginJars.in(work)
                .source("com.old.Fix", PluginJars.remediator("com.old.Fix", "old-fix", "x", null))
                .remediatorService("com.old.Fix").spiVersion(null).writeJar(plugins.resolve("old.jar"));

        try (Promfleet promfleet = promfleet()) {
            assertThat(promfleet.pluginProblems()).isEmpty();
            assertThat(promfleet.pluginWarnings()).singleElement().satisfies(w -> {
                assertThat(w.source()).isEqualTo(jar.toString());
                assertThat(w.message()).contains("declares no Promfleet-Spi-Version").contains(SpiVersion.current());
            });
            assertThat(promfleet.extensions()).filteredOn(e -> e.id().equals("old-fix")).singleElement()
                    .satisfies(e -> assertThat(e.spiVersion()).isNull());
        }
    }

    @Test
    void aJarBuiltForANewerMinorOrAnotherMajorIsRefusedNamingTheJarAndBothVersions() throws Exception {
        String newerMinor = SpiVersion.MAJOR + "." + (SpiVersion.MINOR + 1);
        String olderMajor = (SpiVersion.MAJOR - 1) + ".9";
        Path newer = PluginJars.in(work).source("com.n.Fix", PluginJars.remediator("com.n.Fix", "newer-fix", "x", null))
                .remediatorService("com.n.Fix").spiVersion(newerMinor).writeJar(plugins.resolve("newer.jar"));
        Path older = PluginJars.in(work).source("com.o.Fix", PluginJars.remediator("com.o.Fix", "older-fix", "x", null))
                .remediatorService("com.o.Fix").spiVersion(olderMajor).writeJar(plugins.resolve("older.jar"));
        String sameMajorOlderMinor = SpiVersion.MAJOR + ".0";
        PluginJars.in(work).source("com.s.Fix", PluginJars.remediator("com.s.Fix", "same-fix", "x", null))
                .remediatorService("com.s.Fix").spiVersion(sameMajorOlderMinor).writeJar(plugins.resolve("same.jar"));

        try (Promfleet promfleet = promfleet()) {
            assertThat(promfleet.pluginProblems()).hasSize(2);
            assertThat(promfleet.pluginProblems().get(0)).satisfies(p -> {
                assertThat(p.source()).isEqualTo(newer.toString());
                assertThat(p.message()).contains("refused").contains("SPI " + newerMinor)
                        .contains("SPI " + SpiVersion.current()).contains("upgrade promfleet");
            });
            assertThat(promfleet.pluginProblems().get(1)).satisfies(p -> {
                assertThat(p.source()).isEqualTo(older.toString());
                assertThat(p.message()).contains("refused").contains("SPI " + olderMajor)
                        .contains("SPI " + SpiVersion.current()).contains("different major");
            });
            assertThat(promfleet.extensions()).extracting(RegisteredExtension::id).contains("same-fix")
                    .doesNotContain("newer-fix", "older-fix");
            assertThat(promfleet.pluginWarnings()).isEmpty();
        }
    }

    /** An embedder's own remediator: built in as far as plugins are concerned. */
    static final class Taken implements Remediator {
        @Override
        public String id() {
            return "taken-fix";
        }

        @Override
        public String description() {
            return "taken";
        }

        @Override
        public Set<String> answers() {
            return Set.of("x");
        }

        @Override
        public List<Action> plan(RemediationContext context, List<Finding> findings) {
            return List.of();
        }
    }
}
