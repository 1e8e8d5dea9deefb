package io.promfleet.remediators.receive;

import static io.promfleet.remediators.support.Trees.map;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.remediators.support.CentralReceive;
import io.promfleet.remediators.support.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers {@code receive-missing}: Thanos Receive on the central cluster — a StatefulSet, its headless
 * Service, a LoadBalancer Service for the edges' remote-write, the hashring ConfigMap — and Thanos Query
 * pointed at it. The object storage configuration is the Secret the central already uploads with,
 * mounted by reference: a plan never carries a credential.
 */
public final class DeployReceiveRemediator implements Remediator {

    @Override
    public String id() {
        return "deploy-receive";
    }

    @Override
    public String description() {
        return "Deploys Thanos Receive on the central cluster, exposed to the edges by a LoadBalancer.";
    }

    @Override
    public Set<String> answers() {
        return Set.of("receive-missing");
    }

    @Override
    public List<Action> plan(RemediationContext context, List<Finding> findings) {
        if (findings.stream().noneMatch(f -> answers().contains(f.check()))) {
            return List.of();
        }
        Optional<CentralReceive> planned = CentralReceive.of(context);
        if (planned.isEmpty() || planned.get().exists()) {
            return List.of();
        }
        CentralReceive receive = planned.get();
        Cluster central = receive.central();
        String ns = receive.namespace();
        String name = receive.name();
        String headless = name + "-headless";
        Map<String, String> labels = Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/component", "receive",
                "app.kubernetes.io/managed-by", "promfleet");
        Map<String, String> selector = Map.of("app.kubernetes.io/name", name);
        String localEndpoint = "$(POD_NAME)." + headless + "." + ns + ".svc." + central.domain() + ":10901";
        String hashring = "[{\"hashring\": \"default\", \"endpoints\": [\"" + name + "-0." + headless + "." + ns
                + ".svc." + central.domain() + ":10901\"]}]";
        String[] objstore = CentralReceive.objstoreSecret(central).orElse(new String[] {"thanos-objstore-config", "objstore.yml"});

        List<Change> changes = new ArrayList<>();
        changes.add(ObjectChange.create(central.name(), "v1", "ConfigMap", ns, name + "-hashring", Node.of(map(
                "apiVersion", "v1", "kind", "ConfigMap", "metadata", Trees.metadata(ns, name + "-hashring", labels),
                "data", map("hashrings.json", hashring)))));
        changes.add(ObjectChange.create(central.name(), "v1", "Service", ns, headless, Node.of(map(
                "apiVersion", "v1", "kind", "Service", "metadata", Trees.metadata(ns, headless, labels),
                "spec", map("clusterIP", "None", "selector", selector, "ports", List.of(
                        port("grpc", 10901), port("http", 10902), port("remote-write", receive.remoteWritePort())))))));
        changes.add(ObjectChange.create(central.name(), "v1", "Service", ns, name, Node.of(map(
                "apiVersion", "v1", "kind", "Service", "metadata", Trees.metadata(ns, name, labels),
                "spec", map("type", "LoadBalancer", "selector", selector,
                        "ports", List.of(port("remote-write", receive.remoteWritePort())))))));
        List<Object> args = List.of("receive", "--log.level=info", "--grpc-address=0.0.0.0:10901",
                "--http-address=0.0.0.0:10902", "--remote-write.address=0.0.0.0:" + receive.remoteWritePort(),
                "--tsdb.path=/var/thanos/receive", "--tsdb.retention=1d", "--label=receive_replica=\"$(POD_NAME)\"",
                "--receive.replication-factor=1", "--receive.local-endpoint=" + localEndpoint,
                "--receive.hashrings-file=/etc/thanos/hashring/hashrings.json",
                "--objstore.config-file=/etc/thanos/objstore/" + objstore[1]);
        Map<String, Object> container = map("name", "thanos-receive", "image", CentralReceive.thanosImage(central),
                "args", args,
                "env", List.of(map("name", "POD_NAME", "valueFrom", map("fieldRef", map("fieldPath", "metadata.name")))),
                "ports", List.of(map("name", "grpc", "containerPort", 10901), map("name", "http", "containerPort", 10902),
                        map("name", "remote-write", "containerPort", receive.remoteWritePort())),
                "readinessProbe", map("httpGet", map("path", "/-/ready", "port", "http")),
                "resources", map("requests", map("cpu", "250m", "memory", "512Mi"), "limits", map("memory", "2Gi")),
                "volumeMounts", List.of(map("name", "data", "mountPath", "/var/thanos/receive"),
                        map("name", "hashring", "mountPath", "/etc/thanos/hashring"),
                        map("name", "objstore", "mountPath", "/etc/thanos/objstore", "readOnly", true)));
        changes.add(ObjectChange.create(central.name(), "apps/v1", "StatefulSet", ns, name, Node.of(map(
                "apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", Trees.metadata(ns, name, labels),
                "spec", map("serviceName", headless, "replicas", 1, "selector", map("matchLabels", selector),
                        "template", map("metadata", map("labels", labels), "spec", map(
                                "containers", List.of(container),
                                "volumes", List.of(
                                        map("name", "hashring", "configMap", map("name", name + "-hashring")),
                                        // By reference: the Secret's keys never enter the plan.
                                        map("name", "objstore", "secret", map("secretName", objstore[0]))))),
                        "volumeClaimTemplates", List.of(map("metadata", map("name", "data"), "spec", map(
                                "accessModes", List.of("ReadWriteOnce"),
                                "resources", map("requests", map("storage", "20Gi"))))))))));
        queryEndpoint(central, ns, headless).ifPresent(changes::add);

