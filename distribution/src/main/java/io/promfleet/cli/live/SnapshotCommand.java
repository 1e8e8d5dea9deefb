package io.promfleet.cli.live;

import io.promfleet.core.InputException;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.ClusterFailure;
import io.promfleet.core.live.LiveFleet;
import io.promfleet.core.live.SnapshotWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code promfleet snapshot}: the live state of a fleet, written in the offline format. */
@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {
            "Reads every cluster of a fleet through the Kubernetes API (list only) and writes it in the offline "
                    + "format: DIR/fleet.yaml and one directory of `kind: List` YAML per cluster, Secret values removed.",
            "Exit codes: 0 every cluster written; 1 some cluster could not be read (the others are written); "
                    + "2 usage or input error."
        })
public final class SnapshotCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--fleet", required = true, paramLabel = "FLEET.yaml",
            description = "The fleet file: its clusters, their roles and kubeconfig contexts.")
    private Path fleetFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the snapshot.")
    private Path out;

    @CommandLine.Mixin
    private LiveOptions live;

    @Override
    public Integer call() {
        FleetSpec fleetSpec = new FleetFileParser().parse(fleetFile);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InputException("--out " + out + ": is not a directory");
        }
        fleetSpec.warnings().forEach(w -> spec.commandLine().getErr().println("promfleet: warning: " + w));
        LiveFleet read = live.read(fleetSpec, spec.commandLine().getErr());
        Path written = new SnapshotWriter().write(fleetSpec, read, out);
        for (ClusterFailure failure : read.unreachable()) {
            spec.commandLine().getErr().println("promfleet: cluster " + failure.cluster() + " not written, it could not be read ("
                    + failure.reason().id() + "): " + failure.detail());
        }
        read.gaps().forEach(g -> spec.commandLine().getErr().println("promfleet: warning: " + g.cluster() + ": " + g.reason()));
        spec.commandLine().getErr().println("promfleet: wrote " + read.fleet().clusters().size() + " cluster(s) to " + written);
        return read.unreachable().isEmpty() ? 0 : 1;
    }
}
