package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.Flags;
import io.promfleet.api.topology.IngressRoute;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.ServicePort;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.api.topology.Topology;
import io.promfleet.api.topology.WorkloadRef;
import io.promfleet.inspectors.remotewrite.ReceiveEndpoint.Exposure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where the central clusters accept remote-write for Thanos Receive, and what else they expose.
 *
 * <p>A remote-write backend is a Thanos Receive container (on its {@code --remote-write.address} port) or,
 * when the central runs Receive, a promfleet receiver-proxy in front of it (the target architecture of
 * the design). An endpoint is a way to reach a backend: the DNS name of a Service selecting its pods on a
 * port that leads to the backend's port, that Service's LoadBalancer addresses and NodePorts, and the
 * Ingress hosts routing to it.
 */
final class ReceiveEndpoints {

    /** Thanos' defaults for {@code --remote-write.address}, {@code --grpc-address} and {@code --http-address}. */
    static final int DEFAULT_REMOTE_WRITE_PORT = 19291;
    static final int DEFAULT_GRPC_PORT = 10901;
    static final int DEFAULT_HTTP_PORT = 10902;

    private static final Set<String> WORKLOAD_KINDS = Set.of("StatefulSet", "Deployment", "DaemonSet");

    /**
     * A container that accepts remote-write.
     *
     * @param description what it is, e.g. {@code thanos receive in StatefulSet/monitoring/thanos-receive}
     * @param podLabels   the labels of its pods, which Services select
     * @param port        the container port remote-write is accepted on
     * @param namedPorts  the container's named ports, to resolve a Service's named {@code targetPort}
     */
    private record Backend(String description, Map<String, String> podLabels, int port, Map<String, Integer> namedPorts) {}

    private ReceiveEndpoints() {}

    /** Every remote-write endpoint of every central cluster of {@code fleet}. */
    static List<ReceiveEndpoint> of(Fleet fleet) {
        List<ReceiveEndpoint> endpoints = new ArrayList<>();
        fleet.centrals().forEach(central -> endpoints.addAll(of(central)));
        return endpoints;
    }

    static List<ReceiveEndpoint> of(Cluster central) {
        List<ReceiveEndpoint> endpoints = new ArrayList<>();
        Topology topology = central.topology();
        for (Backend backend : backends(central)) {
            for (ServiceEndpoint service : topology.servicesSelecting(backend.podLabels())) {
                for (ServicePort port : service.ports()) {
                    if (targetPort(port, backend.namedPorts()).orElse(-1) == backend.port()) {
                        addService(endpoints, central, service, port);
                    }
                }
            }
        }
        return endpoints.stream().distinct().toList();
    }

    private static void addService(List<ReceiveEndpoint> into, Cluster central, ServiceEndpoint service,
            ServicePort port) {
        String via = "Service " + service.namespace() + "/" + service.name();
        into.add(new ReceiveEndpoint(central.name(), Exposure.SERVICE_DNS, service.dnsName(central.domain()),
                port.port(), via));
        if (service.type().equals("LoadBalancer")) {
            for (String address : service.externalAddresses()) {
                into.add(new ReceiveEndpoint(central.name(), Exposure.LOAD_BALANCER, address, port.port(), via));
            }
        }
        if (port.nodePort() > 0 && service.isExternallyReachable()) {
            for (String node : central.topology().nodeAddresses()) {
                into.add(new ReceiveEndpoint(central.name(), Exposure.NODE_PORT, node, port.nodePort(), via));
            }
        }
        for (IngressRoute route : central.topology().routesTo(service.namespace(), service.name())) {
            if (route.host() != null && ingressPortMatches(route.servicePort(), port)) {
                into.add(new ReceiveEndpoint(central.name(), Exposure.INGRESS, route.host(), -1,
                        "Ingress " + route.namespace() + "/" + route.ingress() + " → " + via
                                + (route.tls() ? ", TLS" : "")));
            }
        }
    }

    private static boolean ingressPortMatches(String ingressPort, ServicePort port) {
        return ingressPort == null || ingressPort.equals(String.valueOf(port.port())) || ingressPort.equals(port.name());
    }

    /** The Receive containers, and the receiver-proxies relaying to them when there is a Receive. */
    private static List<Backend> backends(Cluster central) {
        List<Backend> backends = new ArrayList<>();
        List<ThanosComponent> receives = central.topology().thanos(ThanosRole.RECEIVE);
        for (ThanosComponent receive : receives) {
            backends.add(new Backend("thanos receive in " + receive.workload(), receive.podLabels(),
                    port(receive.flags().first("remote-write.address"), DEFAULT_REMOTE_WRITE_PORT),
                    namedPorts(central, receive.workload(), receive.container())));
        }
        if (!receives.isEmpty()) {
            backends.addAll(receiverProxies(central));
        }
        return backends;
    }

