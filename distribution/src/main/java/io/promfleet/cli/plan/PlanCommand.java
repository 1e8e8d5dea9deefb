package io.promfleet.cli.plan;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Settings;
import io.promfleet.api.model.PromDuration;
import io.promfleet.cli.CheckTimeoutOption;
import io.promfleet.cli.Conf;
import io.promfleet.cli.OptionValues;
import io.promfleet.cli.OutputFiles;
import io.promfleet.cli.live.LiveOptions;
import io.promfleet.cli.plugins.PluginOptions;
import io.promfleet.core.InputException;
import io.promfleet.core.Promfleet;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.LiveFleet;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanJsonWriter;
import io.promfleet.core.plan.PlanMarkdownWriter;
import io.promfleet.core.report.Language;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code promfleet plan}: audits the fleet and writes the remediation plan — Markdown to review, JSON for
 * {@code apply --plan}. Changes nothing. Exit 0 with a plan, 2 on usage or input errors.
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Audits a fleet and writes the phased remediation plan: deploy Receive, repoint remote-write, gate on "
                    + "the central receiving every edge, move the edges' rules, remove duplicates one cluster at a "
                    + "time, verify. Changes nothing: review the plan, then apply it.",
            "Exit codes: 0 plan written; 2 usage or input error."
        })
public final class PlanCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--fleet", required = true, paramLabel = "FLEET.yaml",
            description = "The fleet file: its clusters, their roles and snapshot directories.")
    private Path fleetFile;

    @Option(names = "--live", description = "Read the clusters through the Kubernetes API (list and get only) "
            + "instead of snapshots.")
    private boolean live;

    @Option(names = "--format", paramLabel = "md|json", defaultValue = "md",
            description = "md (the reviewable plan) or json (what `apply --plan` reads). Default: ${DEFAULT-VALUE}.")
    private String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the plan here instead of to standard output.")
    private Path output;

    @Option(names = "--lang", paramLabel = "en|ko",
            description = "Language of the Markdown plan. Default: the system locale's (Korean for ko, English otherwise).")
    private String lang;

    @Option(names = "--gate-window", paramLabel = "DURATION", defaultValue = "2h",
            description = "How long the central must have received an edge before that edge's duplicates are "
                    + "removed. Default: ${DEFAULT-VALUE}.")
    private String gateWindow;

    @Option(names = "--receive-url", paramLabel = "URL",
            description = "The remote-write URL the edges reach the central Receive at, when known (e.g. behind an "
                    + "Ingress). Default: the planned LoadBalancer's address, resolved when it exists.")
    private String receiveUrl;

    @Option(names = "--purge-data", description = "Delete the removed servers' volumes after their gates passed. "
            + "Default: volumes are kept.")
    private boolean purgeData;

    @CommandLine.Mixin
    private CheckTimeoutOption checkTimeout;

    @CommandLine.Mixin
    private PluginOptions plugins;

    @CommandLine.Mixin
    private LiveOptions liveOptions;

    @Override
    public Integer call() throws IOException {
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        if (!fmt.equals("md") && !fmt.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format + ": md or json");
        }
        Language language = lang == null ? Language.of(Locale.getDefault()) : OptionValues.parse(spec, () -> Language.parse(lang), "--lang");
        Duration window = OptionValues.parse(spec, () -> PromDuration.parse(gateWindow), "--gate-window");
        if (window.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gate-window: must be more than 0s");
        }
        Map<String, String> values = new TreeMap<>(Conf.load());
        Duration timeout = checkTimeout.resolve(spec, values);
        values.remove(Conf.CHECK_TIMEOUT);
        values.put(InspectionContext.LANGUAGE_SETTING, language.locale().toLanguageTag());
        values.put(RemediationContext.GATE_WINDOW_SETTING, gateWindow);
        values.put(RemediationContext.PURGE_DATA_SETTING, Boolean.toString(purgeData));
        if (receiveUrl != null) {
            values.put(RemediationContext.RECEIVE_URL_SETTING, receiveUrl);
        }
        FleetSpec fleetSpec = new FleetFileParser().parse(fleetFile);
        fleetSpec.warnings().forEach(w -> spec.commandLine().getErr().println("promfleet: warning: " + w));
        Promfleet.Builder builder = Promfleet.builder().classLoader(PlanCommand.class.getClassLoader())
                .settings(new Settings(values)).checkTimeout(timeout);
        plugins.directories().forEach(builder::pluginDirectory);
        Plan plan;
        try (Promfleet promfleet = builder.build()) {
            if (promfleet.remediators().isEmpty()) {
                throw new InputException("no remediators found on the class path: the installation is incomplete");
            }
            PluginOptions.tell(promfleet, spec.commandLine().getErr());
            AuditReport report;
            if (live) {
                LiveFleet liveFleet = OptionValues.parse(spec, () -> liveOptions.read(fleetSpec, spec.commandLine().getErr(), language.locale()), "--live");
                report = promfleet.audit(liveFleet);
            } else {
                report = promfleet.audit(FleetLoader.load(fleetSpec));
            }
            plan = promfleet.plan(report);
        }
        StringWriter buffer = new StringWriter();
        if (fmt.equals("json")) {
            new PlanJsonWriter().write(plan, buffer);
        } else {
            new PlanMarkdownWriter().write(plan, language, buffer);
        }
        write(buffer.toString());
        return 0;
    }

    private void write(String text) throws IOException {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        Path target = output.toAbsolutePath();
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new InputException("--output " + output + ": directory " + target.getParent() + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new InputException("--output " + output + ": is a directory");
        }
        OutputFiles.writeAtomically(target, text, "--output " + output);
        spec.commandLine().getErr().println("promfleet: wrote the plan to " + output);
    }
}
