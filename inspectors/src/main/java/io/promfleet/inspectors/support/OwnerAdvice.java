package io.promfleet.inspectors.support;

import io.promfleet.api.Finding;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.topology.Owner;
import io.promfleet.api.topology.OwnerType;
import io.promfleet.api.topology.WorkloadRef;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to remove a component given who manages it. The seed fleet's hand-written removal script deleted
 * operator-owned StatefulSets, which the Prometheus Operator recreates within seconds from the owning
 * resource: the change must be made where the component is declared — the operator resource, or the Helm
 * values that render it (else the next {@code helm upgrade} brings it back).
 */
public final class OwnerAdvice {

    /** A component the checks advise removing, with the chart values that switch it off. */
    public enum Component {
        PROMETHEUS("prometheus.enabled=false", "server.enabled=false", null),
        ALERTMANAGER("alertmanager.enabled=false", "alertmanager.enabled=false", "alertmanager");

        private final String kubePrometheusStackValue;
        private final String prometheusChartValue;
        /** The component's own chart, which may be installed as a release of its own, or as a subchart. */
        private final String chartName;

        Component(String kubePrometheusStackValue, String prometheusChartValue, String chartName) {
            this.kubePrometheusStackValue = kubePrometheusStackValue;
            this.prometheusChartValue = prometheusChartValue;
            this.chartName = chartName;
        }

        /** The value switching the component off in {@code chart} (kube-prometheus-stack's when unknown). */
        String value(String chart) {
            return "prometheus".equals(chart) ? prometheusChartValue : kubePrometheusStackValue;
        }
    }

    /** {@code helm.sh/chart: kube-prometheus-stack-45.7.1} names the chart, then its version. */
    private static final Pattern CHART_LABEL = Pattern.compile("(.+?)-v?\\d[0-9A-Za-z.+_-]*");

    private OwnerAdvice() {}

    /**
     * Points {@code finding} at the object that must change: the operator resource for an
     * operator-managed component, the workload otherwise.
     */
    public static Finding.Builder pointAtOwner(Finding.Builder finding, Owner owner, WorkloadRef workload) {
        if (owner.type() == OwnerType.OPERATOR) {
            return finding.object(owner.namespace(), owner.kind(), owner.name());
        }
        return finding.object(workload.namespace(), workload.kind(), workload.name());
    }

    /**
     * The sentences saying how to remove the component.
     *
     * @param cluster   the cluster it runs in, to read the chart that installed it
     * @param owner     who manages it
     * @param workload  its workload
     * @param component what it is, which decides the chart value that switches it off
     */
    public static String removal(Cluster cluster, Owner owner, WorkloadRef workload, Component component) {
        String release = owner.helmRelease();
        Optional<String> chart = chart(cluster, owner, workload);
        String helmValue = "`" + component.value(chart.orElse(null)) + "`";
        String values = "Set " + helmValue + " in the values of Helm release `" + release + "` (namespace "
                + owner.namespace() + (chart.map(c -> ", chart " + c).orElse("")) + ") and run `helm upgrade`";
        return switch (owner.type()) {
            case OPERATOR -> (release != null
                    ? values + ", which removes the " + owner.kind() + " resource `" + owner.name() + "`. "
                    : "Delete the " + owner.kind() + " resource `" + owner.namespace() + "/" + owner.name()
                            + "` (`kubectl delete " + owner.kind().toLowerCase(Locale.ROOT) + " -n "
                            + owner.namespace() + " " + owner.name() + "`), or remove it from the manifests it is "
                            + "applied from. ")
                    + "Do not delete " + (workload.kind().equals(owner.kind()) ? "the StatefulSet it generates"
                            : workload.kind() + " `" + workload.name() + "`") + " itself: the Prometheus Operator "
                    + "recreates it from the " + owner.kind() + " resource.";
            case HELM -> values + (chart.map(c -> c.equals(component.chartName)).orElse(false)
                    ? " (or `helm uninstall " + release + "` if the release installs nothing else)" : "")
                    + "; a `kubectl delete` would be undone by the next upgrade.";
            case PLAIN -> "Scale " + workload.kind() + " `" + workload.namespace() + "/" + workload.name()
                    + "` to zero first (`kubectl scale --replicas=0`), and delete it and its volumes only once the"
                    + " change has proven safe; remove it from the manifests it is applied from too.";
        };
    }

    /** The chart that installed the owner resource or workload, from its {@code helm.sh/chart} label. */
    static Optional<String> chart(Cluster cluster, Owner owner, WorkloadRef workload) {
        Optional<KubeObject> labelled = cluster.object(owner.kind(), owner.namespace(), owner.name())
                .or(() -> cluster.object(workload.kind(), workload.namespace(), workload.name()));
        return labelled.flatMap(o -> o.label("helm.sh/chart").or(() -> o.label("chart")))
                .map(label -> {
                    Matcher m = CHART_LABEL.matcher(label);
                    return m.matches() ? m.group(1) : label;
                });
    }
}
