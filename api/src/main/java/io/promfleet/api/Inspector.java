package io.promfleet.api;

/**
 * One check of a fleet, found with {@link java.util.ServiceLoader}.
 *
 * <p>An implementation is stateless and cheap to create: the engine may call {@link #inspect} from any
 * thread, once per audit. Register it in {@code META-INF/services/io.promfleet.api.Inspector}.
 */
@Stable(since = "0.1")
public interface Inspector {

    /** The stable check id findings carry, lower-case words joined by dashes, e.g. {@code pod-failed}. */
    String id();

    /** One sentence saying what the check looks for, in English. */
    String description();

    /**
     * {@link #description()} in {@code locale}, for reports written in that language (SARIF rule
     * descriptions, the JSON and JUnit check lists). A check whose texts live in a resource bundle returns
     * its bundle's sentence; by default, and for a language the check does not speak, the English one.
     *
     * @since SPI 1.2
     */
    @Experimental
    default String description(java.util.Locale locale) {
        return description();
    }

    /** The severity of this check's findings unless a finding says otherwise. */
    Severity defaultSeverity();

    /** True when the check needs a live cluster (an offline snapshot cannot answer it). */
    default boolean requiresLiveCluster() {
        return false;
    }

    /**
     * How much of the fleet this check needs in memory at once. {@link InspectionScope#FLEET}, the
     * default, sees everything, as every check did before SPI 1.3; a check that looks at one cluster at a
     * time, or only at the clusters' topology, says so and lets the engine stream a large fleet.
     *
     * @since SPI 1.3
     */
    @Experimental
    default InspectionScope scope() {
        return InspectionScope.FLEET;
    }

    /** The version of the plugin that provides this check; by default its jar's Implementation-Version. */
    default String version() {
        String version = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return version == null ? "unversioned" : version;
    }

    /**
     * Looks at the fleet and reports what it finds through {@code context}. A check that cannot decide
     * for some cluster reports a {@link CoverageGap} rather than guessing.
     */
    void inspect(InspectionContext context);
}
