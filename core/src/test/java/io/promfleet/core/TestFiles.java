package io.promfleet.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes fixture files below a test's temporary directory. */
public final class TestFiles {

    private TestFiles() {}

    /** Writes {@code text} to {@code dir/relative}, creating parent directories, and returns the file. */
    public static Path write(Path dir, String relative, String text) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
