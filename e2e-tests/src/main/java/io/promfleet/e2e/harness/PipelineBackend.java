package io.promfleet.e2e.harness;

import java.nio.file.Path;
import java.util.Optional;

/** Where a {@link Pipeline}'s programs run: local processes, or containers. */
public interface PipelineBackend {

    String name();

    /** Empty when this backend can run here; otherwise the reason it cannot (the tests skip with it). */
    Optional<String> unavailable();

    /** Starts every component and returns once all are ready; on failure stops what it started. */
    Pipeline start(PipelineSpec spec, Path workDir);

    /**
     * The backend named by system property {@code promfleet.e2e.backend}: {@code local} (default) or
     * {@code testcontainers}.
     */
    static PipelineBackend fromSystemProperty() {
        String name = System.getProperty("promfleet.e2e.backend", "local");
        return switch (name) {
            case "local" -> new io.promfleet.e2e.harness.local.LocalProcessBackend();
            case "testcontainers" -> new io.promfleet.e2e.harness.containers.TestcontainersBackend();
            default -> throw new IllegalArgumentException("promfleet.e2e.backend: unknown backend '" + name
                    + "' (local, testcontainers)");
        };
    }
}
