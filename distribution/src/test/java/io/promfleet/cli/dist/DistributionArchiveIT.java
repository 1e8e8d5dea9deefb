package io.promfleet.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher user's first try: the built archive, unpacked into an empty directory, runs the demo
 * audit with nothing but Java installed. Runs after {@code package} (Failsafe), on the real archives.
 */
@DisabledOnOs(OS.WINDOWS)
class DistributionArchiveIT {

    @TempDir
    static Path unpacked;

    static Path home;

    record Result(int exit, String out, String err) {}

    @BeforeAll
    static void unpackTheTarball() throws Exception {
        Path tarball = archive(".tar.gz");
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", unpacked.toString())
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        try (Stream<Path> roots = Files.list(unpacked)) {
            home = roots.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(home.getFileName().toString()).isEqualTo(tarball.getFileName().toString().replace(".tar.gz", ""));
    }

    private static Path archive(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("promfleet-.*" + suffix.replace(".", "\\.")))
                    .findFirst().orElseThrow(() -> new AssertionError("no promfleet-*" + suffix + " in target/"));
        }
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/promfleet").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().putAll(env);
        Path out = Files.createTempFile(unpacked, "out", ".txt");
        Path err = Files.createTempFile(unpacked, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("promfleet %s finished", command).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    @Test
    void theArchiveHoldsTheLauncherLibrariesPluginsConfExamplesLicenseAndReadme() {
        assertThat(home.resolve("bin/promfleet")).isExecutable();
        assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/promfleet-core-*.jar")
                .isDirectoryContaining("glob:**/promfleet-inspectors-*.jar").isDirectoryContaining("glob:**/picocli-*.jar");
        assertThat(home.resolve("plugins/README.md")).isRegularFile();
        assertThat(home.resolve("conf/promfleet.properties")).content().contains("check.timeout=");
        assertThat(home.resolve("conf/logging.properties")).isRegularFile();
        assertThat(home.resolve("examples/seed-fleet/fleet.yaml")).isRegularFile();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License").contains("Version 2.0");
        assertThat(home.resolve("README.md")).isRegularFile();
    }

    @Test
    void theZipHoldsTheSameEntriesAsTheTarball() throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(archive(".zip")); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        String root = home.getFileName() + "/";
        assertThat(names).contains(root + "bin/promfleet", root + "conf/promfleet.properties", root + "LICENSE",
                root + "examples/seed-fleet/fleet.yaml", root + "plugins/README.md");
        assertThat(names).anyMatch(n -> n.startsWith(root + "lib/promfleet-core-"));
    }

    @Test
    void theDemoAuditRunsFromTheUnpackedArchive() throws Exception {
        Result result = run("audit", "--fleet", "examples/seed-fleet/fleet.yaml", "--format", "json");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("fleet").asText()).isEqualTo("seed-fleet");
        // The exact findings of the seed are SeedFleetAuditTest's business; here: the unpacked launcher
        // found the built-in checks and they saw the seed's broken remote-write.
        assertThat(json.at("/summary/findings").asInt()).isEqualTo(json.get("findings").size()).isPositive();
        assertThat(json.get("findings")).anySatisfy(f -> {
            assertThat(f.get("check").asText()).isEqualTo("remote-write-unresolvable");
            assertThat(f.get("cluster").asText()).isEqualTo("cluster-02");
        });
        assertThat(json.get("coverageGaps")).isEmpty();
    }

    @Test
    void helpNamesEverySubcommand() throws Exception {
        // Start-up time is measured, not asserted: docs/performance.md has the figure and the command.
        Result result = run("--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("audit").contains("plugins").contains("proxy");
    }

    @Test
    void pluginsListsTheBuiltInChecksAndABrokenPluginNeitherStopsTheAuditNorGoesUnreported() throws Exception {
        Result listing = run("plugins");
        assertThat(listing.exit()).as(listing.err()).isZero();
        assertThat(listing.out()).containsPattern("pod-failed +\\S+ +built-in +\\S*promfleet-inspectors-");

        Path other = Files.createDirectories(unpacked.resolve("other-plugins"));
        Path broken = Files.writeString(other.resolve("broken.jar"), "not a jar");
        Result withBroken = run("plugins", "--plugins", other.toString());
        assertThat(withBroken.exit()).isEqualTo(1);
        assertThat(withBroken.out()).contains("Not loaded (1):").contains(broken.toString());

        Result audit = run("audit", "--fleet", "examples/seed-fleet/fleet.yaml", "--format", "json",
                "--plugins", other.toString());
        assertThat(audit.exit()).as(audit.err()).isZero();
        assertThat(audit.err()).contains("promfleet: plugin not loaded: " + broken);
        JsonNode gaps = new ObjectMapper().readTree(audit.out()).get("coverageGaps");
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).get("check").asText()).isEqualTo("plugin broken.jar");
    }

    @Test
    void generateCompletionWritesABashAndZshScript() throws Exception {
        Result result = run("generate-completion");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("_picocli_promfleet").contains("complete -F");
    }

    @Test
    void aJavaThatIsTooOldOrMissingIsSaidClearly() throws Exception {
        Path oldJdk = Files.createDirectories(unpacked.resolve("jdk-11/bin"));
        Files.writeString(oldJdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Path fakeJava = Files.writeString(oldJdk.resolve("java"), "#!/bin/sh\necho 'should not run' >&2\nexit 99\n");
        fakeJava.toFile().setExecutable(true);

        Result old = run(Map.of("JAVA_HOME", oldJdk.getParent().toString()), "--help");
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.err()).contains("Java 17 or newer is needed").contains("Java 11.0.2");

        Result missing = run(Map.of("JAVA_HOME", unpacked.resolve("no-such-jdk").toString()), "--help");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("JAVA_HOME").contains("does not exist");
    }
}
