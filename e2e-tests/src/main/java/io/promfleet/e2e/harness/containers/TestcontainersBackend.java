package io.promfleet.e2e.harness.containers;

import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineBackend;
import io.promfleet.e2e.harness.PipelineSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * The pipeline as containers, for machines with a Docker engine: MinIO ({@code testcontainers-minio}),
 * Thanos Receive, Query and Store from {@code quay.io/thanos/thanos}, each agent ({@code prom/prometheus}) as a
 * pod in a k3s cluster of its own ({@code testcontainers-k3s}), the proxy in-process (reached from the pods
 * through Testcontainers' host port exposure). Receive is stopped with a graceful {@code docker stop} so it
 * flushes and uploads.
 */
public final class TestcontainersBackend implements PipelineBackend {

    static final String THANOS_IMAGE = "quay.io/thanos/thanos:v0.42.4";
    static final String PROMETHEUS_IMAGE = "prom/prometheus:v2.42.0";
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";

    @Override
    public String name() {
        return "testcontainers";
    }

    @Override
    public Optional<String> unavailable() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
            return Optional.of("no Docker engine found (Testcontainers looked at DOCKER_HOST, the socket and"
                    + " ~/.testcontainers.properties)");
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("no Docker engine: " + e);
        }
    }

    @Override
    public Pipeline start(PipelineSpec spec, Path workDir) {
        if (spec.tls()) {
            // the agents would need the CA inside their containers; not needed by any container test yet
            throw new IllegalArgumentException("the testcontainers backend runs the proxy without TLS only");
        }
        return ContainerPipeline.start(spec, workDir);
    }
}
