package io.promfleet.cli.apply;

import io.promfleet.api.model.PromDuration;
import io.promfleet.cli.OptionValues;
import io.promfleet.cli.live.LiveOptions;
import io.promfleet.cli.plugins.PluginOptions;
import io.promfleet.core.InputException;
import io.promfleet.core.Promfleet;
import io.promfleet.core.apply.ApplyEngine;
import io.promfleet.core.apply.ApplyOptions;
import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.ApplyTexts;
import io.promfleet.core.apply.DefaultGateChecker;
import io.promfleet.core.apply.HelmProcessRunner;
import io.promfleet.core.apply.Journal;
import io.promfleet.core.apply.KubeconfigWriterFactory;
import io.promfleet.core.apply.LiveAuditVerifier;
import io.promfleet.core.apply.ManifestEmitter;
import io.promfleet.core.apply.PlanFile;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code promfleet apply}: runs a reviewed plan against the live clusters, a step at a time, dry-run unless
 * {@code --yes}; or, with {@code --emit-manifests}, writes it as kustomize-ready YAML instead.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Applies a plan (`promfleet plan --format json`) to the live clusters, one step and one cluster at a "
                    + "time, through each cluster's kubeconfig context. Dry run (server-side dryRun=All) unless "
                    + "--yes. Every change is journaled before it is made; run again with the same journal to resume, "
                    + "and `promfleet rollback JOURNAL` to undo. Gates are checked through Thanos Query and Ruler "
                    + "and the Kubernetes API; one that has not passed stops the apply and says when to come back.",
            ApplyExitCodes.DESCRIPTION
        })
