package io.promfleet.core.live;

import io.promfleet.core.snapshot.SupportedKinds;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind promfleet reads, with where the Kubernetes API serves it. Naming the plural here, rather than
 * asking the API server's discovery, saves a round trip per kind and per cluster and lets a read-only
 * ClusterRole grant exactly these resources (deploy/rbac/promfleet-audit-clusterrole.yaml).
 *
 * @param kind       e.g. {@code Pod}
 * @param group      the API group, empty for the core group
 * @param version    e.g. {@code v1}
 * @param plural     the resource name in URLs, e.g. {@code pods}
 * @param namespaced whether objects of the kind live in a namespace
 */
public record KubeKind(String kind, String group, String version, String plural, boolean namespaced) {

    /** Every kind of {@link SupportedKinds#ALL}, core kinds first, then the Prometheus Operator's. */
    public static final List<KubeKind> ALL = List.of(
            new KubeKind("Pod", "", "v1", "pods", true),
            new KubeKind("StatefulSet", "apps", "v1", "statefulsets", true),
            new KubeKind("Deployment", "apps", "v1", "deployments", true),
            new KubeKind("DaemonSet", "apps", "v1", "daemonsets", true),
            new KubeKind("Service", "", "v1", "services", true),
            new KubeKind("Ingress", "networking.k8s.io", "v1", "ingresses", true),
            new KubeKind("ConfigMap", "", "v1", "configmaps", true),
            new KubeKind("Secret", "", "v1", "secrets", true),
            new KubeKind("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", true),
            new KubeKind("Node", "", "v1", "nodes", false),
            new KubeKind("Prometheus", "monitoring.coreos.com", "v1", "prometheuses", true),
            // The operator still serves PrometheusAgent as v1alpha1 only (operator 0.64 and later).
            new KubeKind("PrometheusAgent", "monitoring.coreos.com", "v1alpha1", "prometheusagents", true),
            new KubeKind("Alertmanager", "monitoring.coreos.com", "v1", "alertmanagers", true),
            new KubeKind("ThanosRuler", "monitoring.coreos.com", "v1", "thanosrulers", true),
            new KubeKind("ServiceMonitor", "monitoring.coreos.com", "v1", "servicemonitors", true),
            new KubeKind("PrometheusRule", "monitoring.coreos.com", "v1", "prometheusrules", true));

    public KubeKind {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(plural, "plural");
    }

    /** {@code v1} or {@code apps/v1}, as objects of the kind carry it. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** True for the kinds a cluster serves only when the Prometheus Operator's CRDs are installed. */
    public boolean isCustomResource() {
        return group.equals("monitoring.coreos.com");
    }

    public static Optional<KubeKind> of(String kind) {
        return ALL.stream().filter(k -> k.kind.equals(kind)).findFirst();
    }

    @Override
    public String toString() {
        return kind + " (" + apiVersion() + " " + plural + ")";
    }
}
