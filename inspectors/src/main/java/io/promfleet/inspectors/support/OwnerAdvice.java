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
        return removal(Texts.of(Locale.ENGLISH), cluster, owner, workload, component);
    }

    /** {@link #removal(Cluster, Owner, WorkloadRef, Component)} in the language of {@code t}. */
    public static String removal(Texts t, Cluster cluster, Owner owner, WorkloadRef workload, Component component) {
        String release = owner.helmRelease();
        Optional<String> chart = chart(cluster, owner, workload);
        String helmValue = "`" + component.value(chart.orElse(null)) + "`";
        String values = t.get("owner.values", helmValue, release, owner.namespace(),
                chart.map(c -> t.get("owner.values.chart", c)).orElse(""));
        return switch (owner.type()) {
            case OPERATOR -> {
                String keep = t.get("owner.operator.keep", workload.kind().equals(owner.kind())
                        ? t.get("owner.operator.generated")
                        : t.get("owner.operator.workload", workload.kind(), workload.name()), owner.kind());
                yield release != null
                        ? t.get("owner.operator.helm", values, owner.kind(), owner.name(), keep)
                        : t.get("owner.operator.delete", owner.kind(), owner.namespace(), owner.name(),
                                owner.kind().toLowerCase(Locale.ROOT), keep);
            }
            case HELM -> t.get("owner.helm", values, chart.map(c -> c.equals(component.chartName)).orElse(false)
                    ? t.get("owner.helm.uninstall", release) : "");
            case PLAIN -> t.get("owner.plain", workload.kind(), workload.namespace(), workload.name());
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
