package io.promfleet.api;

import io.promfleet.api.plan.Action;
import java.util.List;
import java.util.Set;

/**
 * Turns the findings of some checks into plan {@link io.promfleet.api.plan.Action}s, found with
 * {@link java.util.ServiceLoader}: register it in {@code META-INF/services/io.promfleet.api.Remediator}.
 *
 * <p>A remediator only plans: it returns changes for a person to review and {@code promfleet apply} to make;
 * it never writes to a cluster. It is stateless; the engine orders its actions into phases and clusters and
 * puts the gates between them.
 */
@Experimental(since = "0.1")
public interface Remediator {

    /** A stable id, lower-case words joined by dashes, e.g. {@code receive-missing}. */
    String id();

    /** One sentence saying what it changes. */
    String description();

    /** The check ids whose findings it answers. */
    Set<String> answers();

    /** The version of the plugin that provides it; by default its jar's Implementation-Version. */
    default String version() {
        String version = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return version == null ? "unversioned" : version;
    }

    /**
     * The actions answering {@code findings} (only findings of {@link #answers()}' checks), in the order they
     * would run within a phase and a cluster; empty when nothing needs to change.
     */
    List<Action> plan(RemediationContext context, List<Finding> findings);
}
