package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.topology.RemoteWriteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code remote-write-insecure}: an edge's remote_write that leaves its cluster over plain http, or that
 * carries a credential written inline in the configuration (a ConfigMap or resource any reader of the
 * namespace can see) instead of a file or Secret reference.
 *
 * <p>Traffic that stays inside the edge (a Service of the edge's own DNS domain, a short name, loopback)
 * is not reported for plain http: it does not cross a network the cluster does not control.
 */
public final class RemoteWriteInsecureInspector implements Inspector {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    @Override
    public String id() {
        return "remote-write-insecure";
    }

    @Override
    public String description() {
        return "An edge's remote_write crosses clusters over plain http, or writes its credential inline.";
    }

    /**
     * Medium: samples (and any credential) travel readable between clusters; high when an inline
     * credential is also sent over plain http, where anyone on the path can replay it.
     */
    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public void inspect(InspectionContext context) {
        EdgeRemoteWrites.forEach(context, entry -> {
            RemoteWriteTarget target = entry.target();
            boolean plainAcross = !target.isHttps() && target.uri().isPresent() && leavesCluster(entry.edge(), target);
            boolean inline = target.auth().inlineCredential();
            if (!plainAcross && !inline) {
                return;
            }
            List<String> problems = new ArrayList<>();
            if (plainAcross) {
                problems.add(plainProblem(entry.edge(), target));
            }
            if (inline) {
                problems.add(inlineProblem(target));
            }
            context.report(entry.finding(context)
                    .severity(plainAcross && inline ? Severity.HIGH : Severity.MEDIUM)
                    .message(message(entry, problems))
                    .remediation(remediation(plainAcross, inline))
                    .evidence("scheme", target.uri().map(u -> u.getScheme()).orElse("?"))
                    .evidence("auth", target.auth().method())
                    .evidence("inlineCredentialAt", target.auth().credentialLocation())
                    .build());
        });
    }

    /** True unless the host is reached inside the edge itself. */
    static boolean leavesCluster(Cluster edge, RemoteWriteTarget target) {
        String host = target.host().orElse("");
        if (LOOPBACK.contains(host)) {
            return false;
        }
        if (!host.contains(".")) {
            return false; // a bare Service name, resolved in the pod's own namespace
        }
        Optional<ServiceDnsName> dns = ServiceDnsName.parse(host);
        return dns.isEmpty() || !dns.get().resolvesIn(edge.domain());
    }

    // English texts, kept together so that they move into the plugin's bundle in one piece.

    private static String plainProblem(Cluster edge, RemoteWriteTarget target) {
        return "it sends to " + target.host().orElseThrow() + ", outside " + edge.name()
                + ", over plain http: samples cross the network unencrypted and the receiver is not authenticated";
    }

    private static String inlineProblem(RemoteWriteTarget target) {
        return "its " + target.auth().method() + " credential is written inline at " + target.auth().credentialLocation()
                + ", readable by anyone who can read the configuration";
    }

    private static String message(EdgeRemoteWrites.Entry entry, List<String> problems) {
        return entry.prometheus().workload() + " on edge " + entry.edge().name() + " remote-writes to "
                + entry.target().url() + ": " + String.join("; and ", problems) + ".";
    }

    private static String remediation(boolean plain, boolean inline) {
        List<String> steps = new ArrayList<>();
        if (plain) {
            steps.add("Expose the central Receive (or the promfleet receiver-proxy) over https (an Ingress with TLS,"
                    + " or a LoadBalancer terminating TLS) and use the https URL, with `tls_config.ca_file` if the"
                    + " certificate is private.");
        }
        if (inline) {
            steps.add("Move the credential into a Secret and reference it (`password_file`, `credentials_file`, or"
                    + " the operator's `basicAuth`/`authorization` Secret keys), then rotate it: it has been exposed.");
        }
        steps.add("Verify: the agent's `prometheus_remote_storage_samples_failed_total` stays flat after the change.");
        return String.join(" ", steps);
    }
}