    /**
     * promfleet receiver-proxy containers: an image of promfleet started with the {@code proxy} command.
     * It listens on {@code --listen} (or its one declared container port).
     */
    private static List<Backend> receiverProxies(Cluster central) {
        List<Backend> proxies = new ArrayList<>();
        central.objects().stream().filter(o -> WORKLOAD_KINDS.contains(o.kind())).forEach(workload -> {
            for (Node container : workload.at("spec", "template", "spec", "containers").elements()) {
                String image = container.get("image").text("").toLowerCase(Locale.ROOT);
                List<String> words = new ArrayList<>(container.get("command").textElements());
                words.addAll(container.get("args").textElements());
                Flags flags = Flags.parse(words);
                if (!image.contains("promfleet") || !flags.positional().contains("proxy")) {
                    continue;
                }
                Map<String, Integer> named = namedPorts(container);
                int declared = container.get("ports").elements().stream()
                        .mapToInt(p -> p.get("containerPort").asInt(-1)).filter(p -> p > 0).findFirst()
                        .orElse(DEFAULT_REMOTE_WRITE_PORT);
                int port = flags.first("listen").isPresent()
                        ? port(flags.first("listen"), declared)
                        : named.getOrDefault("remote-write", declared);
                proxies.add(new Backend("promfleet receiver-proxy in " + workload.ref(),
                        workload.at("spec", "template", "metadata", "labels").textFields(), port, named));
            }
        });
        return proxies;
    }

    /** The port of a {@code host:port} address flag, or {@code fallback}. */
    static int port(Optional<String> address, int fallback) {
        if (address.isEmpty()) {
            return fallback;
        }
        String value = address.get();
        try {
            return Integer.parseInt(value.substring(value.lastIndexOf(':') + 1).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The container port a Service port leads to, or empty when a named target port does not resolve. */
    private static OptionalInt targetPort(ServicePort port, Map<String, Integer> namedPorts) {
        String target = port.targetPort();
        if (target == null || target.isBlank()) {
            return OptionalInt.of(port.port());
        }
        if (target.chars().allMatch(Character::isDigit)) {
            return OptionalInt.of(Integer.parseInt(target));
        }
        Integer resolved = namedPorts.get(target);
        return resolved == null ? OptionalInt.empty() : OptionalInt.of(resolved);
    }

    /** The named ports of container {@code container} of {@code workload}, read from its pod template. */
    private static Map<String, Integer> namedPorts(Cluster cluster, WorkloadRef workload, String container) {
        Optional<KubeObject> object = cluster.object(workload.kind(), workload.namespace(), workload.name());
        if (object.isEmpty()) {
            return Map.of();
        }
        return object.get().at("spec", "template", "spec", "containers").elements().stream()
                .filter(c -> c.get("name").text("").equals(container))
                .findFirst().map(ReceiveEndpoints::namedPorts).orElse(Map.of());
    }

    private static Map<String, Integer> namedPorts(Node container) {
        Map<String, Integer> named = new LinkedHashMap<>();
        for (Node port : container.get("ports").elements()) {
            String name = port.get("name").text(null);
            int number = port.get("containerPort").asInt(-1);
            if (name != null && number > 0) {
                named.put(name, number);
            }
        }
        return named;
    }

    /**
     * What a central cluster exposes outside itself (LoadBalancers, NodePorts, Ingress hosts) and which
     * Thanos component and port each reaches, e.g. {@code LoadBalancer 192.168.101.211:10901 (Service
     * monitoring/kube-prometheus-stack-thanos-external → thanos-sidecar gRPC, not remote-write)}.
     */
    static List<String> externalExposure(Cluster central) {
        Topology topology = central.topology();
        List<String> exposed = new ArrayList<>();
        for (ServiceEndpoint service : topology.services()) {
            if (!service.isExternallyReachable()) {
                continue;
            }
            for (ServicePort port : service.ports()) {
                String what = "(Service " + service.namespace() + "/" + service.name() + behind(central, service, port) + ")";
                if (service.type().equals("LoadBalancer") && service.externalAddresses().isEmpty()) {
                    exposed.add("LoadBalancer <pending>:" + port.port() + " " + what);
                }
                for (String address : service.externalAddresses()) {
                    exposed.add(service.type() + " " + address + ":" + port.port() + " " + what);
                }
                if (port.nodePort() > 0 && service.type().equals("NodePort")) {
                    exposed.add("NodePort " + port.nodePort() + " on " + nodes(topology) + " " + what);
                }
            }
        }
        for (IngressRoute route : topology.ingresses()) {
            if (route.host() != null) {
                exposed.add("Ingress host " + route.host() + (route.path() == null || route.path().equals("/") ? "" : route.path())
                        + " (Ingress " + route.namespace() + "/" + route.ingress() + " → Service " + route.namespace()
                        + "/" + route.serviceName() + ")");
            }
        }
        return exposed;
    }

    private static String nodes(Topology topology) {
        return topology.nodeAddresses().isEmpty() ? "the nodes" : "nodes " + String.join(", ", topology.nodeAddresses());
    }

    /** Names the Thanos component and port a Service port reaches, e.g. {@code → thanos-sidecar gRPC, not remote-write}. */
    private static String behind(Cluster central, ServiceEndpoint service, ServicePort port) {
        for (ThanosComponent component : central.topology().thanos()) {
            if (!service.selects(component.podLabels())) {
                continue;
            }
            String name = component.container() != null ? component.container() : "thanos " + component.role().subcommand();
            OptionalInt target = targetPort(port, namedPorts(central, component.workload(), component.container()));
            if (target.isEmpty()) {
                return " → " + name + ", on a port it does not declare";
            }
            int p = target.getAsInt();
            if (component.role() == ThanosRole.RECEIVE
                    && p == port(component.flags().first("remote-write.address"), DEFAULT_REMOTE_WRITE_PORT)) {
                return " → " + name + " remote-write";
            }
            String protocol = p == port(component.flags().first("grpc-address"), DEFAULT_GRPC_PORT) ? " gRPC"
                    : p == port(component.flags().first("http-address"), DEFAULT_HTTP_PORT) ? " HTTP" : " port " + p;
            return " → " + name + protocol + ", not remote-write";
        }
        return "";
    }
}
