package io.promfleet.core.snapshot;

import java.util.Set;

/** The kinds promfleet reads; every other kind in a snapshot is skipped. */
public final class SupportedKinds {

    public static final Set<String> ALL = Set.of(
            "Pod", "StatefulSet", "Deployment", "DaemonSet", "Service", "Ingress", "ConfigMap", "Secret",
            "PersistentVolumeClaim", "Node",
            "Prometheus", "PrometheusAgent", "Alertmanager", "ThanosRuler", "ServiceMonitor", "PrometheusRule");

    private SupportedKinds() {}

    public static boolean isSupported(String kind) {
        return ALL.contains(kind);
    }
}
