package io.promfleet.e2e.harness.containers;

import io.promfleet.e2e.harness.k3s.ApiServer;
import io.promfleet.e2e.harness.k3s.K3sServer;
import io.promfleet.e2e.harness.k3s.KubeApi;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A k3s control plane in a container ({@code testcontainers-k3s}), started with the flags {@link K3sServer} uses
 * for its processes ({@link K3sServer#CONTROL_PLANE_ONLY}, and {@code --disable-agent}), so that a test written for
 * one runs unchanged against the other: same controllers (the garbage collector on, the workload controllers off),
 * same admission, a static admin token. For machines with a Docker engine; the process backend is what runs here.
 */
public final class K3sContainerServer implements ApiServer {

    private static final String TOKENS = "/etc/promfleet/tokens.csv";
    private static final Duration READY = Duration.ofSeconds(180);

    private final K3sContainer container;
    private final KubeApi api;
    private final StringBuilder log = new StringBuilder();

    private K3sContainerServer(K3sContainer container, String token) {
        this.container = container;
        this.api = new KubeApi(URI.create("https://" + container.getHost() + ":" + container.getMappedPort(6443)), token,
                container.copyFileFromContainer("/var/lib/rancher/k3s/server/tls/server-ca.crt",
                        in -> new String(in.readAllBytes(), StandardCharsets.US_ASCII)));
    }

    /** Starts the container and waits until the API server answers {@code /readyz} with {@code ok}. */
    public static K3sContainerServer start(String cluster) {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(EdgeCluster.K3S_IMAGE));
        List<String> command = new ArrayList<>(List.of("server", "--disable-agent", "--tls-san=" + k3s.getHost(),
                "--kube-apiserver-arg=token-auth-file=" + TOKENS));
        command.addAll(K3sServer.CONTROL_PLANE_ONLY);
        k3s.withCopyToContainer(Transferable.of(token + ",promfleet-admin,promfleet-admin,system:masters\n"), TOKENS)
                .withCommand(command.toArray(String[]::new))
                // K3sContainer waits for the node controller's log line; with no agent there is no node.
                .waitingFor(Wait.forLogMessage(".*k3s is up and running.*", 1).withStartupTimeout(READY));
        k3s.start();
        K3sContainerServer server;
        try {
            server = new K3sContainerServer(k3s, token);
            k3s.followOutput((OutputFrame frame) -> server.append(frame.getUtf8String()));
            server.awaitReady(cluster);
        } catch (RuntimeException e) {
            k3s.stop();
            throw e;
        }
        return server;
    }

    private synchronized void append(String text) {
        log.append(text);
        if (log.length() > 200_000) {
            log.delete(0, log.length() - 100_000);
        }
    }

    private void awaitReady(String cluster) {
        long deadline = System.nanoTime() + READY.toNanos();
        String last = "";
        while (System.nanoTime() - deadline < 0) {
            try {
                last = api.get("/readyz").path("message").asText().strip();
                if (last.equals("ok")) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("k3s container for " + cluster + " not ready within " + READY + ": " + last);
    }

    @Override
    public KubeApi api() {
        return api;
    }

    @Override
    public synchronized String tail(int lines) {
        String[] all = log.toString().split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }

    @Override
    public void close() {
        container.stop();
    }
}
