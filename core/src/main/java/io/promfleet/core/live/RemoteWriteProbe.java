package io.promfleet.core.live;

import io.promfleet.api.Finding;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.RemoteWriteTarget;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.ProbeResult.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --probe}: asks, from inside each edge agent's pod, whether each of its remote-write endpoints
 * answers, as the seed audit did by hand ({@code kubectl exec ... -- wget ...}). Static analysis can only
 * say a name looks wrong; the edge's own resolver, routes and trust store say what actually happens.
 *
 * <p>The request is busybox {@code wget} (the Prometheus images are busybox-based), {@code GET <base>/-/ready}
 * with a 5 s limit, run through {@code pods/exec}: the one verb beyond list/get that promfleet uses, granted
 * by a separate Role (deploy/rbac). One probe per agent workload and endpoint, from its first running pod.
 */
public final class RemoteWriteProbe {

    static final Duration EXEC_TIMEOUT = Duration.ofSeconds(20);

    /** busybox wget's words for each failure (networking/wget.c). */
    private static final Pattern HTTP_STATUS = Pattern.compile("server returned error: HTTP/\\d(?:\\.\\d)? (\\d{3})");

    private final KubeAccess.Factory factory;

    public RemoteWriteProbe(KubeAccess.Factory factory) {
        this.factory = factory;
    }

    /** Probes every remote-write endpoint of every agent on every edge of {@code fleet}, one cluster at a time. */
    public List<ProbeResult> probe(FleetSpec spec, Fleet fleet) {
        List<ProbeResult> results = new ArrayList<>();
        for (Cluster cluster : fleet.edges()) {
            String context = spec.clusters().stream().filter(c -> c.name().equals(cluster.name()))
                    .map(ClusterSpec::context).findFirst().orElse(null);
            if (context == null) {
                continue;
            }
            try (KubeAccess access = factory.open(cluster.name(), context)) {
                for (PrometheusInstance agent : cluster.topology().agents()) {
                    probeAgent(cluster, agent, access, results);
                }
            } catch (KubeAccessException e) {
                // The cluster was readable a moment ago; its failure is reported per endpoint below.
                for (PrometheusInstance agent : cluster.topology().agents()) {
                    for (RemoteWriteTarget target : agent.config().remoteWrites()) {
                        results.add(new ProbeResult(cluster.name(), agent.workload().namespace(), null,
                                workload(agent), target.url(), readyUrl(target.url()), Outcome.OTHER, 0, e.getMessage()));
                    }
                }
            }
        }
        return results;
    }

    private static void probeAgent(Cluster cluster, PrometheusInstance agent, KubeAccess access, List<ProbeResult> into) {
        Optional<KubeObject> pod = podOf(cluster, agent);
        for (RemoteWriteTarget target : agent.config().remoteWrites()) {
            String probeUrl = readyUrl(target.url());
            if (pod.isEmpty()) {
                into.add(new ProbeResult(cluster.name(), agent.workload().namespace(), null, workload(agent),
                        target.url(), probeUrl, Outcome.OTHER, 0, "no running pod of " + workload(agent) + " to probe from"));
                continue;
            }
            KubeObject p = pod.get();
            String container = container(p);
            ProbeResult result;
            try {
                KubeAccess.ExecResult exec = access.exec(p.namespace(), p.name(), container,
                        List.of("wget", "-q", "-O", "-", "-T", "5", probeUrl), EXEC_TIMEOUT);
                result = classify(cluster.name(), p, workload(agent), target.url(), probeUrl, exec);
            } catch (KubeAccessException e) {
                result = new ProbeResult(cluster.name(), p.namespace(), p.name(), workload(agent), target.url(),
                        probeUrl, Outcome.OTHER, 0, e.getMessage());
            }
            into.add(result);
        }
    }

    static ProbeResult classify(String cluster, KubeObject pod, String workload, String url, String probeUrl,
            KubeAccess.ExecResult exec) {
        String text = (exec.stderr() + "\n" + exec.stdout()).strip();
        String lower = text.toLowerCase(Locale.ROOT);
        Outcome outcome;
        int status = 0;
        Matcher http = HTTP_STATUS.matcher(text);
        // An exec stream can close before its status frame arrives (exit code -1: unknown). wget reports
        // every failure on stderr, so an answer on stdout with a silent stderr is the endpoint answering.
        boolean answeredWithoutError = exec.exitCode() < 0 && exec.stderr().isBlank() && !exec.stdout().isBlank();
        if (exec.exitCode() == 0 || answeredWithoutError) {
            outcome = Outcome.OK;
            status = 200;
        } else if (http.find()) {
            status = Integer.parseInt(http.group(1));
            // A remote-write-only port answers GET /-/ready with 404 or 405: it is there, which is the question.
            outcome = status == 404 || status == 405 ? Outcome.OK : Outcome.HTTP;
        } else if (lower.contains("bad address") || lower.contains("name or service not known")
                || lower.contains("could not resolve") || lower.contains("unknown host")) {
            outcome = Outcome.DNS;
        } else if (lower.contains("connection refused")) {
            outcome = Outcome.REFUSED;
        } else if (lower.contains("timed out")) {
            outcome = Outcome.TIMEOUT;
        } else if (lower.contains("tls") || lower.contains("ssl") || lower.contains("certificate")) {
            outcome = Outcome.TLS;
        } else {
            outcome = Outcome.OTHER;
        }
        String detail = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit code " + exec.exitCode());
        return new ProbeResult(cluster, pod.namespace(), pod.name(), workload, url, probeUrl, outcome, status, detail);
    }

