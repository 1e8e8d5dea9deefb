package io.promfleet.cli;

import io.promfleet.cli.apply.ApplyCommand;
import io.promfleet.cli.audit.AuditCommand;
import io.promfleet.cli.live.SnapshotCommand;
import io.promfleet.cli.plan.PlanCommand;
import io.promfleet.cli.plugins.PluginsCommand;
import io.promfleet.cli.proxy.ProxyCommand;
import io.promfleet.cli.rollback.RollbackCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code promfleet} launcher: one subcommand per capability. */
@Command(
        name = "promfleet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Audits, remediates and relays multi-cluster Prometheus to Thanos monitoring fleets.",
        subcommands = {AuditCommand.class, PlanCommand.class, ApplyCommand.class, RollbackCommand.class, SnapshotCommand.class,
            PluginsCommand.class, ProxyCommand.class,
            // `source <(promfleet generate-completion)` in bash or zsh completes subcommands and options.
            picocli.AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class})
public final class PromfleetCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Exit code for usage and input errors, as design.md's CLI contract fixes it (picocli uses 2 for usage errors too). */
    public static final int EXIT_INPUT_ERROR = 2;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new PromfleetCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        // Reports are UTF-8 (Korean headings) whatever the platform charset, which on Java 17 may be ASCII.
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        return cli;
    }
}
