package io.promfleet.e2e.harness.local;

import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineBackend;
import io.promfleet.e2e.harness.PipelineSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the pipeline's programs as local processes from {@code .tools/bin}, on free loopback ports.
 */
public final class LocalProcessBackend implements PipelineBackend {

    static final List<String> PROGRAMS = List.of("prometheus", "thanos", "minio");

    private final Binaries binaries;

    public LocalProcessBackend() {
        this(Binaries.locate());
    }

    public LocalProcessBackend(Binaries binaries) {
        this.binaries = binaries;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Optional<String> unavailable() {
        String why = PROGRAMS.stream().map(binaries::unavailable).flatMap(Optional::stream)
                .collect(Collectors.joining("; "));
        return why.isEmpty() ? Optional.empty() : Optional.of(why);
    }

    @Override
    public Pipeline start(PipelineSpec spec, Path workDir) {
        return LocalPipeline.start(spec, workDir, binaries);
    }
}
