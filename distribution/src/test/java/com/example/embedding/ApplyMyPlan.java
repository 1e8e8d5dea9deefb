package com.example.embedding;

import io.promfleet.core.Promfleet;
import io.promfleet.core.apply.ApplyOptions;
import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.DefaultGateChecker;
import io.promfleet.core.apply.KubeconfigWriterFactory;
import io.promfleet.core.apply.PlanFile;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.live.KubeconfigAccessFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dry-runs a reviewed plan against the live clusters from a Java program: docs/embedding.md. */
public final class ApplyMyPlan {

    public static void main(String[] args) {
        Path fleetFile = Path.of(args[0]);   // fleet.yaml: each cluster's kubeconfig context
        Path planFile = Path.of(args[1]);    // promfleet plan --format json
        Path kubeconfig = Path.of(args[2]);
        Path journal = Path.of(args[3]);     // JSON lines, one per change, written before it is made

        Map<String, String> contexts = new LinkedHashMap<>();
        for (ClusterSpec cluster : new FleetFileParser().parse(fleetFile).clusters()) {
            contexts.put(cluster.name(), cluster.context());
        }
        try (Promfleet promfleet = Promfleet.builder().build()) {
            ApplyResult result = promfleet.apply(PlanFile.read(planFile), contexts,
                    new KubeconfigWriterFactory(KubeconfigAccessFactory.fromEnvironment(kubeconfig)),
                    new DefaultGateChecker(null, null, null),   // Thanos Query and Ruler URLs, when you have them
                    ApplyOptions.dryRunDefaults(),              // every write with dryRun=All: nothing changes
                    journal);

            result.log().forEach(System.out::println);
            System.out.println(result.status() + ": " + result.changed() + " changes accepted by the dry run");
        }
    }
}
