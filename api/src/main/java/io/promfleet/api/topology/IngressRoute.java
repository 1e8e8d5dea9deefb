package io.promfleet.api.topology;

/**
 * One host and path of an Ingress and the Service behind it.
 *
 * @param ingress     the Ingress' name
 * @param namespace   its namespace
 * @param host        the host, or {@code null} for a rule matching every host
 * @param path        the path, or {@code null}
 * @param serviceName the backend Service
 * @param servicePort the backend port, by number or name, or {@code null}
 * @param tls         true when the host is listed under {@code spec.tls}
 */
public record IngressRoute(
        String ingress, String namespace, String host, String path, String serviceName, String servicePort,
        boolean tls) {}
