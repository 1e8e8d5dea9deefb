package io.promfleet.remediators.support;

import io.promfleet.api.RemediationContext;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import java.util.Comparator;
import java.util.Optional;

/**
 * The Thanos Receive the plan deploys on the central cluster (or finds there), and the endpoint the edges
 * remote-write to. Both the deploy and the repoint remediators read it here, so that they agree.
 */
public record CentralReceive(Cluster central, String namespace, String name, int remoteWritePort, String url,
        boolean exists) {

    public static final String NAME = "thanos-receive";
    public static final int REMOTE_WRITE_PORT = 19291;
    public static final String DEFAULT_NAMESPACE = "monitoring";

    /** The central cluster's Receive, existing or planned; empty when the fleet has no central cluster. */
    public static Optional<CentralReceive> of(RemediationContext context) {
        return context.fleet().centrals().stream().findFirst().map(central -> {
            Optional<ThanosComponent> receive = central.topology().thanos(ThanosRole.RECEIVE).stream().findFirst();
            Optional<ServiceEndpoint> exposed = receive.flatMap(r -> central.topology()
                    .servicesSelecting(r.podLabels()).stream().filter(ServiceEndpoint::isExternallyReachable)
                    .findFirst());
            String namespace = receive.map(r -> r.workload().namespace()).orElse(monitoringNamespace(central));
            String name = exposed.map(ServiceEndpoint::name).orElse(NAME);
            String address = exposed.flatMap(s -> s.externalAddresses().stream().findFirst())
                    // The LoadBalancer's address exists only once phase 1 ran: apply resolves this placeholder
                    // from the Service's status.loadBalancer.ingress (or give --receive-url).
                    .orElse("${loadBalancer:" + central.name() + "/" + namespace + "/" + name + "}");
            String url = context.receiveUrl()
                    .orElse("http://" + address + ":" + REMOTE_WRITE_PORT + "/api/v1/receive");
            return new CentralReceive(central, namespace, name, REMOTE_WRITE_PORT, url, receive.isPresent());
        });
    }

    /** Where the central's monitoring lives: the namespace of its Thanos components or Prometheus. */
    public static String monitoringNamespace(Cluster central) {
        return central.topology().thanos().stream().map(t -> t.workload().namespace())
                .filter(java.util.Objects::nonNull).findFirst()
                .or(() -> central.topology().prometheuses().stream().map(p -> p.workload().namespace())
                        .filter(java.util.Objects::nonNull).findFirst())
                .orElse(DEFAULT_NAMESPACE);
    }

    /** The central's Thanos Query Service, which gates query through. */
    public static Optional<ServiceEndpoint> query(Cluster central) {
        return central.topology().thanos(ThanosRole.QUERY).stream()
                .flatMap(q -> central.topology().servicesSelecting(q.podLabels()).stream())
                .min(Comparator.comparing(ServiceEndpoint::name));
    }

    /** The Thanos image the central already runs, so the new components match it. */
    public static String thanosImage(Cluster central) {
        return central.topology().thanos().stream()
                .flatMap(t -> central.object(t.workload().kind(), t.workload().namespace(), t.workload().name()).stream())
                .flatMap(o -> o.at("spec", "template", "spec", "containers").elements().stream())
                .map(c -> c.get("image").text(""))
                .filter(i -> i.contains("thanos"))
                .findFirst().orElse("quay.io/thanos/thanos:v0.32.5");
    }

    /** The Secret (and key) holding the central's object storage configuration, referenced, never read. */
    public static Optional<String[]> objstoreSecret(Cluster central) {
        Optional<String[]> fromOperator = central.objectsOfKind("Prometheus")
                .map(p -> p.at("spec", "thanos", "objectStorageConfig"))
                .filter(n -> n.get("name").text().isPresent())
                .map(n -> new String[] {n.get("name").text(""), n.get("key").text("objstore.yml")})
                .findFirst();
        return fromOperator.or(() -> central.objectsOfKind("Secret")
                .filter(s -> s.at("data").fields().keySet().stream().anyMatch(k -> k.contains("objstore")))
                .map(s -> new String[] {s.name(), s.at("data").fields().keySet().stream()
                        .filter(k -> k.contains("objstore")).findFirst().orElseThrow()})
                .findFirst());
    }
}
