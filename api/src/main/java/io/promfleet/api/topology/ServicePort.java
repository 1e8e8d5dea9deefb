package io.promfleet.api.topology;

/**
 * One port of a Service.
 *
 * @param name       the port's name, or {@code null}
 * @param port       the Service port
 * @param targetPort the container port, by number or name, or {@code null}
 * @param nodePort   the node port of a NodePort or LoadBalancer Service, or 0
 */
public record ServicePort(String name, int port, String targetPort, int nodePort) {}
