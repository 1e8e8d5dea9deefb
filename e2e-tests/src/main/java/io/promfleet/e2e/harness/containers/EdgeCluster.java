package io.promfleet.e2e.harness.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One edge: a single-node k3s cluster ({@code testcontainers-k3s}) with the edge's agent running in it as a pod.
 * <p>
 * Reaching the test host: the cluster is created after {@link org.testcontainers.Testcontainers#exposeHostPorts}
 * (and with {@code withAccessToHost}), so Docker writes {@code host.testcontainers.internal} into the k3s
 * container's {@code /etc/hosts}. Pods resolve names through the cluster's DNS, not that file, so the address is
 * read from it and handed to the pod as a {@code hostAliases} entry; the pod's traffic leaves through the node
 * container (masqueraded by k3s's flannel) towards Testcontainers' port-forwarding container.
 * <p>
 * Reading the agent: its Service is a NodePort on {@link AgentManifests#NODE_PORT}, which is also an exposed port
 * of the k3s container, so Docker maps it to a host port like any container port (kube-proxy in the node forwards
 * it to the pod) — the way k3d publishes node ports. {@code kubectl port-forward} would need a process kept
 * running inside the container for the whole test and binds to the container's loopback unless told otherwise;
 * the NodePort needs nothing kept running.
 * <p>
 * The objects are applied with the {@code kubectl} built into the k3s image (it finds the cluster's
 * {@code /etc/rancher/k3s/k3s.yaml} itself), so the harness needs no Kubernetes client library (the root pom
 * managed none when this was written; with Fabric8 managed, {@code Config.fromKubeconfig(getKubeConfigYaml())}
 * and {@code client.load(manifests).serverSideApply()} would do the same from the JVM). The kubeconfig the
 * container hands out for the host ({@link K3sContainer#getKubeConfigYaml()}) is written next to the run's other
 * files, for looking at the cluster while a test runs.
 */
final class EdgeCluster implements AutoCloseable {

    static final String K3S_IMAGE = "rancher/k3s:v1.31.2-k3s1";
    private static final Duration ROLLOUT = Duration.ofSeconds(240);
    private static final Duration READY = Duration.ofSeconds(60);
    private static final String MANIFEST = "/tmp/promfleet-agent.yaml";

    private final String cluster;
    private final K3sContainer k3s;

    EdgeCluster(String cluster) {
        this.cluster = cluster;
        this.k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE)).withAccessToHost(true);
        k3s.addExposedPorts(AgentManifests.NODE_PORT);
    }

    String cluster() {
        return cluster;
    }

    GenericContainer<?> container() {
        return k3s;
    }

    /** The address Docker gave {@code hostAlias} in the node container. */
    String hostAddress(String hostAlias) {
        String hosts = k3s.copyFileFromContainer("/etc/hosts",
                in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
        return hostsEntry(hosts, hostAlias);
    }

    static String hostsEntry(String etcHosts, String name) {
        for (String line : etcHosts.split("\n")) {
            String[] fields = line.replaceFirst("#.*", "").trim().split("\\s+");
            for (int i = 1; i < fields.length; i++) {
                if (fields[i].equals(name)) {
                    return fields[0];
                }
            }
        }
        throw new IllegalStateException("no " + name + " in the k3s container's /etc/hosts (was the cluster created"
                + " before Testcontainers.exposeHostPorts?):\n" + etcHosts);
    }

    /** Applies the agent's objects and returns once the pod is ready and answers through the node port. */
    void deployAgent(String manifests, Path workDir) {
        try {
            Path dir = Files.createDirectories(workDir.resolve("k3s-" + cluster));
            Files.writeString(dir.resolve("kubeconfig.yaml"), k3s.getKubeConfigYaml());
            Files.writeString(dir.resolve("agent.yaml"), manifests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        k3s.copyFileToContainer(Transferable.of(manifests), MANIFEST);
        kubectl("apply", "-f", MANIFEST);
        kubectl("-n", AgentManifests.NAMESPACE, "rollout", "status", "deployment/" + AgentManifests.NAME,
                "--timeout=" + ROLLOUT.toSeconds() + "s");
        Wait.forHttp("/-/ready").forPort(AgentManifests.NODE_PORT).withStartupTimeout(READY).waitUntilReady(k3s);
    }

    /** The agent's web address from the test JVM. */
    URI agentUrl() {
        return URI.create("http://" + k3s.getHost() + ":" + k3s.getMappedPort(AgentManifests.NODE_PORT));
    }

    private String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        try {
            ExecResult r = k3s.execInContainer(command.toArray(String[]::new));
            if (r.getExitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + cluster + " (exit "
                        + r.getExitCode() + "): " + r.getStderr() + r.getStdout());
            }
            return r.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The agent's pod, events and log tail, for a failure report. */
    String diagnostics() {
        StringBuilder out = new StringBuilder("----- k3s ").append(cluster).append(" (").append(K3S_IMAGE)
                .append(") -----\n");
        if (k3s.getContainerId() == null) {
            return out.append("(not started)\n").toString();
        }
        for (String[] args : List.of(
                new String[] {"-n", AgentManifests.NAMESPACE, "get", "pods,services", "-o", "wide"},
                new String[] {"-n", AgentManifests.NAMESPACE, "get", "events", "--sort-by=.lastTimestamp"},
                new String[] {"-n", AgentManifests.NAMESPACE, "logs", "deployment/" + AgentManifests.NAME,
                        "--tail=40"})) {
            out.append("$ kubectl ").append(String.join(" ", args)).append('\n');
            try {
                out.append(kubectl(args));
            } catch (RuntimeException e) {
                out.append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        k3s.stop();
    }
}
