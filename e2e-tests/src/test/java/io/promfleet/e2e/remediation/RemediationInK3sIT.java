package io.promfleet.e2e.remediation;

import io.promfleet.e2e.harness.k3s.K3sFleet;
import io.promfleet.e2e.harness.local.Binaries;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The remediation scenario against k3s control planes run as local processes ({@link K3sFleet}): what runs on this
 * machine, without Docker. Skips, saying why, when scripts/install-test-binaries.sh could not build k3s or copy the
 * Prometheus Operator's CRDs. The k3s flags are K3sServer's: its controller list keeps the garbage collector on.
 */
class RemediationInK3sIT extends RemediationScenario {

    private final Binaries binaries = Binaries.locate();

    @Override
    String backend() {
        return "k3s";
    }

    @Override
    Optional<String> unavailable() {
        return K3sFleet.unavailable(binaries);
    }

    @Override
    K3sFleet start(Path seedFleet, Path workDir) {
        return K3sFleet.start(seedFleet, workDir, binaries, List.of());
    }
}
