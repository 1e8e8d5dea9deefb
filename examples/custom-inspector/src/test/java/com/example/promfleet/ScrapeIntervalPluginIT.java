package com.example.promfleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * End to end: this plugin's jar dropped into plugins/ of the real promfleet distribution (unpacked by
 * the build into target/promfleet), its check and its fix listed by {@code promfleet plugins}, its
 * finding in the report of {@code promfleet audit}, and its action in {@code promfleet plan}.
 */
@DisabledOnOs(OS.WINDOWS)
class ScrapeIntervalPluginIT {

    private final Path dist = Path.of(System.getProperty("promfleet.dist"));
    private final Path jar = Path.of(System.getProperty("plugin.jar"));

    private String run(int expectedExit, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(dist.resolve("bin/promfleet").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("promfleet", ".out");
        Process process = new ProcessBuilder(command).directory(dist.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "promfleet finished");
        assertEquals(expectedExit, process.exitValue(), () -> "exit code of " + command);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void theDroppedInJarIsListedAndItsFindingIsInTheReportAndItsFixInThePlan() throws Exception {
        // The unpacked zip does not keep the launcher's execute bit.
        dist.resolve("bin/promfleet").toFile().setExecutable(true);
        Path plugins = dist.resolve("plugins");
        Files.copy(jar, plugins.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        String listing = run(0, "plugins");
        assertTrue(listing.matches("(?s).*inspector +scrape-interval-too-short +1\\.0\\.0 +plugin +\\S*"
                + jar.getFileName() + ".*"), listing);
        assertTrue(listing.matches("(?s).*remediator +raise-scrape-interval +1\\.0\\.0 +plugin +\\S*"
                + jar.getFileName() + " +scrape-interval-too-short\n.*"), listing);
        assertTrue(!listing.contains("Warnings") && !listing.contains("Not loaded"), listing);

        Path fleet = Path.of("src/test/resources/fixtures/scrape-interval-too-short/edge-agent-global-5s/fleet.yaml")
                .toAbsolutePath();
        String json = run(0, "audit", "--fleet", fleet.toString(), "--format", "json");
        assertTrue(json.contains("\"check\" : \"scrape-interval-too-short\""), json);
        assertTrue(json.contains("global scrape_interval is 5s"), json);
        assertTrue(json.contains("\"coverageGaps\" : [ ]"), json);

        String plan = run(0, "plan", "--fleet", fleet.toString(), "--format", "json");
        assertTrue(plan.contains("\"id\" : \"raise-scrape-interval-cluster-02-prometheus-agent\""), plan);
        assertTrue(plan.contains("scrape_interval: 15s"), plan);
        assertTrue(plan.contains("\"problems\" : [ ]"), plan);
    }
}
