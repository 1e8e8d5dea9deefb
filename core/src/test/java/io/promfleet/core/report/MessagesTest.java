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
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Set<String> keys(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    @Test
    void englishAndKoreanHaveExactlyTheSameKeys() throws IOException {
        Set<String> en = keys("messages.properties");
        assertThat(en).hasSizeGreaterThan(20);
        assertThat(keys("messages_ko.properties")).isEqualTo(en);
    }

    @Test
    void everyKeyTheMarkdownWriterUsesExists() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/promfleet/core/report/MarkdownReportWriter.java"))
                + Files.readString(Path.of("src/main/java/io/promfleet/core/report/ReportFacts.java"));
        Set<String> used = new TreeSet<>();
        Matcher literal = Pattern.compile("\\bm\\.get\\(\"([a-z0-9.-]+)\"\\s*[,)]").matcher(source);
        while (literal.find()) {
            used.add(literal.group(1));
        }
        // Keys built from a prefix: "role." + role id, "severity." + severity id, PHASES map keys.
        Matcher phase = Pattern.compile("(?:PHASES|phases)\\.put\\(\"([a-z0-9.-]+)\"").matcher(source);
        while (phase.find()) {
            used.add(phase.group(1));
        }
        for (io.promfleet.api.Severity s : io.promfleet.api.Severity.values()) {
            used.add("severity." + s.id());
        }
        for (io.promfleet.api.model.ClusterRole r : io.promfleet.api.model.ClusterRole.values()) {
            used.add("role." + r.id());
        }
        assertThat(used).contains("section.summary", "plan.phase1", "plan.phase4");
        assertThat(keys("messages.properties")).containsAll(used);
        assertThat(keys("messages_ko.properties")).containsAll(used);
    }

    @Test
    void koreanTextsAreReadAsUtf8() {
        assertThat(new Messages(Language.KO).get("section.summary")).isEqualTo("현황 요약");
        assertThat(new Messages(Language.EN).get("plan.phase2")).contains("agent's remote_write");
    }
}
