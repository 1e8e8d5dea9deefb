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

/** Every report text exists in English and Korean, and every key the writers use exists. */
class MessagesCompletenessTest {

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
        Properties p = new Properties();
        try (InputStream in = MessagesCompletenessTest.class.getResourceAsStream("messages" + suffix + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }
}
