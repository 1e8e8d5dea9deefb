package io.promfleet.cli.plugins;

import io.promfleet.api.Remediator;
import io.promfleet.core.Promfleet;
import io.promfleet.core.plugin.InspectorRegistry;
import io.promfleet.core.plugin.PluginProblem;
import io.promfleet.core.plugin.RegisteredInspector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code promfleet plugins}: every check an audit would run, and every plugin that could not load. */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description = {
            "Lists every inspector an audit runs: id, version, built in or plugin, and the jar it comes from.",
            "Then every remediator a plan consults: id, version, the check ids it answers, and its jar.",
            "Plugins that could not be loaded are listed after, each naming its jar.",
            "Exit codes: 0 every plugin loaded; 1 some could not (the audit runs without them)."
        })
public final class PluginsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private PluginOptions plugins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Promfleet.Builder builder = Promfleet.builder().classLoader(PluginsCommand.class.getClassLoader());
        plugins.directories().forEach(builder::pluginDirectory);
        try (Promfleet promfleet = builder.build()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "VERSION", "ORIGIN", "SOURCE"});
            for (RegisteredInspector inspector : promfleet.inspectors()) {
                rows.add(new String[] {inspector.id(), inspector.version(),
                    inspector.builtIn() ? "built-in" : "plugin", inspector.source()});
            }
            print(out, rows);
            if (!promfleet.remediators().isEmpty()) {
                out.println();
                List<String[]> remediators = new ArrayList<>();
                remediators.add(new String[] {"REMEDIATOR", "VERSION", "ANSWERS", "SOURCE"});
                for (Remediator r : promfleet.remediators()) {
                    remediators.add(new String[] {r.id(), r.version(), String.join(",", new TreeSet<>(r.answers())),
                        InspectorRegistry.origin(r)});
                }
                print(out, remediators);
            }
            List<PluginProblem> problems = promfleet.pluginProblems();
            if (!problems.isEmpty()) {
                out.println();
                out.println("Not loaded (" + problems.size() + "):");
                problems.forEach(p -> out.println("  " + p));
            }
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        }
    }

    private static void print(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
