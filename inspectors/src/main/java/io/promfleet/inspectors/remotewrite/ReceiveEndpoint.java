package io.promfleet.inspectors.remotewrite;

import java.util.Locale;

/**
 * One address at which a central cluster accepts remote-write for its Thanos Receive: the Receive
 * itself, or a promfleet receiver-proxy relaying to it.
 *
 * @param cluster  the central cluster
 * @param exposure how the address is reached
 * @param host     host name or IP address, lower-case
 * @param port     the port, or -1 for an Ingress host (reached on the ingress controller's port)
 * @param via      the object that exposes it, e.g. {@code Service monitoring/thanos-receive}
 */
record ReceiveEndpoint(String cluster, Exposure exposure, String host, int port, String via) {

    /** How an endpoint is reached, and whether an edge can reach it at all. */
    enum Exposure {
        SERVICE_DNS("Service DNS name"),
        LOAD_BALANCER("LoadBalancer"),
        NODE_PORT("NodePort"),
        INGRESS("Ingress host");

        private final String label;

        Exposure(String label) {
            this.label = label;
        }

        /** A Service DNS name resolves only inside its own cluster; the others are reachable from outside. */
        boolean isExternal() {
            return this != SERVICE_DNS;
        }
    }

    ReceiveEndpoint {
        host = host.toLowerCase(Locale.ROOT);
    }

    boolean matches(String urlHost, int urlPort) {
        return host.equalsIgnoreCase(urlHost) && (port < 0 || port == urlPort);
    }

    @Override
    public String toString() {
        return exposure.label + " " + (port < 0 ? host : host + ":" + port) + " (" + via
                + (exposure.isExternal() ? "" : ", inside " + cluster + " only") + ")";
    }
}