public final class ApplyCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--fleet", required = true, paramLabel = "FLEET.yaml",
            description = "The fleet file: each cluster's kubeconfig context.")
    private Path fleetFile;

    @Option(names = "--plan", required = true, paramLabel = "PLAN.json", description = "The plan to apply.")
    private Path planFile;

    @Option(names = "--yes", description = "Make the changes. Without it, every write is a server-side dry run.")
    private boolean yes;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "The journal (JSON lines). Default: PLAN.journal.jsonl beside the plan.")
    private Path journalFile;

    @Option(names = "--gate-window", paramLabel = "DURATION",
            description = "How long the central must have received each edge before its duplicates go. Default: the plan's.")
    private String gateWindow;

    @Option(names = "--query-url", paramLabel = "URL",
            description = "Thanos Query's base URL, for the receiving gates (e.g. http://localhost:9090 through kubectl port-forward).")
    private String queryUrl;

    @Option(names = "--ruler-url", paramLabel = "URL", description = "Thanos Ruler's base URL, for the rule gates.")
    private String rulerUrl;

    @Option(names = "--receive-url", paramLabel = "URL",
            description = "The remote-write URL the edges reach the central Receive at. Default: the address of "
                    + "Receive's LoadBalancer Service, once it has one.")
    private String receiveUrl;

    @Option(names = "--purge-data", description = "Allow the plan's deletion of volumes (after their gate and a backup).")
    private boolean purgeData;

    @Option(names = "--run-helm", description = "Run the plan's `helm upgrade` steps (helm from the PATH). "
            + "Without it, apply stops at them with the command to run.")
    private boolean runHelm;

    @Option(names = "--helm-applied", paramLabel = "ACTION", split = ",",
            description = "Ids of Helm steps you ran yourself; apply records them done and goes on.")
    private List<String> helmApplied = new ArrayList<>();

    @Option(names = "--emit-manifests", paramLabel = "DIR",
            description = "Write the changes as kustomize-ready YAML (one directory per cluster) instead of applying them.")
    private Path emitManifests;

    @CommandLine.Mixin
    private ApplyLanguageOption lang;

    @CommandLine.Mixin
    private LiveOptions live;

    @CommandLine.Mixin
    private PluginOptions plugins;

    @Override
    public Integer call() {
        Locale locale = lang.resolve(spec);
        ApplyTexts texts = new ApplyTexts(locale);
        Duration window = gateWindow == null ? null
                : OptionValues.parse(spec, () -> positive(PromDuration.parse(gateWindow)), "--gate-window");
        URI query = url(queryUrl, "--query-url");
        URI ruler = url(rulerUrl, "--ruler-url");
        if (receiveUrl != null) {
            url(receiveUrl, "--receive-url");
        }
        FleetSpec fleet = new FleetFileParser().parse(fleetFile);
        fleet.warnings().forEach(w -> spec.commandLine().getErr().println("promfleet: warning: " + w));
        PlanFile plan = PlanFile.read(planFile);
        if (!plan.plan().fleet().equals(fleet.name())) {
            throw new InputException("--plan " + planFile + ": is a plan of fleet '" + plan.plan().fleet()
                    + "', not of " + fleetFile + "'s '" + fleet.name() + "'");
        }
        for (String id : helmApplied) {
            boolean helmStep = plan.plan().steps().stream().anyMatch(s -> !s.isGate() && s.id().equals(id)
                    && s.action().changes().stream().anyMatch(c -> c instanceof io.promfleet.api.plan.HelmValuesChange));
            if (!helmStep) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--helm-applied " + id
                        + ": the plan has no Helm step with that id");
            }
        }
        if (emitManifests != null) {
            List<Path> written = new ManifestEmitter().emit(plan.plan(), emitManifests, receiveUrl);
            spec.commandLine().getErr().println(texts.get("cli.emitted", written.size(), emitManifests));
            return ApplyExitCodes.DONE;
        }
        Map<String, String> contexts = new LinkedHashMap<>();
        for (ClusterSpec c : fleet.clusters()) {
            contexts.put(c.name(), c.context());
        }
        Path journalPath = journalFile != null ? journalFile
                : planFile.resolveSibling(planFile.getFileName().toString().replaceAll("\\.json$", "") + ".journal.jsonl");
        if (Files.isDirectory(journalPath)) {
            throw new InputException("--journal " + journalPath + ": is a directory");
        }
        ApplyOptions options = new ApplyOptions(!yes, purgeData, window, receiveUrl, new LinkedHashSet<>(helmApplied));
        Promfleet.Builder builder = Promfleet.builder().classLoader(ApplyCommand.class.getClassLoader());
        plugins.directories().forEach(builder::pluginDirectory);
        ApplyResult result;
        try (Promfleet promfleet = builder.build(); Journal journal = Journal.open(journalPath)) {
            LiveAuditVerifier verifier = new LiveAuditVerifier(
                    () -> promfleet.audit(live.read(fleet, spec.commandLine().getErr())));
            ApplyEngine engine = new ApplyEngine(new KubeconfigWriterFactory(live.factory()),
                    new DefaultGateChecker(query, ruler, verifier),
                    runHelm ? new HelmProcessRunner(contexts, live.factory().files().size() == 1
                            ? live.factory().files().get(0) : null) : null,
                    Clock.systemUTC(), locale);
            spec.commandLine().getErr().println(texts.get(yes ? "cli.applying" : "cli.apply-dry-run", planFile, journalPath));
            result = engine.apply(plan, contexts, options, journal);
        }
        ApplyExitCodes.print(result, "apply", texts, spec.commandLine().getOut(), spec.commandLine().getErr());
        return ApplyExitCodes.of(result);
    }

    private static Duration positive(Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException("must be more than 0s");
        }
        return d;
    }

    /** An http(s) URL, or a usage error naming the flag; never echoes user info. */
    private URI url(String text, String option) {
        if (text == null) {
            return null;
        }
        return OptionValues.parse(spec, () -> {
            URI uri;
            try {
                uri = new URI(text);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http:// or https:// URL with a host");
            }
            return uri;
        }, option);
    }
}