    /**
     * Attaches what the edges saw to the report: as evidence on each remote-write finding of the cluster,
     * and, for an endpoint that does not answer on a cluster where no remote-write check found anything, as
     * a {@code remote-write-unreachable} finding of its own.
     */
    public static AuditReport attach(AuditReport report, List<ProbeResult> results, FleetSpec spec, Locale locale) {
        LiveTexts texts = new LiveTexts(locale);
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : report.findings()) {
            List<ProbeResult> seen = finding.check().startsWith("remote-write-") && finding.cluster() != null
                    ? results.stream().filter(r -> r.cluster().equals(finding.cluster())).toList() : List.of();
            if (seen.isEmpty()) {
                findings.add(finding);
                continue;
            }
            Finding.Builder copy = Finding.builder(finding.check(), finding.severity()).cluster(finding.cluster())
                    .object(finding.namespace(), finding.kind(), finding.name()).message(finding.message())
                    .remediation(finding.remediation());
            finding.evidence().forEach(copy::evidence);
            seen.forEach(r -> copy.evidence("probe " + r.url(), describe(r, texts)));
            findings.add(copy.build());
        }
        for (ProbeResult r : results) {
            boolean explained = report.findings().stream()
                    .anyMatch(f -> f.check().startsWith("remote-write-") && r.cluster().equals(f.cluster()));
            if (r.answered() || explained || r.pod() == null) {
                continue;
            }
            String context = spec.clusters().stream().filter(c -> c.name().equals(r.cluster()))
                    .map(ClusterSpec::context).findFirst().orElse(r.cluster());
            String[] kindName = r.workload().split("/", 2);
            findings.add(Finding.builder(LiveFindings.REMOTE_WRITE_UNREACHABLE, io.promfleet.api.Severity.HIGH)
                    .cluster(r.cluster())
                    .object(r.namespace(), kindName[0], kindName.length > 1 ? kindName[1] : r.workload())
                    .message(texts.get("remote-write-unreachable.message", r.url(), r.namespace(), r.pod(),
                            describe(r, texts)))
                    .remediation(texts.get("remote-write-unreachable.remediation", r.url(), r.namespace(), r.pod(),
                            describe(r, texts), context, r.probeUrl()))
                    .evidence("probe", r.outcome().id())
                    .evidence("probeUrl", r.probeUrl())
                    .evidence("httpStatus", r.httpStatus() > 0 ? r.httpStatus() : null)
                    .evidence("edgeSaw", r.detail())
                    .build());
        }
        findings.sort(AuditEngine.ORDER);
        return new AuditReport(report.fleet(), report.generatedAt(), report.checks(), findings, report.coverageGaps(),
                report.suppressed());
    }

    static String describe(ProbeResult r, LiveTexts texts) {
        String seen = switch (r.outcome()) {
            case OK -> texts.get("probe.ok", r.httpStatus() > 0 ? "HTTP " + r.httpStatus() : "");
            case DNS -> texts.get("probe.dns");
            case REFUSED -> texts.get("probe.refused");
            case TLS -> texts.get("probe.tls");
            case HTTP -> texts.get("probe.http", String.valueOf(r.httpStatus()));
            case TIMEOUT -> texts.get("probe.timeout");
            case OTHER -> texts.get("probe.other", r.detail());
        };
        return r.outcome() == Outcome.OTHER || r.detail().isEmpty() ? seen : seen + " (" + r.detail() + ")";
    }

    /** {@code scheme://host:port/-/ready}: Thanos Receive and promfleet's proxy both serve it. */
    static String readyUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            return uri.getScheme() + "://" + uri.getHost() + port + "/-/ready";
        } catch (RuntimeException e) {
            return url;
        }
    }

    private static String workload(PrometheusInstance agent) {
        return agent.workload().kind() + "/" + agent.workload().name();
    }

    /** The first running pod the agent's workload controls (StatefulSet directly, or through its name). */
    private static Optional<KubeObject> podOf(Cluster cluster, PrometheusInstance agent) {
        String namespace = agent.workload().namespace();
        String name = agent.workload().name();
        return cluster.objectsOfKind("Pod")
                .filter(p -> java.util.Objects.equals(p.namespace(), namespace))
                .filter(p -> p.ownerReferences().stream().anyMatch(o -> o.name().equals(name))
                        || p.name().startsWith(name + "-"))
                .filter(p -> "Running".equals(p.at("status", "phase").text("")))
                .findFirst();
    }

    /** The Prometheus container, not the config reloader beside it. */
    private static String container(KubeObject pod) {
        List<Node> containers = pod.at("spec", "containers").elements();
        for (Node c : containers) {
            if (c.get("name").text("").contains("prometheus") && !c.get("name").text("").contains("reloader")) {
                return c.get("name").text("");
            }
        }
        return containers.isEmpty() ? null : containers.get(0).get("name").text(null);
    }
}
