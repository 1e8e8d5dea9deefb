package io.promfleet.cli.live;

import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.KubeconfigAccessFactory;
import io.promfleet.core.live.LiveFleet;
import io.promfleet.core.live.LiveFleetReader;
import io.promfleet.core.live.LiveFleetStream;
import io.promfleet.core.live.LiveProgress;
import io.promfleet.core.live.RemoteWriteProbe;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach the live clusters: the kubeconfig, and how many clusters to read at once. */
public final class LiveOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig holding each cluster's context (fleet.yaml's `context`). "
                    + "Default: the files of KUBECONFIG, else ~/.kube/config.")
    private Path kubeconfig;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + LiveFleetReader.DEFAULT_CONCURRENCY,
            description = "How many clusters to read at once. Default: ${DEFAULT-VALUE}.")
    private int concurrency;

    /**
     * Reads every cluster of {@code spec}. Progress goes to {@code err} only when a person is watching
     * (a console): a log file or a CI job gets the report and the warnings, not a ticker.
     */
    public LiveFleet read(FleetSpec spec, PrintWriter err) {
        return read(spec, err, java.util.Locale.ENGLISH);
    }

    /** As {@link #read(FleetSpec, PrintWriter)}, writing the gaps of kinds that could not be read in {@code locale}. */
    public LiveFleet read(FleetSpec spec, PrintWriter err, java.util.Locale locale) {
        return reader(err, locale).read(spec);
    }

    /**
     * The fleet of {@code spec}, to be read one cluster at a time as a streaming audit asks for it, with the
     * same progress as {@link #read(FleetSpec, PrintWriter, java.util.Locale)}; with {@code probe}, each edge's
     * agents are probed as soon as it is read.
     */
    public LiveFleetStream stream(FleetSpec spec, PrintWriter err, java.util.Locale locale, boolean probe) {
        return reader(err, locale).stream(spec, probe ? new RemoteWriteProbe(factory()) : null);
    }

    private LiveFleetReader reader(PrintWriter err, java.util.Locale locale) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency: must be at least 1, got " + concurrency);
        }
        LiveProgress progress = System.console() == null ? LiveProgress.NONE : (cluster, done, total, failure) -> {
            err.print("\rpromfleet: read " + done + "/" + total + " clusters"
                    + (failure == null ? "" : " (" + cluster + ": " + failure.reason().id() + ")") + "   ");
            if (done == total) {
                err.println();
            }
            err.flush();
        };
        return new LiveFleetReader(factory(), concurrency, progress, locale);
    }

    /** The clusters' API access, through the kubeconfig these options name. */
    public KubeconfigAccessFactory factory() {
        return KubeconfigAccessFactory.fromEnvironment(kubeconfig);
    }
}
