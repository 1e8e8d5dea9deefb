package io.promfleet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every report text exists in English and Korean, and every key the writers use exists; every other bundle of
 * core has its texts in both languages too, with the same arguments.
 */
class MessagesCompletenessTest {

    /** A MessageFormat argument: {@code {0}}, {@code {1,number}}. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d+[^}]*}");

    @ParameterizedTest
    @ValueSource(strings = {"audit", "live", "plan", "report", "apply"})
    void everyBundleHasEveryKeyInKoreanWithTheSameArguments(String bundle) {
        Properties en = bundle("/io/promfleet/core/" + bundle + "/messages.properties");
        Properties ko = bundle("/io/promfleet/core/" + bundle + "/messages_ko.properties");
        assertThat(new TreeSet<>(en.stringPropertyNames())).isNotEmpty()
                .as("keys missing from %s/messages_ko.properties", bundle).isSubsetOf(ko.stringPropertyNames());
        assertThat(new TreeSet<>(ko.stringPropertyNames()))
                .as("keys missing from %s/messages.properties", bundle).isSubsetOf(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(arguments(ko.getProperty(key))).as(bundle + " " + key).isEqualTo(arguments(en.getProperty(key)));
        }
    }

    private static Set<String> arguments(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void englishAndKoreanHaveTheSameKeys() throws IOException {
        Set<String> en = load("").stringPropertyNames();
        Set<String> ko = load("_ko").stringPropertyNames();
        assertThat(new TreeSet<>(en)).as("keys missing from messages_ko.properties").isSubsetOf(ko);
        assertThat(new TreeSet<>(ko)).as("keys missing from messages.properties").isSubsetOf(en);
    }

    @Test
    void everyLiteralKeyTheWritersUseExists() throws IOException {
        Set<String> keys = load("").stringPropertyNames();
        Pattern use = Pattern.compile("\"((?:report|section|label|role|severity|component|arch|waste|plan|caution|next|effect|sarif|junit)\\.[a-z0-9.-]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/promfleet/core/report"))) {
            for (Path file : files.toList()) {
                Matcher m = use.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty().isSubsetOf(keys);
    }

    @Test
    void everyLanguageResolvesEveryKey() {
        for (Language language : Language.values()) {
            Messages m = new Messages(language);
            load("").stringPropertyNames().forEach(k -> assertThat(m.get(k, 1, 2, 3)).as(language + " " + k).isNotBlank());
        }
    }

    private static Properties load(String suffix) {
        return bundle("messages" + suffix + ".properties");
    }

    private static Properties bundle(String resource) {
        Properties p = new Properties();
        try (InputStream in = MessagesCompletenessTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }
}
