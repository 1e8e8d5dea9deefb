package io.promfleet.remediators.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.core.apply.ApplyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kill the apply of the seed plan after k journal entries (the change announced but not made) or after k writes
 * (made but not journaled done), for several k: a re-run with the same journal completes, and the fleet ends
 * exactly as after an uninterrupted apply; a rollback then restores every object to its original (without the
 * fields the server manages). Against the mock APIs of {@link SeedApply}.
 */
class ResumeAfterCrashTest {

    @TempDir
    static Path shared;

    static Map<String, Map<String, Object>> original;
    static Map<String, Map<String, Object>> applied;
    static int entries;

    @BeforeAll
    static void uninterrupted() throws Exception {
        try (SeedApply seed = new SeedApply(Files.createDirectories(shared.resolve("reference")))) {
            original = seed.state();
            ApplyResult result = seed.apply(shared.resolve("reference.jsonl"), false);
            assertThat(result.status()).isEqualTo(ApplyResult.Status.COMPLETED);
            applied = seed.state();
            entries = Files.readAllLines(shared.resolve("reference.jsonl")).size();
        }
    }

    @AfterAll
    static void sizes() {
        assertThat(entries).as("journal entries of an uninterrupted apply").isGreaterThan(60);
    }

    @ParameterizedTest(name = "killed after journal entry {0}")
    @ValueSource(ints = {4, 9, 47})
    void killedAfterAJournalEntryResumesAndRollsBack(int k, @TempDir Path dir) {
        try (SeedApply seed = new SeedApply(dir)) {
            Path journal = dir.resolve("journal.jsonl");
            assertThatThrownBy(() -> seed.apply(journal, false, e -> {
                if (e.seq() == k) {
                    throw new SeedApply.Crash("after journal entry " + k);
                }
            })).isInstanceOf(SeedApply.Crash.class);

            resumeThenRollBack(seed, journal);
        }
    }

    @ParameterizedTest(name = "killed after write {0}")
    @ValueSource(ints = {1, 6})
    void killedAfterAWriteBeforeItWasJournaledDoneResumesAndRollsBack(int k, @TempDir Path dir) {
        try (SeedApply seed = new SeedApply(dir)) {
            Path journal = dir.resolve("journal.jsonl");
            seed.crashAfterWrites = k;
            assertThatThrownBy(() -> seed.apply(journal, false)).isInstanceOf(SeedApply.Crash.class);
            seed.crashAfterWrites = 0;

            resumeThenRollBack(seed, journal);
        }
    }

    private static void resumeThenRollBack(SeedApply seed, Path journal) {
        ApplyResult resumed = seed.apply(journal, false);
        assertThat(resumed.status()).as(String.join("\n", resumed.log())).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(resumed.log()).anyMatch(l -> l.contains("done in an earlier run") || l.contains("recorded done"));
        assertThat(seed.state()).isEqualTo(applied);

        ApplyResult rollback = seed.rollback(journal);
        assertThat(rollback.status()).as(String.join("\n", rollback.log())).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(seed.state()).isEqualTo(original);
    }
}
