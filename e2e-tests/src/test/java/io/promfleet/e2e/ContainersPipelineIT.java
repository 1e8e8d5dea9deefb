package io.promfleet.e2e;

import static io.promfleet.e2e.Samples.assertEveryScrapeStored;

import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineExtension;
import io.promfleet.e2e.harness.PipelineSpec;
import io.promfleet.e2e.harness.containers.TestcontainersBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same pipeline in containers (needs a Docker engine; skipped, saying why, without one): an edge's
 * every scrape arrives through Thanos Query.
 */
class ContainersPipelineIT {

    @RegisterExtension
    static final PipelineExtension PIPELINE = PipelineExtension.of(PipelineSpec.edges(2), new TestcontainersBackend());

    @Test
    void everyScrapeOfEveryEdgeArrives(Pipeline pipeline) {
        pipeline.edges().forEach(edge -> assertEveryScrapeStored(pipeline, edge));
    }
}
