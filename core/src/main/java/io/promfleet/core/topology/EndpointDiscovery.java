package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.IngressRoute;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads how a cluster can be reached: Services, Ingress routes and node addresses. */
final class EndpointDiscovery {

    private final ClusterObjects objects;

    EndpointDiscovery(ClusterObjects objects) {
        this.objects = objects;
    }

    List<ServiceEndpoint> services() {
        List<ServiceEndpoint> services = new ArrayList<>();
        for (KubeObject service : objects.ofKind("Service")) {
            Node spec = service.at("spec");
            List<ServicePort> ports = new ArrayList<>();
            for (Node port : spec.get("ports").elements()) {
                ports.add(new ServicePort(port.get("name").text(null), port.get("port").asInt(0),
                        port.get("targetPort").text(null), port.get("nodePort").asInt(0)));
            }
            Set<String> external = new LinkedHashSet<>();
            for (Node ingress : service.at("status", "loadBalancer", "ingress").elements()) {
                ingress.get("ip").text().ifPresent(external::add);
                ingress.get("hostname").text().ifPresent(external::add);
            }
            external.addAll(spec.get("externalIPs").textElements());
            spec.get("loadBalancerIP").text().filter(s -> !s.isBlank()).ifPresent(external::add);
            services.add(new ServiceEndpoint(service.namespace(), service.name(), spec.get("type").text("ClusterIP"),
                    spec.get("clusterIP").text(null), ports, List.copyOf(external), spec.get("selector").textFields()));
        }
        return services;
    }

    /** Ingress rules of networking.k8s.io/v1 and the older extensions/v1beta1 shape. */
    List<IngressRoute> ingressRoutes() {
        List<IngressRoute> routes = new ArrayList<>();
        for (KubeObject ingress : objects.ofKind("Ingress")) {
            Set<String> tlsHosts = new HashSet<>();
            for (Node tls : ingress.at("spec", "tls").elements()) {
                tlsHosts.addAll(tls.get("hosts").textElements());
            }
            for (Node rule : ingress.at("spec", "rules").elements()) {
                String host = rule.get("host").text(null);
                for (Node path : rule.path("http", "paths").elements()) {
                    Node backend = path.get("backend");
                    String serviceName = backend.path("service", "name").text(backend.get("serviceName").text(null));
                    String port = backend.path("service", "port", "number").text(
                            backend.path("service", "port", "name").text(backend.get("servicePort").text(null)));
                    routes.add(new IngressRoute(ingress.name(), ingress.namespace(), host, path.get("path").text(null),
                            serviceName, port, host != null && tlsHosts.contains(host)));
                }
            }
            Node defaultBackend = ingress.at("spec", "defaultBackend");
            if (defaultBackend.isObject()) {
                routes.add(new IngressRoute(ingress.name(), ingress.namespace(), null, null,
                        defaultBackend.path("service", "name").text(null),
                        defaultBackend.path("service", "port", "number").text(null), false));
            }
        }
        return routes;
    }

    List<String> nodeAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        for (KubeObject node : objects.ofKind("Node")) {
            for (Node address : node.at("status", "addresses").elements()) {
                String type = address.get("type").text("");
                if (type.equals("InternalIP") || type.equals("ExternalIP")) {
                    address.get("address").text().ifPresent(addresses::add);
                }
            }
        }
        return List.copyOf(addresses);
    }
}
