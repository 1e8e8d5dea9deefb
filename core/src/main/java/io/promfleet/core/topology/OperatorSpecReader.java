package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusConfig;
import io.promfleet.api.topology.QueueConfig;
import io.promfleet.api.topology.RemoteWriteAuth;
import io.promfleet.api.topology.RemoteWriteTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the configuration of a Prometheus Operator {@code Prometheus} or {@code PrometheusAgent}
 * resource: the operator generates prometheus.yml from the spec (into a Secret), so the spec is the
 * source of truth. Field names are those of the operator's API reference (monitoring.coreos.com/v1).
 */
final class OperatorSpecReader {

    private OperatorSpecReader() {}

    static PrometheusConfig config(KubeObject resource) {
        Node spec = resource.at("spec");
        ConfigSource source = new ConfigSource(resource.kind(), resource.namespace(), resource.name(), null);
        List<String> problems = new ArrayList<>();
        Duration interval = PrometheusConfigParser.duration(spec.get("scrapeInterval"), "spec.scrapeInterval", problems);
        List<RemoteWriteTarget> writes = new ArrayList<>();
        List<Node> remoteWrite = spec.get("remoteWrite").elements();
        for (int i = 0; i < remoteWrite.size(); i++) {
            Node write = remoteWrite.get(i);
            String location = "spec.remoteWrite[" + i + "]";
            String url = write.get("url").text(null);
            if (url == null) {
                problems.add(source + ": " + location + " has no url");
                continue;
            }
            writes.add(new RemoteWriteTarget(url, write.get("name").text(null),
                    queue(write.get("queueConfig"), location + ".queueConfig", problems), auth(write, location),
                    location));
        }
        return new PrometheusConfig(source, spec.get("externalLabels").textFields(), interval, List.of(), writes,
                List.of(), problems);
    }

    private static QueueConfig queue(Node queue, String location, List<String> problems) {
        if (queue.isNullOrMissing()) {
            return QueueConfig.UNSET;
        }
        return new QueueConfig(
                PrometheusConfigParser.integer(queue.get("capacity")),
                PrometheusConfigParser.integer(queue.get("maxShards")),
                PrometheusConfigParser.integer(queue.get("minShards")),
                PrometheusConfigParser.integer(queue.get("maxSamplesPerSend")),
                PrometheusConfigParser.duration(queue.get("batchSendDeadline"), location + ".batchSendDeadline", problems));
    }

    /** The operator takes secrets by Secret reference, except the deprecated inline {@code bearerToken}. */
    private static RemoteWriteAuth auth(Node write, String location) {
        if (write.get("bearerToken").isScalar() && !write.get("bearerToken").text("").isBlank()) {
            return new RemoteWriteAuth("bearer", true, location + ".bearerToken");
        }
        if (write.get("basicAuth").isObject()) {
            return new RemoteWriteAuth("basic", false, null);
        }
        if (write.get("authorization").isObject() || write.get("bearerTokenFile").isScalar()) {
            return new RemoteWriteAuth("bearer", false, null);
        }
        if (write.get("oauth2").isObject()) {
            return new RemoteWriteAuth("oauth2", false, null);
        }
        if (write.get("sigv4").isObject()) {
            return new RemoteWriteAuth("sigv4", false, null);
        }
        return RemoteWriteAuth.NONE;
    }

    /** Persistent storage per replica from {@code spec.storage.volumeClaimTemplate}. */
    static long storageBytes(KubeObject resource) {
        return PodTemplate.bytes(resource.at("spec", "storage", "volumeClaimTemplate", "spec", "resources",
                "requests", "storage"));
    }
}
