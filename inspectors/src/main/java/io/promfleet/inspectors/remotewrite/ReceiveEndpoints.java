package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.topology.IngressRoute;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.ServicePort;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.api.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the central clusters' Thanos Receive accepts remote-write, and what else they expose: the
 * Services selecting Receive pods on the remote-write port (their DNS names, LoadBalancer addresses and
 * NodePorts) and the Ingress hosts routing to those Services.
 */
final class ReceiveEndpoints {

    /** Thanos Receive's default {@code --remote-write.address}. */
    static final int DEFAULT_REMOTE_WRITE_PORT = 19291;

    private ReceiveEndpoints() {}

    static List<ReceiveEndpoint> of(Fleet fleet) {
        List<ReceiveEndpoint> endpoints = new ArrayList<>();
        for (Cluster central : fleet.centrals()) {
            Topology topology = central.topology();
            for (ThanosComponent receive : topology.thanos(ThanosRole.RECEIVE)) {
                int port = remoteWritePort(receive);
                for (ServiceEndpoint service : topology.servicesSelecting(receive.podLabels())) {
                    for (ServicePort servicePort : service.ports()) {
                        if (reachesPort(servicePort, port)) {
                            addService(endpoints, central, service, servicePort, topology);
                        }
                    }
                }
            }
        }
        return endpoints;
    }

    private static void addService(List<ReceiveEndpoint> into, Cluster central, ServiceEndpoint service,
            ServicePort port, Topology topology) {
        String name = service.namespace() + "/" + service.name();
        into.add(new ReceiveEndpoint(central.name(), service.dnsName(central.domain()), port.port(),
                "Service " + name + ", inside " + central.name() + " only"));
        if (service.type().equals("LoadBalancer")) {
            for (String address : service.externalAddresses()) {
                into.add(new ReceiveEndpoint(central.name(), address.toLowerCase(Locale.ROOT), port.port(),
                        "LoadBalancer Service " + name));
            }
        }
        if (port.nodePort() > 0) {
            for (String node : topology.nodeAddresses()) {
                into.add(new ReceiveEndpoint(central.name(), node, port.nodePort(), "NodePort of Service " + name));
            }
        }
        for (IngressRoute route : topology.routesTo(service.namespace(), service.name())) {
            if (route.host() != null && portMatches(route.servicePort(), port)) {
                into.add(new ReceiveEndpoint(central.name(), route.host().toLowerCase(Locale.ROOT), -1,
                        "Ingress " + route.namespace() + "/" + route.ingress() + (route.tls() ? ", TLS" : "")));
            }
        }
    }

    private static boolean portMatches(String ingressPort, ServicePort port) {
        return ingressPort == null || ingressPort.equals(String.valueOf(port.port())) || ingressPort.equals(port.name());
    }

    /**
     * A Service port reaches the remote-write port when its targetPort is that number, or a name (which
     * the snapshot cannot resolve without the pod's container ports, so it is given the benefit of the
     * doubt), or unset with the same port number.
     */
    private static boolean reachesPort(ServicePort port, int remoteWritePort) {
        String target = port.targetPort();
        if (target == null) {
            return port.port() == remoteWritePort;
        }
        if (target.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(target) == remoteWritePort;
        }
        return true;
    }

    static int remoteWritePort(ThanosComponent receive) {
        String address = receive.flags().first("remote-write.address").orElse(":" + DEFAULT_REMOTE_WRITE_PORT);
        int colon = address.lastIndexOf(':');
        try {
            return Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            return DEFAULT_REMOTE_WRITE_PORT;
        }
    }

    /**
     * What a central cluster exposes outside itself (LoadBalancers, NodePorts, Ingress hosts) and which
     * component each reaches, for messages that explain why a URL matches nothing.
     */
    static List<String> externalExposure(Cluster central) {
        Topology topology = central.topology();
        List<String> exposed = new ArrayList<>();
        for (ServiceEndpoint service : topology.services()) {
            if (!service.isExternallyReachable()) {
                continue;
            }
            String behind = behind(service, topology);
            for (ServicePort port : service.ports()) {
                for (String address : service.externalAddresses()) {
                    exposed.add(service.type() + " " + address + ":" + port.port() + " (Service " + service.namespace()
                            + "/" + service.name() + behind + ")");
                }
                if (port.nodePort() > 0 && service.externalAddresses().isEmpty()) {
                    exposed.add("NodePort " + port.nodePort() + " (Service " + service.namespace() + "/"
                            + service.name() + behind + ")");
                }
            }
        }
        for (IngressRoute route : topology.ingresses()) {
            if (route.host() != null) {
                exposed.add("Ingress host " + route.host() + " (→ Service " + route.namespace() + "/"
                        + route.serviceName() + ")");
            }
        }
        return exposed;
    }

    /** Names the Thanos component a Service selects, e.g. {@code → thanos sidecar}. */
    private static String behind(ServiceEndpoint service, Topology topology) {
        return topology.thanos().stream().filter(t -> service.selects(t.podLabels())).findFirst()
                .map(t -> " → thanos " + t.role().subcommand()
                        + (t.role() == ThanosRole.RECEIVE ? "" : ", which does not accept remote-write"))
                .orElse("");
    }
}
