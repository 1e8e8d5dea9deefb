package io.promfleet.core.plugin;

import io.promfleet.api.Inspector;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The inspectors of an audit: the built-in ones, found with {@link ServiceLoader} on the host's class
 * path, plus those of the plugins directories ({@link #withPlugins}). Ids must be unique and well-formed,
 * since reports, suppressions and baselines are keyed by them; {@link ExtensionRegistry} holds the rules.
 *
 * <p>On the class path a clash is an installation error and fails; a plugin that clashes is left out
 * with a {@link PluginProblem} naming its jar, and the audit runs without it.
 */
public final class InspectorRegistry {

    private final ExtensionRegistry<RegisteredInspector> registry;
    private final List<Inspector> inspectors;

    private InspectorRegistry(ExtensionRegistry<RegisteredInspector> registry) {
        this.registry = registry;
        this.inspectors = registry.entries().stream().map(RegisteredInspector::inspector).toList();
    }

    /** Discovers every inspector visible to {@code loader}, sorted by id. */
    public static InspectorRegistry discover(ClassLoader loader) {
        return new InspectorRegistry(ExtensionRegistry.discover(ExtensionKind.INSPECTOR, Inspector.class, loader,
                InspectorRegistry::builtIn));
    }

    /** {@code inspectors} in their order, as built in. */
    public static InspectorRegistry of(List<Inspector> inspectors) {
        return new InspectorRegistry(ExtensionRegistry.of(ExtensionKind.INSPECTOR,
                inspectors.stream().map(InspectorRegistry::builtIn).toList()));
    }

    private static RegisteredInspector builtIn(Inspector inspector) {
        return new RegisteredInspector(inspector, origin(inspector), true, null);
    }

    /**
     * This registry plus the inspectors {@code plugins} loaded, and the problems the loader met. A plugin
     * inspector whose id is malformed, or taken by a built-in check or an earlier plugin (in file-name order),
     * is left out and becomes a problem naming both jars; the rest are kept, sorted by id with the others.
     */
    public InspectorRegistry withPlugins(PluginLoader.Loaded plugins) {
        return new InspectorRegistry(registry.withPlugins(plugins.inspectors(), plugins.problems()));
    }

    /** The jar or directory a plugin class came from. */
    public static String origin(Object plugin) {
        return ExtensionRegistry.origin(plugin);
    }

    public List<Inspector> inspectors() {
        return inspectors;
    }

    /** Every inspector with its source jar and whether it is built in, sorted like {@link #inspectors()}. */
    public List<RegisteredInspector> entries() {
        return registry.entries();
    }

    /** The plugins, or checks of plugins, that could not be loaded (of any kind: the loader's problems too). */
    public List<PluginProblem> problems() {
        return registry.problems();
    }
}
