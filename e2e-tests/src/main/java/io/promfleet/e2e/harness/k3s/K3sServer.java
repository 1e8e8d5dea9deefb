package io.promfleet.e2e.harness.k3s;

import io.promfleet.e2e.harness.PortAllocator;
import io.promfleet.e2e.harness.local.ManagedProcess;
import io.promfleet.e2e.harness.local.Reaper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Kubernetes control plane: a {@code k3s server} process without an agent, on loopback, with its sqlite
 * datastore in its own directory. Clients authenticate with a static bearer token (group
 * {@code system:masters}) and trust the CA k3s generates in its data directory.
 *
 * <p>The flags, for k3s v1.25.5-0.20221115215439-0dc63334c0db (see {@code pkg/cli/cmds/server.go} and
 * {@code pkg/daemons/control/server.go} of that module):
 * <ul>
 *   <li>{@code --disable-agent} (hidden flag): no kubelet, no containerd, no flannel; the server then runs only
 *       the agent's tunnel client, which needs no root-only kernel feature. Pods are never run: a Pod is the
 *       object the snapshot recorded, status included.</li>
 *   <li>{@code --data-dir DIR}: certificates, the sqlite datastore ({@code db/state.db}, served to the API
 *       server by kine over a unix socket inside DIR) and the component kubeconfigs; nothing under
 *       /var/lib/rancher or /etc/rancher.</li>
 *   <li>{@code --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --https-listen-port P}: the supervisor
 *       listens on P and the kube-apiserver itself on P+1 (k3s derives it), both loopback only. The API server
 *       then logs that the {@code kubernetes} Endpoints may not be in the loopback range: harmless, no pod
 *       ever calls it.</li>
 *   <li>{@code --disable=coredns,servicelb,traefik,local-storage,metrics-server}, {@code --disable-helm-controller}:
 *       the bundled add-ons would add Deployments, Services and HelmCharts the snapshot does not have, and
 *       their pods could never run.</li>
 *   <li>{@code --disable-scheduler}, {@code --disable-cloud-controller}, {@code --disable-network-policy},
 *       {@code --disable-kube-proxy}, {@code --flannel-backend=none}: components that need nodes, or would
 *       rewrite the Nodes and Pods the snapshot recorded (the cloud controller taints and initialises Nodes).</li>
 *   <li>{@code --kube-controller-manager-arg=secure-port=0}: k3s fixes it at 10257, which would collide
 *       between the servers of one fleet.</li>
 *   <li>{@code --kube-controller-manager-arg=controllers=...}: every controller but those that would change
 *       the loaded state with no kubelet to answer them — the workload controllers would create Pods (and
 *       ReplicaSets) beside the snapshot's, nodelifecycle would mark the snapshot's Nodes NotReady and evict
 *       their Pods, podgc would delete Pods of unknown nodes, root-ca-cert-publisher adds a ConfigMap to every
 *       namespace, persistentvolume-binder rewrites a claim's status (phase, capacity, access modes) on its
 *       periodic resync when the snapshot's PersistentVolume is not there to bind, at a time no test controls.
 *       The garbage collector stays on: deleting an owner really removes its dependents.</li>
 *   <li>{@code --kube-apiserver-arg=token-auth-file=F}: a static token, so that a client needs no EC client
 *       key (k3s' admin kubeconfig has one, which the JDK cannot read without BouncyCastle).</li>
 *   <li>{@code --kube-apiserver-arg=disable-admission-plugins=ServiceAccount}: exported Pods already carry
 *       the token volume that plugin adds (it would add a second one, rejected as a duplicate mount path where
 *       a chart mounts the token itself), and it rejects Pods whose ServiceAccount the snapshot did not export.
 *       No Pod runs here, so no token is ever needed.</li>
 * </ul>
 * Extra arguments passed to {@link #start} come last, so e.g. a remediation test can turn the workload
 * controllers back on with its own {@code --kube-controller-manager-arg=controllers=...}.
 */
public final class K3sServer implements ApiServer {

    /**
     * Controllers that would change loaded objects because no kubelet runs (see the class comment). The
     * {@code garbagecollector} controller is in {@code *} and deliberately not excluded: the remediation tests
     * rely on it to remove the StatefulSet (and its Pods) whose owning {@code Prometheus} resource is deleted.
     */
    public static final String CONTROLLERS =
            "*,-deployment,-replicaset,-statefulset,-daemonset,-job,-cronjob,-nodelifecycle,-podgc,-root-ca-cert-publisher,-persistentvolume-binder";

    /**
     * The flags that make a server a control plane holding exactly the loaded objects (see the class comment),
     * shared with the k3s containers of the Testcontainers variant. Not among them: where the server keeps its
     * data, listens, and finds its token file.
     */
    public static final List<String> CONTROL_PLANE_ONLY = List.of(
            "--disable=coredns,servicelb,traefik,local-storage,metrics-server",
            "--disable-helm-controller",
            "--disable-scheduler",
            "--disable-cloud-controller",
            "--disable-network-policy",
            "--disable-kube-proxy",
            "--flannel-backend=none",
            "--kube-controller-manager-arg=secure-port=0",
            "--kube-controller-manager-arg=controllers=" + CONTROLLERS,
            "--kube-apiserver-arg=disable-admission-plugins=ServiceAccount");

    private final String name;
    private final ManagedProcess process;
    private final URI url;
    private final String token;
    private final Path dataDir;
    private KubeApi api;

    private K3sServer(String name, ManagedProcess process, URI url, String token, Path dataDir) {
        this.name = name;
        this.process = process;
        this.url = url;
        this.token = token;
        this.dataDir = dataDir;
    }

    /**
     * Starts {@code k3s server} in {@code dir} (data, token file, kubeconfig and log) and waits until the API
     * server answers {@code /readyz}.
     */
    public static K3sServer start(String name, Path k3s, Path dir, PortAllocator ports, Reaper reaper,
                                  List<String> extraArgs, Duration readyDeadline) {
        try {
            Files.createDirectories(dir);
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path tokens = dir.resolve("tokens.csv");
            // token,user,uid,groups — see kube-apiserver --token-auth-file
            Files.writeString(tokens, token + ",promfleet-admin,promfleet-admin,system:masters\n");
            int port = portPairStart(ports);
            Path dataDir = dir.resolve("data");
            List<String> command = new ArrayList<>(List.of(k3s.toString(), "server",
                    "--disable-agent",
                    "--data-dir", dataDir.toString(),
                    "--bind-address", "127.0.0.1",
                    "--advertise-address", "127.0.0.1",
                    "--https-listen-port", Integer.toString(port),
                    "--write-kubeconfig", dir.resolve("k3s-admin.kubeconfig").toString(),
                    "--write-kubeconfig-mode", "0600",
                    "--kube-apiserver-arg=token-auth-file=" + tokens));
            command.addAll(CONTROL_PLANE_ONLY);
            command.addAll(extraArgs);
            URI url = URI.create("https://127.0.0.1:" + port);
            Path ca = dataDir.resolve("server/tls/server-ca.crt");
            K3sServer[] self = new K3sServer[1];
            ManagedProcess process = new ManagedProcess("k3s-" + name, command, Map.of(), dir.resolve("k3s.log"),
                    url + "/readyz", () -> self[0].probe(ca), Duration.ofSeconds(15), reaper);
            self[0] = new K3sServer(name, process, url, token, dataDir);
            process.start(readyDeadline);
            return self[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for k3s " + name, e);
        }
    }

    private Optional<String> probe(Path ca) throws IOException {
        if (!Files.exists(ca)) {
            return Optional.of("no CA yet at " + ca);
        }
        if (api == null) {
            api = new KubeApi(url, token, Files.readString(ca));
        }
        try {
            String answer = api.get("/readyz").path("message").asText();
            return answer.strip().equals("ok") ? Optional.empty() : Optional.of(answer);
        } catch (KubeApi.ApiException e) {
            return Optional.of(e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A free port P whose neighbour P+1 is free too: k3s puts the API server itself on P+1. */
    private static int portPairStart(PortAllocator ports) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = ports.next();
            try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IllegalStateException("no two adjacent free loopback ports after 20 attempts");
    }

    public String name() {
        return name;
    }

    public URI url() {
        return url;
    }

    public String token() {
        return token;
    }

    public String caPem() {
        try {
            return Files.readString(dataDir.resolve("server/tls/server-ca.crt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public KubeApi api() {
        return api;
    }

    public Path log() {
        return process.log();
    }

    @Override
    public String tail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() {
        process.stop();
    }
}
