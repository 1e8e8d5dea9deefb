package io.promfleet.e2e.harness.containers;

import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineSpec;
import java.nio.file.Path;

final class ContainerPipeline {
    static Pipeline start(PipelineSpec spec, Path workDir) {
        throw new UnsupportedOperationException("TODO");
    }
}
