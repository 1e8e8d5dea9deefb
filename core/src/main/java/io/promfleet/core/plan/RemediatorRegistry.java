package io.promfleet.core.plan;

import io.promfleet.api.Remediator;
import io.promfleet.core.InputException;
import io.promfleet.core.plugin.InspectorRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** The remediators a plan consults, found with {@link ServiceLoader}; ids must be unique and well-formed. */
public final class RemediatorRegistry {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final List<Remediator> remediators;

    private RemediatorRegistry(List<Remediator> remediators) {
        this.remediators = List.copyOf(remediators);
    }

    /** Every remediator visible to {@code loader}, sorted by id. */
    public static RemediatorRegistry discover(ClassLoader loader) {
        List<Remediator> found = new ArrayList<>();
        try {
            ServiceLoader.load(Remediator.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new InputException("cannot load a remediator: " + e.getMessage(), e);
        }
        return of(found);
    }

    public static RemediatorRegistry of(List<Remediator> remediators) {
        Map<String, Remediator> byId = new LinkedHashMap<>();
        for (Remediator r : remediators) {
            if (r.id() == null || !ID.matcher(r.id()).matches()) {
                throw new InputException("remediator " + r.getClass().getName() + " from " + InspectorRegistry.origin(r)
                        + " has an invalid id '" + r.id() + "' (lower-case words joined by dashes)");
            }
            Remediator previous = byId.putIfAbsent(r.id(), r);
            if (previous != null) {
                throw new InputException("two remediators claim the id '" + r.id() + "': "
                        + previous.getClass().getName() + " and " + r.getClass().getName());
            }
        }
        List<Remediator> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(Remediator::id));
        return new RemediatorRegistry(sorted);
    }

    public List<Remediator> remediators() {
        return remediators;
    }
}
