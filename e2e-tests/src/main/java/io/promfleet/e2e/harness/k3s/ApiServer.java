package io.promfleet.e2e.harness.k3s;

/**
 * One cluster's running Kubernetes API server, however it runs ({@link K3sServer} as a local process, or a k3s
 * container), reached through its {@link KubeApi} (which knows where it listens, an admin's bearer token, and the
 * CA its certificate is signed by).
 */
public interface ApiServer extends AutoCloseable {

    /** A client of this server; the same instance each time. */
    KubeApi api();

    /** The server's last log lines, for a failure message. */
    String tail(int lines);

    @Override
    void close();
}
