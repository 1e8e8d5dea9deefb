package io.promfleet.core.plan;

import io.promfleet.api.Remediator;
import io.promfleet.core.plugin.ExtensionKind;
import io.promfleet.core.plugin.ExtensionRegistry;
import io.promfleet.core.plugin.PluginLoader;
import io.promfleet.core.plugin.PluginProblem;
import io.promfleet.core.plugin.RegisteredRemediator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The remediators a plan consults: the built-in ones, found with {@link ServiceLoader}, plus those of the
 * plugins directories ({@link #withPlugins}), by the same rules as the inspectors ({@link ExtensionRegistry}):
 * ids unique and well-formed, a class-path clash fails, a plugin that clashes is left out as a problem.
 */
public final class RemediatorRegistry {

    private final ExtensionRegistry<RegisteredRemediator> registry;
    private final List<Remediator> remediators;

    private RemediatorRegistry(ExtensionRegistry<RegisteredRemediator> registry) {
        this.registry = registry;
        this.remediators = registry.entries().stream().map(RegisteredRemediator::remediator).toList();
    }

    /** Every remediator visible to {@code loader}, sorted by id. */
    public static RemediatorRegistry discover(ClassLoader loader) {
        return new RemediatorRegistry(ExtensionRegistry.discover(ExtensionKind.REMEDIATOR, Remediator.class, loader,
                RemediatorRegistry::builtIn));
    }

    /** {@code remediators}, as built in, sorted by id. */
    public static RemediatorRegistry of(List<Remediator> remediators) {
        return new RemediatorRegistry(ExtensionRegistry.of(ExtensionKind.REMEDIATOR, 
                remediators.stream().map(RemediatorRegistry::builtIn).toList()).sorted());
    }

    private static RegisteredRemediator builtIn(Remediator remediator) {
        return new RegisteredRemediator(remediator, ExtensionRegistry.origin(remediator), true, null);
    }

    /**
     * This registry plus the remediators {@code plugins} loaded; a clashing or malformed one is left out as a
     * problem naming its jar. The loader's own problems are {@link io.promfleet.core.plugin.InspectorRegistry}'s
     * to report, so that each is reported once.
     */
    public RemediatorRegistry withPlugins(PluginLoader.Loaded plugins) {
        return new RemediatorRegistry(registry.withPlugins(plugins.remediators(), List.of()));
    }

    public List<Remediator> remediators() {
        return remediators;
    }

    /** Every remediator with its source jar and whether it is built in, sorted by id. */
    public List<RegisteredRemediator> entries() {
        return registry.entries();
    }

    /** The plugin remediators that were left out. */
    public List<PluginProblem> problems() {
        return registry.problems();
    }
}
