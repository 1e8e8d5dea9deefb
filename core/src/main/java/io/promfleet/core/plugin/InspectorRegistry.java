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
 * Finds inspectors with {@link ServiceLoader}: the built-in ones and any plugin on the class path. Ids
 * must be unique and well-formed, since reports, suppressions and baselines are keyed by them.
 */
public final class InspectorRegistry {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final List<Inspector> inspectors;

    private InspectorRegistry(List<Inspector> inspectors) {
        this.inspectors = List.copyOf(inspectors);
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

    /** The jar or directory a plugin class came from. */
    public static String origin(Object plugin) {
        CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "(unknown)" : source.getLocation().toString();
    }

    public List<Inspector> inspectors() {
        return inspectors;
    }
}
