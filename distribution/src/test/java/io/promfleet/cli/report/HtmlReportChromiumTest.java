package io.promfleet.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.report.Language;
import io.promfleet.core.report.ReportFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed fleet's HTML report in a real headless Chromium (Debian's {@code chromium}, which .ci/run
 * installs): the DOM after the page's script ran, a filter applied the way a click does (the page reads
 * {@code #severity=…} and dispatches the select's change event), no script error, and a screenshot in
 * {@code target/} for a person to look at. Skipped, saying so, where no Chromium is installed.
 */
class HtmlReportChromiumTest {

    private static final Path OUT = Path.of("target/html-report");
    private static Path html;
    private static AuditReport report;

    @BeforeAll
    static void writeReport() throws IOException {
        Files.createDirectories(OUT);
        report = SeedFleetReportsTest.audit(Language.EN);
        StringWriter w = new StringWriter();
        ReportFormat.HTML.writer().write(report, Language.EN, w);
        html = OUT.resolve("seed-fleet.html").toAbsolutePath();
        Files.writeString(html, w.toString(), StandardCharsets.UTF_8);
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static Result run(String... extra) throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "no chromium installed (apt-get install chromium; .ci/run does)");
        Path profile = Files.createTempDirectory("promfleet-chromium");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(extra));
        Path stdout = Files.createTempFile("chromium", ".out");
        Path stderr = Files.createTempFile("chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new Result(Files.readString(stdout), Files.readString(stderr));
    }

    private record Result(String out, String err) {}

    @Test
    void drawsOneBoxPerClusterAndOneArrowPerRemoteWriteWithoutScriptErrors() throws Exception {
        Result r = run("--dump-dom", html.toUri().toString());
        assertThat(r.out()).contains("data-ready=\"true\"");
        assertThat(r.err()).doesNotContain("Uncaught").doesNotContain(":CONSOLE(");
        String svg = r.out().substring(r.out().indexOf("<svg id=\"actual-topology\""));
        svg = svg.substring(0, svg.indexOf("</svg>"));
        assertThat(count(svg, "<g class=\"cluster ")).isEqualTo(report.fleet().clusters().size());
        long remoteWrites = report.fleet().clusters().stream().flatMap(c -> c.topology().prometheuses().stream())
                .mapToLong(p -> p.config().remoteWrites().size()).sum();
        assertThat(count(svg, "<g class=\"rw-arrow ")).isEqualTo((int) remoteWrites).isPositive();
        // The seed fleet's edges all write to another cluster's service DNS name: every arrow is broken.
        assertThat(count(svg, "<g class=\"rw-arrow broken\"")).isEqualTo((int) remoteWrites);
        // Self-contained: nothing the browser would fetch (texts may name URLs, tags may not load them).
        assertThat(r.out()).as("no network fetches").doesNotContain("<link", " src=", "@import", "url(http");
    }

    @Test
    void filtersHideTheRowsThatDoNotMatch() throws Exception {
        long high = report.findings().stream().filter(f -> f.severity().id().equals("high")).count();
        Result r = run("--dump-dom", html.toUri() + "#severity=high&cluster=cluster-02");
        long expected = report.findings().stream()
                .filter(f -> f.severity().id().equals("high") && "cluster-02".equals(f.cluster())).count();
        assertThat(expected).isPositive().isLessThan(high);
        assertThat(r.out()).contains("data-visible-findings=\"" + expected + "\"");
        Matcher rows = Pattern.compile("<tr class=\"finding\"[^>]*>").matcher(r.out());
        int visible = 0;
        int total = 0;
        while (rows.find()) {
            total++;
            if (!rows.group().contains("hidden")) {
                visible++;
                assertThat(rows.group()).contains("data-severity=\"high\"").contains("data-cluster=\"cluster-02\"");
            }
        }
        assertThat(total).isEqualTo(report.findings().size());
        assertThat(visible).isEqualTo((int) expected);
    }

    @Test
    void writesAScreenshotForAPersonToLookAt() throws Exception {
        Path png = OUT.resolve("seed-fleet.png").toAbsolutePath();
        Files.deleteIfExists(png);
        run("--window-size=1400,2000", "--hide-scrollbars", "--screenshot=" + png, html.toUri().toString());
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(20_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
