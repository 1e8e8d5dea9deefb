package io.promfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.embedding.AuditMyFleet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/embedding.md's example is this build's {@link AuditMyFleet}, character for character, and it
 * works: the doc cannot rot without failing here.
 */
class EmbeddingDocTest {

    private static final Path DOC = Path.of("..", "docs", "embedding.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "com", "example", "embedding", "AuditMyFleet.java");

    @Test
    void theDocShowsTheCompiledExampleVerbatim() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        assertThat(doc).contains("```java\n" + source + "```\n");
    }

    @Test
    void theExampleAuditsTheSeedFleet() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AuditMyFleet.main(new String[] {Path.of("..", "examples", "seed-fleet", "fleet.yaml").toString()});
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("remote-write-unresolvable in cluster-02: ")
                .contains("receive-missing in cluster-01: ")
                .doesNotContain("not checked:");
    }
}
