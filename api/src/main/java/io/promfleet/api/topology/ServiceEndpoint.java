package io.promfleet.api.topology;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Service: the way a component is reached inside its cluster and, for NodePort and LoadBalancer
 * types, from outside.
 *
 * @param namespace         its namespace
 * @param name              its name
 * @param type              {@code ClusterIP}, {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
 * @param clusterIp         its cluster IP, {@code None} for a headless Service, or {@code null}
 * @param ports             its ports
 * @param externalAddresses LoadBalancer ingress IPs and hostnames, and {@code externalIPs}
 * @param selector          the pod labels it selects
 */
public record ServiceEndpoint(
        String namespace, String name, String type, String clusterIp, List<ServicePort> ports,
        List<String> externalAddresses, Map<String, String> selector) {

    public ServiceEndpoint {
        Objects.requireNonNull(name, "name");
        type = type == null ? "ClusterIP" : type;
        ports = List.copyOf(ports);
        externalAddresses = List.copyOf(externalAddresses);
        selector = Map.copyOf(selector);
    }

    /** True when the Service selects pods carrying {@code podLabels}. */
    public boolean selects(Map<String, String> podLabels) {
        return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
    }

    /** The in-cluster DNS name in {@code domain}, e.g. {@code name.ns.svc.cluster.local}. */
    public String dnsName(String domain) {
        return name + "." + namespace + ".svc." + domain;
    }

    public boolean isExternallyReachable() {
        return type.equals("LoadBalancer") || type.equals("NodePort");
    }
}
