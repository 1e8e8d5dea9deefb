package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.inspectors.support.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every finding text exists in English and Korean, and every key the checks use exists. */
class BundleCompletenessTest {

    private static final Pattern KEY_USE = Pattern.compile("\\.get\\(\\s*\"([a-z][a-z0-9.-]+)\"");
    private static final Pattern TERNARY_KEYS = Pattern.compile("\"((?:dup|am|owner|rm|sc|ru|tu|pf|rw)\\.[a-z0-9.-]+)\"");

    @Test
    void englishAndKoreanHaveTheSameKeys() throws IOException {
        Set<String> en = keys("");
        Set<String> ko = keys("_ko");
        assertThat(en).as("keys missing from messages_ko.properties").isSubsetOf(ko);
        assertThat(ko).as("keys missing from messages.properties").isSubsetOf(en);
    }

    @Test
    void everyKeyTheChecksUseExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                for (Pattern pattern : new Pattern[] {KEY_USE, TERNARY_KEYS}) {
                    Matcher m = pattern.matcher(text);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        used.removeIf(k -> !k.matches("(dup|am|owner|rm|sc|ru|tu|pf|rw)\\..+"));
        assertThat(used).isNotEmpty().isSubsetOf(keys(""));
    }

    @Test
    void placeholdersAgreeBetweenLanguages() throws IOException {
        Properties en = load("");
        Properties ko = load("_ko");
        for (String key : en.stringPropertyNames()) {
            assertThat(placeholders(ko.getProperty(key, ""))).as(key).isEqualTo(placeholders(en.getProperty(key)));
        }
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
