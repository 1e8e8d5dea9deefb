package io.promfleet.cli.rollback;

import io.promfleet.cli.apply.ApplyExitCodes;
import io.promfleet.cli.apply.ApplyLanguageOption;
import io.promfleet.cli.live.LiveOptions;
import io.promfleet.core.InputException;
import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.ApplyTexts;
import io.promfleet.core.apply.HelmProcessRunner;
import io.promfleet.core.apply.Journal;
import io.promfleet.core.apply.JournalEntry;
import io.promfleet.core.apply.KubeconfigWriterFactory;
import io.promfleet.core.apply.RollbackEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code promfleet rollback JOURNAL}: restores what an apply changed, newest first, dry-run unless {@code --yes}. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Restores every object an apply changed to its journaled before-state, newest change first: deletes "
                    + "what was created, recreates what was deleted, replaces what was changed. Dry run "
                    + "(server-side dryRun=All) unless --yes. Journals itself in the same file; run it again to "
                    + "finish an interrupted rollback. The clusters are reached through the contexts the journal names.",
            ApplyExitCodes.DESCRIPTION
        })
public final class RollbackCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL", description = "The journal apply wrote.")
    private Path journalFile;

    @Option(names = "--yes", description = "Make the changes. Without it, every write is a server-side dry run.")
    private boolean yes;

    @Option(names = "--run-helm", description = "Run `helm upgrade` to restore Helm values (helm from the PATH). "
            + "Without it, the commands to run are listed.")
    private boolean runHelm;

    @CommandLine.Mixin
    private ApplyLanguageOption lang;

    @CommandLine.Mixin
    private LiveOptions live;

    @Override
    public Integer call() {
        Locale locale = lang.resolve(spec);
        ApplyTexts texts = new ApplyTexts(locale);
        if (!Files.isRegularFile(journalFile)) {
            throw new InputException(journalFile + ": no such journal");
        }
        ApplyResult result;
        try (Journal journal = Journal.open(journalFile)) {
            Map<String, String> contexts = new LinkedHashMap<>();
            journal.entries().stream().filter(e -> e.type() == JournalEntry.Type.RUN && e.contexts() != null)
                    .forEach(e -> contexts.putAll(e.contexts()));
            if (journal.entries().stream().noneMatch(e -> e.type() == JournalEntry.Type.RUN)) {
                throw new InputException(journalFile + ": records no apply run; is it a promfleet journal?");
            }
            RollbackEngine engine = new RollbackEngine(new KubeconfigWriterFactory(live.factory()),
                    runHelm ? new HelmProcessRunner(contexts, live.factory().files().size() == 1
                            ? live.factory().files().get(0) : null) : null, Clock.systemUTC(), locale);
            spec.commandLine().getErr().println(texts.get(yes ? "cli.rolling-back" : "cli.rollback-dry-run", journalFile));
            result = engine.rollback(journal, !yes);
        }
        ApplyExitCodes.print(result, "rollback", texts, spec.commandLine().getOut(), spec.commandLine().getErr());
        return ApplyExitCodes.of(result);
    }
}
