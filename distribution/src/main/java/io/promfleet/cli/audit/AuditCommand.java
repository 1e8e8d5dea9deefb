package io.promfleet.cli.audit;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
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
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.LiveFleetStream;
import io.promfleet.core.live.RemoteWriteProbe;
import io.promfleet.core.plugin.RegisteredInspector;
import io.promfleet.core.report.Language;
import io.promfleet.core.report.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code promfleet audit}: design.md's contract, exit 0 (clean), 1 (--fail-on reached), 2 (bad input). */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Audits a fleet of Prometheus/Thanos clusters and writes a report.",
            "Exit codes: 0 no finding reaches --fail-on; 1 one does; 2 usage or input error."
        })
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--fleet", required = true, paramLabel = "FLEET.yaml",
            description = "The fleet file: its clusters, their roles and snapshot directories.")
    private Path fleetFile;

    @Option(names = "--live", description = "Read the clusters through the Kubernetes API (each cluster's kubeconfig "
            + "context, list and get only) instead of snapshots; an unreachable cluster is a cluster-unreachable finding.")
    private boolean live;

    @Option(names = "--probe", description = "With --live: from inside each edge agent's pod (pods/exec), ask each "
            + "remote-write endpoint's /-/ready, and report what the edge sees (DNS, refused, TLS, HTTP status).")
    private boolean probe;

    @Option(names = "--format", paramLabel = "md|json|html|sarif|junit", defaultValue = "md",
            description = "Report format: md (Markdown), json, html (self-contained, with the topology drawn), "
                    + "sarif (code scanning) or junit (CI test results); several separated by commas with "
                    + "--output-dir, e.g. html,json. Default: ${DEFAULT-VALUE}.")
    private String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of to standard output.")
    private Path output;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write each format's report into this directory as promfleet-audit.<ext> "
                    + "(created when missing); needed for several formats.")
    private Path outputDir;

    @Option(names = "--lang", paramLabel = "en|ko",
            description = "Report language. Default: the system locale's (Korean for ko, English otherwise).")
    private String lang;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is this severe or more (critical, high, medium, low, info). Default: never.")
    private String failOn;

    @Option(names = {"-v", "--verbose"},
            description = "Say on standard error which checks run: id, version and the jar each comes from.")
    private boolean verbose;

    @CommandLine.Mixin
    private CheckTimeoutOption checkTimeout;

    @CommandLine.Mixin
    private PriceOptions prices;

    @CommandLine.Mixin
    private PluginOptions plugins;

    @CommandLine.Mixin
    private BaselineOptions baseline;

    @CommandLine.Mixin
    private LiveOptions liveOptions;

    @Override
    public Integer call() throws IOException {
        List<ReportFormat> formats = OptionValues.parse(spec, () -> ReportFormat.parseList(format), "--format");
        if (output != null && outputDir != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output and --output-dir: give one of them");
        }
        if (formats.size() > 1 && outputDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format " + format + ": several formats need --output-dir DIR");
        }
        Language language = lang == null ? Language.of(Locale.getDefault()) : OptionValues.parse(spec, () -> Language.parse(lang), "--lang");
        Severity threshold = failOn == null ? null : OptionValues.parse(spec, () -> Severity.parse(failOn), "--fail-on");
        Map<String, String> conf = new TreeMap<>(Conf.load());
        Duration timeout = checkTimeout.resolve(spec, conf);
        conf.remove(Conf.CHECK_TIMEOUT);
        // conf/ gives the defaults; options given on the command line win.
        Map<String, String> values = new TreeMap<>(conf);
        values.putAll(prices.toSettings().values());
        // The checks write their findings' texts in the report's language (InspectionContext.locale()).
        values.put(InspectionContext.LANGUAGE_SETTING, language.locale().toLanguageTag());
        Settings settings = new Settings(values);
        if (probe && !live) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--probe: needs --live (it runs inside the edges' pods)");
        }
        FleetSpec fleetSpec = new FleetFileParser().parse(fleetFile);
        fleetSpec.warnings().forEach(w -> spec.commandLine().getErr().println("promfleet: warning: " + w));
        // Live: every cluster read through its kubeconfig context, as the audit asks for it; offline: every
        // snapshot directory, which the engine reads itself. Either way one cluster at a time (a large fleet
        // need not fit the heap).
        LiveFleetStream liveFleet = live ? OptionValues.parse(spec, () -> liveOptions.stream(fleetSpec,
                spec.commandLine().getErr(), language.locale(), probe), "--live") : null;
        Promfleet.Builder builder = Promfleet.builder().classLoader(AuditCommand.class.getClassLoader())
                .settings(settings).checkTimeout(timeout);
        plugins.directories().forEach(builder::pluginDirectory);
        AuditReport report;
        try (Promfleet promfleet = builder.build()) {
            if (promfleet.inspectors().stream().noneMatch(RegisteredInspector::builtIn)) {
                throw new InputException("no built-in inspectors found on the class path: the installation is incomplete");
            }
            // A broken plugin does not stop the audit: it is said here and listed in the report as a gap.
            PluginOptions.tell(promfleet, spec.commandLine().getErr());
            // Said because a fleet that fits the heap today may not tomorrow: the operator should know which jar to upgrade.
            promfleet.fleetScopedChecks().forEach(w -> spec.commandLine().getErr().println("promfleet: " + w.message()));
            if (verbose) {
                promfleet.inspectors().forEach(i -> spec.commandLine().getErr().println("promfleet: check " + i.id()
                        + " " + i.version() + (i.builtIn() ? " built-in" : " plugin") + " from " + i.source()));
            }
            AuditReport audited = live ? promfleet.audit(liveFleet) : promfleet.audit(fleetSpec);
            if (probe) {
                // What each edge agent sees of its remote-write endpoints, asked from inside its pod as it was read.
                audited = RemoteWriteProbe.attach(audited, liveFleet.probes(), fleetSpec, language.locale());
            }
            report = baseline.apply(audited, spec.commandLine().getErr());
        }
        if (outputDir != null) {
            writeAll(report, formats, language);
        } else {
            write(report, formats.get(0), language);
        }
        return threshold != null && report.hasFindingAtLeast(threshold) ? 1 : 0;
    }

    private void write(AuditReport report, ReportFormat reportFormat, Language language) throws IOException {
        if (output == null) {
            // The command line's writer, not System.out, so that embedders and tests can capture the report.
            PrintWriter out = spec.commandLine().getOut();
            reportFormat.writer().write(report, language, out);
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
        StringWriter buffer = new StringWriter();
        reportFormat.writer().write(report, language, buffer);
        OutputFiles.writeAtomically(target, buffer.toString(), "--output " + output);
        spec.commandLine().getErr().println("promfleet: wrote " + reportFormat.id() + " report to " + output);
    }

    private void writeAll(AuditReport report, List<ReportFormat> formats, Language language) throws IOException {
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new InputException("--output-dir " + outputDir + ": cannot create the directory: " + e, e);
        }
        for (ReportFormat reportFormat : formats) {
            Path target = outputDir.resolve(reportFormat.fileName());
            StringWriter buffer = new StringWriter();
            reportFormat.writer().write(report, language, buffer);
            OutputFiles.writeAtomically(target, buffer.toString(), "--output-dir " + outputDir);
            spec.commandLine().getErr().println("promfleet: wrote " + reportFormat.id() + " report to " + target);
        }
    }
}
