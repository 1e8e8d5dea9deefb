package io.promfleet.api.plan;

import io.promfleet.api.Experimental;
import java.util.Objects;

/**
 * A request to a component's own HTTP API, reached through the Kubernetes API server's service proxy
 * (so with the kubeconfig context's rights, never with a credential of its own), e.g. Prometheus'
 * {@code POST /api/v1/admin/tsdb/snapshot} before its server is removed.
 *
 * @param cluster   the cluster
 * @param namespace the Service's namespace
 * @param service   the Service in front of the component
 * @param port      the Service port (name or number)
 * @param method    the HTTP method
 * @param path      the path below the component's root
 * @param purpose   why, in words
 */
@Experimental(since = "0.1")
public record ApiRequest(String cluster, String namespace, String service, String port, String method, String path,
        String purpose) implements Change {

    public ApiRequest {
        Objects.requireNonNull(cluster, "ApiRequest.cluster");
        Objects.requireNonNull(namespace, "ApiRequest.namespace");
        Objects.requireNonNull(service, "ApiRequest.service");
        Objects.requireNonNull(port, "ApiRequest.port");
        Objects.requireNonNull(method, "ApiRequest.method");
        Objects.requireNonNull(path, "ApiRequest.path");
        purpose = purpose == null ? "" : purpose;
    }

    /** The request as a {@code kubectl} command a person can run. */
    public String command() {
        String raw = "'/api/v1/namespaces/" + namespace + "/services/" + service + ":" + port + "/proxy" + path + "'";
        String context = "kubectl --context " + cluster + " ";
        return method.equals("GET") ? context + "get --raw " + raw : context + "create --raw " + raw + " -f /dev/null";
    }

    @Override
    public String summary() {
        return method + " " + path + " on Service " + namespace + "/" + service;
    }
}
