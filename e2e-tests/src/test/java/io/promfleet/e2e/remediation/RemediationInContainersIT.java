package io.promfleet.e2e.remediation;

import io.promfleet.e2e.harness.containers.K3sContainerServer;
import io.promfleet.e2e.harness.containers.TestcontainersBackend;
import io.promfleet.e2e.harness.k3s.K3sFleet;
import io.promfleet.e2e.harness.local.Binaries;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The remediation scenario against k3s containers ({@code testcontainers-k3s}), one per cluster, started with the
 * process backend's flags ({@link K3sContainerServer}). Needs a Docker engine: skipped, saying why, without one
 * (every machine here; {@link RemediationInK3sIT} runs the same tests on k3s processes).
 */
class RemediationInContainersIT extends RemediationScenario {

    private final Binaries binaries = Binaries.locate();

    @Override
    String backend() {
        return "containers";
    }

    @Override
    Optional<String> unavailable() {
        return new TestcontainersBackend().unavailable().or(() -> K3sFleet.crdsUnavailable(binaries));
    }

    @Override
    K3sFleet start(Path seedFleet, Path workDir) {
        return K3sFleet.start(seedFleet, workDir, binaries.toolsDir().resolve("crds"),
                cluster -> K3sContainerServer.start(cluster.name()), () -> { });
    }
}
