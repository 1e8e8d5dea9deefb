package io.promfleet.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: written lines read back; a torn last line is tolerated; malformed and hostile lines are named. */
class JournalReaderTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final String RUN = "{\"seq\":1,\"type\":\"run\",\"time\":\"2026-11-24T10:00:00Z\",\"dryRun\":false,\"command\":\"apply\"}\n";

    Path write(String text) throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void appendedEntriesReadBackInOrderAndNumbered() {
        Path file = dir.resolve("j.jsonl");
        try (Journal journal = Journal.open(file)) {
            journal.append(JournalEntry.run("apply", "plan.json", "ab", "fleet", Map.of("c1", "ctx"), false, T));
            JournalEntry change = journal.append(JournalEntry.change(1, "a", 0, "c1", "object",
                    Map.of("apiVersion", "v1", "kind", "ConfigMap", "namespace", "m", "name", "n"), "create", null,
                    Map.of("kind", "ConfigMap"), false, T));
            journal.append(JournalEntry.done(change.seq(), "applied", false, T));
        }
        try (Journal reopened = Journal.open(file)) {
            assertThat(reopened.entries()).extracting(JournalEntry::seq).containsExactly(1L, 2L, 3L);
            assertThat(reopened.entries().get(1).before()).isNull();
            assertThat(reopened.entries().get(0).contexts()).containsEntry("c1", "ctx");
            assertThat(reopened.append(JournalEntry.stepDone(1, "a", false, T)).seq()).isEqualTo(4);
        }
        assertThat(JournalState.of(new JournalReader().read(file).entries()).stepDone("a")).isTrue();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(permissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTornLastLineIsIgnoredWithAWarning() throws IOException {
        JournalReader.Contents contents = new JournalReader().read(write(RUN + "{\"seq\":2,\"type\":\"cha"));
        assertThat(contents.entries()).hasSize(1);
        assertThat(contents.warnings()).singleElement().asString().contains(":2: an incomplete last line");
    }

    @Test
    void malformedLinesAreNamedByFileAndLine() throws IOException {
        Path garbage = write(RUN + "garbage\n" + RUN);
        assertThatThrownBy(() -> new JournalReader().read(garbage)).isInstanceOf(InputException.class)
                .hasMessage(garbage + ":2: not a JSON object: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        Path renumbered = write(RUN + RUN);
        assertThatThrownBy(() -> new JournalReader().read(renumbered)).hasMessageContaining(":2: seq: is 1, expected 2");
        Path noRef = write(RUN + "{\"seq\":2,\"type\":\"change\",\"time\":\"2026-11-24T10:00:00Z\",\"dryRun\":false}\n");
        assertThatThrownBy(() -> new JournalReader().read(noRef)).hasMessageContaining(":2: ref: missing");
        Path badTime = write("{\"seq\":1,\"type\":\"run\",\"time\":\"yesterday\",\"dryRun\":false,\"command\":\"apply\"}\n");
        assertThatThrownBy(() -> new JournalReader().read(badTime)).hasMessageContaining(":1: time: not an ISO-8601 instant");
        Path forward = write(RUN + "{\"seq\":2,\"type\":\"done\",\"time\":\"2026-11-24T10:00:00Z\",\"dryRun\":false,\"of\":9}\n");
        assertThatThrownBy(() -> new JournalReader().read(forward)).hasMessageContaining(":2: of: 9 names no earlier line");
        Path noStatus = write(RUN + "{\"seq\":2,\"type\":\"failed\",\"time\":\"2026-11-24T10:00:00Z\",\"dryRun\":false,\"of\":1,"
                + "\"message\":\"HTTP 422\"}\n");
        assertThatThrownBy(() -> new JournalReader().read(noStatus)).hasMessageContaining(":2: failed entry without status");
    }

    @Test
    void aJournalLineHoldingASecretIsRefused() throws IOException {
        Path secret = write(RUN + "{\"seq\":2,\"type\":\"change\",\"time\":\"2026-11-24T10:00:00Z\",\"dryRun\":false,"
                + "\"step\":1,\"id\":\"a\",\"index\":0,\"cluster\":\"c1\",\"change\":\"object\",\"operation\":\"create\","
                + "\"ref\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"namespace\":\"m\",\"name\":\"n\"},"
                + "\"before\":null,\"after\":{\"kind\":\"Secret\",\"data\":{\"k\":\"c2VjcmV0\"}}}\n");
        assertThatThrownBy(() -> new JournalReader().read(secret)).hasMessageContaining(":2: holds a Secret");
        Path extraRef = write(RUN + "{\"seq\":2,\"type\":\"change\",\"time\":\"2026-11-24T10:00:00Z\",\"dryRun\":false,"
                + "\"step\":1,\"id\":\"a\",\"index\":0,\"cluster\":\"c1\",\"change\":\"object\",\"operation\":\"create\","
                + "\"ref\":{\"kind\":\"ConfigMap\",\"url\":\"http://x\"}}\n");
        assertThatThrownBy(() -> new JournalReader().read(extraRef)).hasMessageContaining(":2: ref.url: not a field");
    }

    @Test
    void aJournalOfAnotherPlanIsNotResumed() {
        Path file = dir.resolve("j.jsonl");
        try (Journal journal = Journal.open(file)) {
            journal.append(JournalEntry.run("apply", "plan.json", "a".repeat(64), "fleet", Map.of(), false, T));
        }
        JournalState state = JournalState.of(new JournalReader().read(file).entries());
        assertThatThrownBy(() -> state.requireSamePlan("b".repeat(64), "j.jsonl"))
                .hasMessageContaining("records an apply of another plan");
        state.requireSamePlan("a".repeat(64), "j.jsonl");
    }
}
