package io.promfleet.api.plan;

import io.promfleet.api.Experimental;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change to a Helm release's values, for a component a chart renders: changing the rendered objects
 * instead would be undone by the next {@code helm upgrade}. promfleet does not run Helm itself unless
 * asked to; {@link #command()} is the command a person (or a pipeline) runs.
 *
 * @param cluster   the cluster
 * @param release   the release name
 * @param namespace the release's namespace
 * @param chart     the chart, e.g. {@code prometheus-community/kube-prometheus-stack}
 * @param chartVersion the installed chart version, kept by the upgrade, or {@code null} when unknown
 * @param set       the values to set, e.g. {@code prometheus.enabled=false}
 * @param previous  the values they had before (for the undo), same keys as {@code set}
 */
@Experimental(since = "0.1")
public record HelmValuesChange(
        String cluster, String release, String namespace, String chart, String chartVersion, Map<String, String> set,
        Map<String, String> previous) implements Change {

    public HelmValuesChange {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(chart, "chart");
        if (set == null || set.isEmpty()) {
            throw new IllegalArgumentException("HelmValuesChange of release " + release + " sets no value");
        }
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        previous = previous == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(previous));
    }

    /** The {@code helm upgrade} that makes the change, keeping every other value of the release. */
    public String command() {
        return upgrade(set);
    }

    /** The {@code helm upgrade} that restores the previous values. */
    public String undoCommand() {
        return upgrade(previous.isEmpty() ? set : previous);
    }

    private String upgrade(Map<String, String> values) {
        StringBuilder command = new StringBuilder("helm --kube-context ").append(cluster).append(" upgrade ")
                .append(release).append(' ').append(chart).append(" --namespace ").append(namespace)
                .append(" --reuse-values");
        if (chartVersion != null) {
            // The installed version: a values change must not upgrade the chart as a side effect.
            command.append(" --version ").append(chartVersion);
        }
        values.forEach((k, v) -> command.append(" --set ").append(k).append('=').append(v));
        return command.toString();
    }

    @Override
    public String summary() {
        return "helm values of release " + namespace + "/" + release + ": " + String.join(", ",
                set.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
