package io.promfleet.e2e.harness.k3s;

import java.net.URI;

/**
 * One cluster's running Kubernetes API server, however it runs ({@link K3sServer} as a local process, or a k3s
 * container): where it listens, the bearer token of an admin, and the CA its certificate is signed by.
 */
public interface ApiServer extends AutoCloseable {

    URI url();

    String token();

    String caPem();

    /** A client of this server; the same instance each time. */
    KubeApi api();

    /** The server's last log lines, for a failure message. */
    String tail(int lines);

    @Override
    void close();
}
