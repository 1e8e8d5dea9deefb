package io.promfleet.inspectors.remotewrite;

/**
 * One address at which a central cluster's Thanos Receive accepts remote-write.
 *
 * @param cluster     the central cluster
 * @param host        host name or IP address, lower-case
 * @param port        the port, or -1 for an Ingress host reached on the scheme's default port
 * @param description how it is exposed, e.g. {@code LoadBalancer Service monitoring/thanos-receive}
 */
record ReceiveEndpoint(String cluster, String host, int port, String description) {

    boolean matches(String urlHost, int urlPort) {
        return host.equalsIgnoreCase(urlHost) && (port < 0 || port == urlPort);
    }

    @Override
    public String toString() {
        return (port < 0 ? host : host + ":" + port) + " (" + description + ")";
    }
}
