package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plugin.InspectorRegistry;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text of every registered check exists in English and Korean: the two bundles have the same keys
 * and placeholders, every key a check's source names is in them, every check's description is, and every
 * check actually writes Korean when the audit is in Korean (run over all its fixture cases).
 */
class BundleCompletenessTest {

    private static final Pattern KEY_USE = Pattern.compile("\\.get\\(\\s*\"([a-z][a-z0-9-]*\\.[a-z0-9.-]+)\"");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9-]*\\.[a-z0-9.-]+)\"");
    private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");
    private static final Settings KOREAN = new Settings(Map.of(InspectionContext.LANGUAGE_SETTING, "ko"));

    @Test
    void englishAndKoreanHaveTheSameKeys() throws IOException {
        Set<String> en = keys("");
        Set<String> ko = keys("_ko");
        assertThat(en).as("keys missing from messages_ko.properties").isSubsetOf(ko);
        assertThat(ko).as("keys missing from messages.properties").isSubsetOf(en);
    }

    /**
     * Every key a source file asks the bundle for ({@code t.get("…")}), and every string literal shaped like
     * a key of the bundle's own prefixes (keys chosen by a ternary before the call), is in the bundle.
     */
    @Test
    void everyKeyTheChecksUseExists() throws IOException {
        Set<String> bundle = keys("");
        Set<String> prefixes = bundle.stream().map(k -> k.substring(0, k.indexOf('.'))).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher direct = KEY_USE.matcher(text);
                while (direct.find()) {
                    used.add(direct.group(1));
                }
                Matcher literal = LITERAL.matcher(text);
                while (literal.find()) {
                    String key = literal.group(1);
                    if (prefixes.contains(key.substring(0, key.indexOf('.'))) && !key.endsWith(".")) {
                        used.add(key);
                    }
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(bundle).as("keys the checks use").containsAll(used);
    }

    @Test
    void everyRegisteredCheckIsDescribedInBothLanguages() throws IOException {
        Set<String> en = keys("");
        Set<String> ko = keys("_ko");
        List<Inspector> checks = registered();
        assertThat(checks).hasSizeGreaterThanOrEqualTo(18);
        for (Inspector check : checks) {
            assertThat(check).as(check.id()).isInstanceOf(BundledInspector.class);
            String key = BundledInspector.descriptionKey(check.id());
            assertThat(en).as("messages.properties").contains(key);
            assertThat(ko).as("messages_ko.properties").contains(key);
            assertThat(check.description(Locale.KOREAN)).as(check.id()).containsPattern(HANGUL)
                    .isNotEqualTo(check.description());
            assertThat(check.description()).as(check.id()).isEqualTo(check.description(Locale.ENGLISH))
                    .doesNotContainPattern(HANGUL);
        }
    }

    /**
     * Every registered check, over every fixture case it has, in Korean: a missing key would end the check
     * with a MissingResourceException (a "check failed" coverage gap); an English text left in code would
     * leave a message, remediation or gap reason without Hangul.
     */
    @Test
    void everyRegisteredCheckWritesItsFindingsAndGapsInKorean() throws IOException {
        List<String> problems = new ArrayList<>();
        int findings = 0;
        for (Inspector check : registered()) {
            Path checkDir = InspectorFixturesTest.FIXTURES.resolve(check.id());
            assertThat(checkDir).as("fixture folder of %s", check.id()).isDirectory();
            try (Stream<Path> cases = Files.list(checkDir)) {
                for (Path caseDir : cases.filter(Files::isDirectory).sorted().toList()) {
                    AuditReport report = new AuditEngine(List.of(check), KOREAN)
                            .audit(FleetLoader.load(caseDir.resolve("fleet.yaml")));
                    String where = check.id() + "/" + caseDir.getFileName();
                    for (Finding f : report.findings()) {
                        findings++;
                        if (!HANGUL.matcher(f.message()).find()) {
                            problems.add(where + " message: " + f.message());
                        }
                        if (f.remediation() != null && !HANGUL.matcher(f.remediation()).find()) {
                            problems.add(where + " remediation: " + f.remediation());
                        }
                    }
                    for (CoverageGap gap : report.coverageGaps()) {
                        if (!HANGUL.matcher(gap.reason()).find()) {
                            problems.add(where + " coverage gap: " + gap.reason());
                        }
                    }
                }
            }
        }
        assertThat(findings).isPositive();
        assertThat(problems).as("texts not in Korean").isEmpty();
    }

    @Test
    void placeholdersAgreeBetweenLanguages() throws IOException {
        Properties en = load("");
        Properties ko = load("_ko");
        for (String key : en.stringPropertyNames()) {
            assertThat(placeholders(ko.getProperty(key, ""))).as(key).isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    private static List<Inspector> registered() {
        return InspectorRegistry.discover(BundleCompletenessTest.class.getClassLoader()).inspectors();
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static Set<String> keys(String suffix) throws IOException {
        return new TreeSet<>(load(suffix).stringPropertyNames());
    }

    private static Properties load(String suffix) throws IOException {
        String resource = "/" + Texts.BUNDLE.replace('.', '/') + suffix + ".properties";
        Properties properties = new Properties();
        try (InputStream in = BundleCompletenessTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
