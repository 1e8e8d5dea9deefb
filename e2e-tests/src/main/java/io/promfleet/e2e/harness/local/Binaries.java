package io.promfleet.e2e.harness.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real programs that {@code scripts/install-test-binaries.sh} put under {@code .tools/}: each has a
 * link in {@code .tools/bin/NAME} and a status in {@code .tools/status/NAME} ({@code ok}, or why its build
 * or install failed).
 */
public final class Binaries {

    private final Path tools;

    private Binaries(Path tools) {
        this.tools = tools;
    }

    /**
     * The {@code .tools} of the checkout: system property {@code promfleet.root} (set by the build), else the
     * nearest {@code .tools} above the working directory.
     */
    public static Binaries locate() {
        String root = System.getProperty("promfleet.root");
        if (root != null && !root.isBlank()) {
            return new Binaries(Path.of(root).toAbsolutePath().resolve(".tools"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".tools"))) {
                return new Binaries(dir.resolve(".tools"));
            }
        }
        return new Binaries(Path.of("").toAbsolutePath().resolve(".tools"));
    }

    /** Empty when the program is there and its status is {@code ok}; otherwise why it cannot be used. */
    public Optional<String> unavailable(String name) {
        Path status = tools.resolve("status").resolve(name);
        Path bin = tools.resolve("bin").resolve(name);
        if (!Files.exists(status)) {
            return Optional.of(name + ": " + status + " is missing; run scripts/install-test-binaries.sh");
        }
        String text;
        try {
            text = Files.readString(status).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!text.equals("ok")) {
            return Optional.of(name + " could not be installed: " + text);
        }
        if (!Files.isExecutable(bin)) {
            return Optional.of(name + ": status is ok but " + bin + " is not an executable");
        }
        return Optional.empty();
    }

    /** The {@code .tools} directory itself, e.g. for {@code .tools/crds/}. */
    public Path toolsDir() {
        return tools;
    }

    public Path path(String name) {
        return tools.resolve("bin").resolve(name);
    }
}
