package io.promfleet.cli.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.promfleet.api.SpiVersion;
import io.promfleet.core.Promfleet;
import io.promfleet.core.plugin.PluginProblem;
import io.promfleet.core.plugin.PluginWarning;
import io.promfleet.core.plugin.RegisteredExtension;
import io.promfleet.core.plugin.RegisteredRemediator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code promfleet plugins}: every inspector and remediator found, and every plugin that could not load. */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description = {
            "Lists every inspector an audit runs and every remediator a plan consults: kind, id, version,",
            "built in or plugin, the jar it comes from, and (for a remediator) the check ids it answers.",
            "Then the warnings about plugins loaded anyway (e.g. no Promfleet-Spi-Version in the manifest)",
            "and the plugins that could not be loaded, each naming its jar.",
            "Exit codes: 0 every plugin loaded; 1 some could not (audit and plan run without them)."
        })
public final class PluginsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private PluginOptions plugins;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (a table, the default) or json (for scripts).")
    private String format;

    @Override
    public Integer call() {
        boolean json = switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format " + format + ": text or json");
        };
        PrintWriter out = spec.commandLine().getOut();
        Promfleet.Builder builder = Promfleet.builder().classLoader(PluginsCommand.class.getClassLoader());
        plugins.directories().forEach(builder::pluginDirectory);
        try (Promfleet promfleet = builder.build()) {
            if (json) {
                json(out, promfleet);
            } else {
                text(out, promfleet);
            }
            out.flush();
            return promfleet.pluginProblems().isEmpty() ? 0 : 1;
        }
    }

    private static void text(PrintWriter out, Promfleet promfleet) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "ID", "VERSION", "ORIGIN", "SOURCE", "ANSWERS"});
        for (RegisteredExtension e : promfleet.extensions()) {
            rows.add(new String[] {e.kind().word(), e.id(), e.version(), e.builtIn() ? "built-in" : "plugin",
                e.source(), e instanceof RegisteredRemediator r ? String.join(",", r.answers()) : ""});
        }
        print(out, rows);
        List<PluginWarning> warnings = promfleet.pluginWarnings();
        if (!warnings.isEmpty()) {
            out.println();
            out.println("Warnings (" + warnings.size() + "):");
            warnings.forEach(w -> out.println("  " + w));
        }
        List<PluginProblem> problems = promfleet.pluginProblems();
        if (!problems.isEmpty()) {
            out.println();
            out.println("Not loaded (" + problems.size() + "):");
            problems.forEach(p -> out.println("  " + p));
        }
    }

    private static void json(PrintWriter out, Promfleet promfleet) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spiVersion", SpiVersion.current());
        List<Object> extensions = new ArrayList<>();
        for (RegisteredExtension e : promfleet.extensions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", e.kind().word());
            entry.put("id", e.id());
            entry.put("version", e.version());
            entry.put("builtIn", e.builtIn());
            entry.put("source", e.source());
            entry.put("spiVersion", e.spiVersion());
            if (e instanceof RegisteredRemediator r) {
                entry.put("answers", r.answers());
            }
            extensions.add(entry);
        }
        root.put("extensions", extensions);
        List<Object> warnings = new ArrayList<>();
        promfleet.pluginWarnings().forEach(w -> warnings.add(Map.of("source", w.source(), "message", w.message())));
        root.put("warnings", warnings);
        List<Object> problems = new ArrayList<>();
        for (PluginProblem p : promfleet.pluginProblems()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", p.source());
            entry.put("check", p.check());
            entry.put("message", p.message());
            problems.add(entry);
        }
        root.put("notLoaded", problems);
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
