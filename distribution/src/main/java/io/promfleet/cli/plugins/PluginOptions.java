package io.promfleet.cli.plugins;

import io.promfleet.core.Promfleet;
import io.promfleet.core.plugin.PluginProblem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --plugins DIR}: where plugin jars are loaded from, each in an isolated class loader. */
public final class PluginOptions {

    /** Set by bin/promfleet to the distribution's root. */
    public static final String HOME_PROPERTY = "promfleet.home";

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load plugin jars from DIR (repeatable). Default: the distribution's plugins/ directory.")
    private List<Path> directories = new ArrayList<>();

    /** The directories given, or the distribution's {@code plugins/} when none is and it exists. */
    public List<Path> directories() {
        if (!directories.isEmpty()) {
            return List.copyOf(directories);
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            return List.of();
        }
        Path plugins = Path.of(home, "plugins");
        return Files.isDirectory(plugins) ? List.of(plugins) : List.of();
    }

    /**
     * Says on {@code err} each plugin jar that did not load (the run goes on without it; the report or plan
     * lists it too) and each questionable one: the operator sees them before reading the output.
     */
    public static void tell(Promfleet promfleet, PrintWriter err) {
        for (PluginProblem problem : promfleet.pluginProblems()) {
            err.println("promfleet: plugin not loaded: " + problem);
        }
        promfleet.pluginWarnings().forEach(w -> err.println("promfleet: plugin warning: " + w));
    }
}
