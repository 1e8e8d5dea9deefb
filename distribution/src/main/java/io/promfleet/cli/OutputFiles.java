package io.promfleet.cli;

import io.promfleet.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes what a command produces (a report, a plan) to a file the user named. */
public final class OutputFiles {

    private OutputFiles() {}

    /**
     * Writes {@code text} beside {@code target} and moves it into place, so an interrupted run never
     * leaves half a report or plan behind for someone (or {@code apply}) to read.
     *
     * @param option the flag that named the file, for the error message
     * @throws InputException naming {@code option} when the file cannot be written (e.g. a read-only directory)
     */
    public static void writeAtomically(Path target, String text, String option) {
        Path absolute = target.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(absolute.getParent(), ".promfleet-", ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new InputException(option + ": cannot write " + target + ": " + e, e);
        }
    }
}
