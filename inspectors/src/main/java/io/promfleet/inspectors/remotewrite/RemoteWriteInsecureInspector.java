package io.promfleet.inspectors.remotewrite;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
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
public final class RemoteWriteInsecureInspector implements BundledInspector {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    @Override
    public String id() {
        return "remote-write-insecure";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
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
            Texts t = Texts.of(context);
            List<String> problems = new ArrayList<>();
            if (plainAcross) {
                problems.add(t.get("rwi.plain", target.host().orElseThrow(), entry.edge().name()));
            }
            if (inline) {
                problems.add(t.get("rwi.inline", target.auth().method(), target.auth().credentialLocation()));
            }
            context.report(entry.finding(context)
                    .severity(plainAcross && inline ? Severity.HIGH : Severity.MEDIUM)
                    .message(t.get("rwi.message", entry.prometheus().workload(), entry.edge().name(), target.url(),
                            String.join(t.get("rwi.and"), problems)))
                    .remediation(remediation(t, plainAcross, inline))
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

    private static String remediation(Texts t, boolean plain, boolean inline) {
        List<String> steps = new ArrayList<>();
        if (plain) {
            steps.add(t.get("rwi.remediation.plain"));
        }
        if (inline) {
            steps.add(t.get("rwi.remediation.inline"));
        }
        steps.add(t.get("rwi.remediation.verify"));
        return String.join(" ", steps);
    }
}
