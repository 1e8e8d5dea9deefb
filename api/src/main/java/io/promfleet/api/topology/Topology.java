package io.promfleet.api.topology;

import java.util.List;
import java.util.Map;

/**
 * The monitoring components of one cluster and the endpoints it exposes, derived from its objects.
 *
 * @param prometheuses  every Prometheus, agent or server
 * @param thanos        every Thanos component
 * @param alertmanagers every Alertmanager
 * @param grafanas      every Grafana
 * @param services      every Service
 * @param ingresses     every Ingress rule
 * @param nodeAddresses the nodes' addresses (InternalIP, ExternalIP), which NodePorts are reached on
 */
public record Topology(
        List<PrometheusInstance> prometheuses,
        List<ThanosComponent> thanos,
        List<MonitoringWorkload> alertmanagers,
        List<MonitoringWorkload> grafanas,
        List<ServiceEndpoint> services,
        List<IngressRoute> ingresses,
        List<String> nodeAddresses) {

    public Topology {
        prometheuses = List.copyOf(prometheuses);
        thanos = List.copyOf(thanos);
        alertmanagers = List.copyOf(alertmanagers);
        grafanas = List.copyOf(grafanas);
        services = List.copyOf(services);
        ingresses = List.copyOf(ingresses);
        nodeAddresses = List.copyOf(nodeAddresses);
    }

    public static Topology empty() {
        return new Topology(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public List<PrometheusInstance> agents() {
        return prometheuses.stream().filter(PrometheusInstance::isAgent).toList();
    }

    public List<PrometheusInstance> servers() {
        return prometheuses.stream().filter(p -> !p.isAgent()).toList();
    }

    public List<ThanosComponent> thanos(ThanosRole role) {
        return thanos.stream().filter(t -> t.role() == role).toList();
    }

    /** The Services selecting pods that carry {@code podLabels}. */
    public List<ServiceEndpoint> servicesSelecting(Map<String, String> podLabels) {
        return services.stream().filter(s -> s.selects(podLabels)).toList();
    }

    /** The Ingress routes whose backend is the Service {@code namespace/name}. */
    public List<IngressRoute> routesTo(String namespace, String serviceName) {
        return ingresses.stream()
                .filter(r -> r.namespace().equals(namespace) && serviceName.equals(r.serviceName()))
                .toList();
    }
}