        String kubectl = "kubectl --context " + central.name() + " -n " + ns;
        return List.of(new Action("deploy-receive-" + Trees.slug(central.name()), Phase.DEPLOY_RECEIVE, central.name(),
                "Deploy Thanos Receive " + ns + "/" + name + " on " + central.name() + ": StatefulSet, headless Service, "
                        + "LoadBalancer Service on port " + receive.remoteWritePort() + ", hashring ConfigMap; object "
                        + "storage from Secret " + ns + "/" + objstore[0] + " (key " + objstore[1] + ", referenced, "
                        + "not copied); Thanos Query gains the Receive as an endpoint.",
                changes,
                kubectl + " rollout status statefulset/" + name + " && " + kubectl + " get service " + name
                        + " -o jsonpath='{.status.loadBalancer.ingress}'",
                "Delete the created objects and restore Thanos Query's arguments (the journal holds each before-state).",
                List.of("receive-missing")));
    }

    private static Map<String, Object> port(String name, int port) {
        return map("name", name, "port", port, "targetPort", name);
    }

    /** Thanos Query's Deployment with the Receive added as a store endpoint, so gates can query the edges. */
    private static Optional<Change> queryEndpoint(Cluster central, String ns, String headless) {
        String endpoint = "--endpoint=dnssrv+_grpc._tcp." + headless + "." + ns + ".svc." + central.domain();
        return central.topology().thanos(ThanosRole.QUERY).stream().findFirst().flatMap(query -> {
            Optional<KubeObject> object = central.object(query.workload().kind(), query.workload().namespace(),
                    query.workload().name());
            return object.map(o -> {
                Map<String, Object> after = Trees.editable(o.body());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> containers = (List<Map<String, Object>>) Trees.child(after, "spec",
                        "template", "spec").get("containers");
                for (Map<String, Object> c : containers) {
                    if (query.container().equals(c.get("name")) && c.get("args") instanceof List<?> list) {
                        List<Object> args = new ArrayList<>(list);
                        if (!args.contains(endpoint)) {
                            args.add(endpoint);
                        }
                        c.put("args", args);
                    }
                }
                return new ObjectChange(central.name(), o.apiVersion(), o.kind(), o.namespace(), o.name(), o.body(),
                        Node.of(after));
            });
        });
    }
}
