package io.promfleet.core.plugin;

import io.promfleet.api.Inspector;
import io.promfleet.core.InputException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The inspectors of an audit: the built-in ones, found with {@link ServiceLoader} on the host's class
 * path, plus those of the plugins directories ({@link #withPlugins}). Ids must be unique and well-formed,
 * since reports, suppressions and baselines are keyed by them.
 *
 * <p>On the class path a clash is an installation error and fails; a plugin that clashes is left out
 * with a {@link PluginProblem} naming its jar, and the audit runs without it.
 */
public final class InspectorRegistry {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final List<Inspector> inspectors;
    private final List<RegisteredInspector> entries;
    private final List<PluginProblem> problems;

    private InspectorRegistry(List<Inspector> inspectors) {
        this(inspectors.stream().map(i -> new RegisteredInspector(i, origin(i), true, null)).toList(), List.of());
    }

    private InspectorRegistry(List<RegisteredInspector> entries, List<PluginProblem> problems) {
        this.entries = List.copyOf(entries);
        this.inspectors = this.entries.stream().map(RegisteredInspector::inspector).toList();
        this.problems = List.copyOf(problems);
    }

    /** Discovers every inspector visible to {@code loader}. */
    public static InspectorRegistry discover(ClassLoader loader) {
        Map<String, Inspector> byId = new LinkedHashMap<>();
        try {
            for (Inspector inspector : ServiceLoader.load(Inspector.class, loader)) {
                register(byId, inspector);
            }
        } catch (ServiceConfigurationError e) {
            throw new InputException("cannot load an inspector plugin: " + e.getMessage(), e);
        }
        List<Inspector> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(Inspector::id));
        return new InspectorRegistry(sorted);
    }

    public static InspectorRegistry of(List<Inspector> inspectors) {
        Map<String, Inspector> byId = new LinkedHashMap<>();
        inspectors.forEach(i -> register(byId, i));
        return new InspectorRegistry(new ArrayList<>(byId.values()));
    }

    private static void register(Map<String, Inspector> byId, Inspector inspector) {
        String id = inspector.id();
        if (id == null || !ID.matcher(id).matches()) {
            throw new InputException("inspector " + inspector.getClass().getName() + " from " + origin(inspector)
                    + " has an invalid id '" + id + "' (lower-case words joined by dashes)");
        }
        Inspector previous = byId.putIfAbsent(id, inspector);
        if (previous != null) {
            throw new InputException("two inspectors claim the check id '" + id + "': "
                    + previous.getClass().getName() + " from " + origin(previous) + " and "
                    + inspector.getClass().getName() + " from " + origin(inspector));
        }
    }

    /**
     * This registry plus the inspectors {@code plugins} loaded. A plugin inspector whose id is malformed,
     * or taken by a built-in check or an earlier plugin (in file-name order), is left out and becomes a
     * problem naming both jars; the rest are kept, sorted by id with the others.
     */
    public InspectorRegistry withPlugins(PluginLoader.Loaded plugins) {
        Map<String, RegisteredInspector> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        List<PluginProblem> allProblems = new ArrayList<>(problems);
        allProblems.addAll(plugins.problems());
        for (RegisteredInspector plugin : plugins.inspectors()) {
            String id;
            try {
                id = plugin.inspector().id();
            } catch (RuntimeException | LinkageError e) {
                allProblems.add(new PluginProblem(plugin.source(), null, plugin.inspector().getClass().getName()
                        + ".id() failed: " + PluginLoader.describe(e)));
                continue;
            }
            if (id == null || !ID.matcher(id).matches()) {
                allProblems.add(new PluginProblem(plugin.source(), null, "inspector "
                        + plugin.inspector().getClass().getName() + " has an invalid id '" + id
                        + "' (lower-case words joined by dashes)"));
                continue;
            }
            RegisteredInspector previous = byId.putIfAbsent(id, plugin);
            if (previous != null) {
                allProblems.add(new PluginProblem(plugin.source(), id, "its inspector "
                        + plugin.inspector().getClass().getName() + " claims the check id '" + id + "', which "
                        + (previous.builtIn() ? "the built-in " : "") + previous.inspector().getClass().getName()
                        + " from " + previous.source() + " already has; this one is left out"));
            }
        }
        List<RegisteredInspector> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(RegisteredInspector::id));
        return new InspectorRegistry(sorted, allProblems);
    }

    /** The jar or directory a plugin class came from. */
    public static String origin(Object plugin) {
        CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "(unknown)" : source.getLocation().toString();
    }

    public List<Inspector> inspectors() {
        return inspectors;
    }

    /** Every inspector with its source jar and whether it is built in, sorted like {@link #inspectors()}. */
    public List<RegisteredInspector> entries() {
        return entries;
    }

    /** The plugins, or checks of plugins, that could not be loaded. */
    public List<PluginProblem> problems() {
        return problems;
    }
}
