package io.promfleet.core.plugin;

import io.promfleet.core.InputException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The extensions of one {@link ExtensionKind} — built in, added by an embedder, and from plugins — keyed by
 * their ids, which must be unique and well-formed: reports, plans, suppressions and baselines key on them.
 * {@link InspectorRegistry} and {@code RemediatorRegistry} are this, typed.
 *
 * <p>On the class path a clash is an installation error and fails; a plugin that clashes is left out with a
 * {@link PluginProblem} naming its jar and the one it clashes with, and the rest run without it.
 *
 * @param <R> {@link RegisteredInspector} or {@link RegisteredRemediator}
 */
public final class ExtensionRegistry<R extends RegisteredExtension> {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final ExtensionKind kind;
    private final List<R> entries;
    private final List<PluginProblem> problems;

    private ExtensionRegistry(ExtensionKind kind, List<R> entries, List<PluginProblem> problems) {
        this.kind = kind;
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
    }

    /**
     * Every provider of {@code type} visible to {@code loader}, sorted by id.
     *
     * @throws InputException when one cannot be loaded, or ids clash or are malformed
     */
    public static <T, R extends RegisteredExtension> ExtensionRegistry<R> discover(ExtensionKind kind, Class<T> type,
            ClassLoader loader, Function<T, R> wrap) {
        List<R> found = new ArrayList<>();
        try {
            for (T provider : ServiceLoader.load(type, loader)) {
                found.add(wrap.apply(provider));
            }
        } catch (ServiceConfigurationError e) {
            throw new InputException("cannot load " + article(kind) + " plugin: " + e.getMessage(), e);
        }
        return of(kind, found).sorted();
    }

    /**
     * {@code entries} in their order.
     *
     * @throws InputException naming both classes and where they came from when ids clash, or the class when an
     *     id is malformed
     */
    public static <R extends RegisteredExtension> ExtensionRegistry<R> of(ExtensionKind kind, List<R> entries) {
        Map<String, R> byId = new LinkedHashMap<>();
        for (R entry : entries) {
            String id = entry.id();
            if (!validId(id)) {
                throw new InputException(kind.word() + " " + className(entry) + " from " + entry.source()
                        + " has an invalid id '" + id + "' (lower-case words joined by dashes)");
            }
            R previous = byId.putIfAbsent(id, entry);
            if (previous != null) {
                throw new InputException("two " + kind.word() + "s claim the " + kind.idNoun() + " '" + id + "': "
                        + className(previous) + " from " + previous.source() + " and "
                        + className(entry) + " from " + entry.source());
            }
        }
        return new ExtensionRegistry<>(kind, new ArrayList<>(byId.values()), List.of());
    }

    /**
     * This registry plus {@code plugins}, sorted by id. A plugin whose id cannot be read, is malformed, or is
     * taken by a built-in or an earlier plugin (in file-name order) is left out and becomes a problem naming
     * its jar (and the other's); {@code loadProblems}, the loader's, are kept with them.
     */
    public ExtensionRegistry<R> withPlugins(List<R> plugins, List<PluginProblem> loadProblems) {
        Map<String, R> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        List<PluginProblem> allProblems = new ArrayList<>(problems);
        allProblems.addAll(loadProblems);
        for (R plugin : plugins) {
            String id;
            try {
                id = plugin.id();
            } catch (RuntimeException | LinkageError e) {
                allProblems.add(new PluginProblem(plugin.source(), null, className(plugin) + ".id() failed: "
                        + PluginLoader.describe(e)));
                continue;
            }
            if (!validId(id)) {
                allProblems.add(new PluginProblem(plugin.source(), null, kind.word() + " " + className(plugin)
                        + " has an invalid id '" + id + "' (lower-case words joined by dashes)"));
                continue;
            }
            R previous = byId.putIfAbsent(id, plugin);
            if (previous != null) {
                allProblems.add(new PluginProblem(plugin.source(), kind == ExtensionKind.INSPECTOR ? id : null,
                        "its " + kind.word() + " " + className(plugin) + " claims the " + kind.idNoun() + " '" + id
                                + "', which " + (previous.builtIn() ? "the built-in " : "") + className(previous)
                                + " from " + previous.source() + " already has; this one is left out"));
            }
        }
        List<R> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(RegisteredExtension::id));
        return new ExtensionRegistry<>(kind, sorted, allProblems);
    }

    /** The same entries sorted by id (each known to be valid by now). */
    public ExtensionRegistry<R> sorted() {
        List<R> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(RegisteredExtension::id));
        return new ExtensionRegistry<>(kind, sorted, problems);
    }

    private static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String className(RegisteredExtension entry) {
        return entry.provider().getClass().getName();
    }

    private static String article(ExtensionKind kind) {
        return (kind.word().startsWith("i") ? "an " : "a ") + kind.word();
    }

    /** The jar or directory a plugin class came from. */
    public static String origin(Object provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "(unknown)" : source.getLocation().toString();
    }

    public ExtensionKind kind() {
        return kind;
    }

    /** Every extension with its source and whether it is built in. */
    public List<R> entries() {
        return entries;
    }

    /** The plugins, or extensions of plugins, that could not be registered. */
    public List<PluginProblem> problems() {
        return problems;
    }
}
