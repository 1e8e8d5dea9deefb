package io.promfleet.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.live.ProbeResult.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --probe} against the seed fleet's mock APIs. The mock server's exec support answers a
 * websocket upgrade on the exact exec URL with the stdout/stderr/status frames a kubelet would send, so
 * what is tested is: which pod and container are chosen, the command sent, how wget's words are
 * classified, and how the outcome reaches the report. What the mock cannot show is a real busybox wget
 * failing in a real pod's network namespace.
 */
class RemoteWriteProbeTest {

    static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");
    static final String PROBE_URL = "http://thanos-receiver.monitoring.svc.cluster-01.local:19291/-/ready";

    @Test
    void eachEdgeSaysWhatItSeesAndTheReportCarriesIt(@TempDir Path dir) {
        try (MockFleet mock = MockFleet.start(SEED, dir)) {
            mock.expectProbe("cluster-02", PROBE_URL, new ErrorStreamMessage("wget: bad address 'thanos-receiver.monitoring.svc.cluster-01.local:19291'\n"),
                    new StatusStreamMessage(1));
            mock.expectProbe("cluster-03", PROBE_URL, new OutputStreamMessage("OK\n"), new StatusStreamMessage(0));
            mock.expectProbe("cluster-04", PROBE_URL, new ErrorStreamMessage("wget: can't connect to remote host (10.0.0.9): Connection refused\n"),
                    new StatusStreamMessage(1));
            LiveFleet live = new LiveFleetReader(mock.accessFactory(), 2, LiveProgress.NONE).read(mock.spec());

            List<ProbeResult> results = new RemoteWriteProbe(mock.accessFactory()).probe(mock.spec(), live.fleet());

            assertThat(results).as(results.toString()).extracting(ProbeResult::cluster, ProbeResult::pod, ProbeResult::probeUrl, ProbeResult::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("cluster-02", "prometheus-agent-0", PROBE_URL, Outcome.DNS),
                            org.assertj.core.groups.Tuple.tuple("cluster-03", "prometheus-agent-0", PROBE_URL, Outcome.OK),
                            org.assertj.core.groups.Tuple.tuple("cluster-04", "prometheus-agent-0", PROBE_URL, Outcome.REFUSED));

            // Static analysis found cluster-02's URL unresolvable and said nothing of cluster-04's.
            Finding unresolvable = Finding.builder("remote-write-unresolvable", Severity.HIGH).cluster("cluster-02")
                    .object("monitoring", "ConfigMap", "prometheus-agent-config").message("unresolvable").build();
            AuditReport report = new AuditReport(live.fleet(), Clock.systemUTC().instant(), List.of(),
                    List.of(unresolvable), List.of(), 0);
            AuditReport probed = RemoteWriteProbe.attach(report, results, mock.spec(), Locale.ENGLISH);

            assertThat(probed.findings()).hasSize(2);
            assertThat(probed.firstOf("remote-write-unresolvable").orElseThrow().evidence())
                    .containsEntry("probe http://thanos-receiver.monitoring.svc.cluster-01.local:19291/api/v1/receive",
                            "the host name does not resolve from the edge (wget: bad address 'thanos-receiver.monitoring.svc.cluster-01.local:19291')");
            Finding unreachable = probed.firstOf(LiveFindings.REMOTE_WRITE_UNREACHABLE).orElseThrow();
            assertThat(unreachable.cluster()).isEqualTo("cluster-04");
            assertThat(unreachable.kind()).isEqualTo("StatefulSet");
            assertThat(unreachable.message()).contains("monitoring/prometheus-agent-0").contains("connection refused");
            assertThat(unreachable.remediation()).contains("kubectl --context cluster-04 -n monitoring exec prometheus-agent-0");
            assertThat(unreachable.evidence()).containsEntry("probe", "refused");

            AuditReport korean = RemoteWriteProbe.attach(report, results, mock.spec(), Locale.KOREAN);
            assertThat(korean.firstOf(LiveFindings.REMOTE_WRITE_UNREACHABLE).orElseThrow().message()).contains("연결이 거부");
        }
    }

    @Test
    void wgetsWordsAreClassified() {
        assertThat(outcome(1, "wget: server returned error: HTTP/1.1 503 Service Unavailable")).isEqualTo(Outcome.HTTP);
        assertThat(outcome(1, "wget: server returned error: HTTP/1.1 405 Method Not Allowed")).isEqualTo(Outcome.OK);
        assertThat(outcome(1, "wget: download timed out")).isEqualTo(Outcome.TIMEOUT);
        assertThat(outcome(1, "ssl_client: remote.example: handshake failed: certificate verify failed")).isEqualTo(Outcome.TLS);
        assertThat(outcome(126, "exec: wget: not found")).isEqualTo(Outcome.OTHER);
        // The stream closed before its status frame (exit code unknown): stdout without stderr is an answer.
        assertThat(RemoteWriteProbe.classify("c", io.promfleet.core.TestFleets.object("Pod", "m", "p"), "StatefulSet/a",
                "u", "p", new KubeAccess.ExecResult(-1, "OK\n", "")).outcome()).isEqualTo(Outcome.OK);
        assertThat(outcome(-1, "")).isEqualTo(Outcome.OTHER);
        assertThat(outcome(-1, "wget: can't connect to remote host (10.0.0.9): Connection refused")).isEqualTo(Outcome.REFUSED);
        assertThat(RemoteWriteProbe.readyUrl("https://receive.example:443/api/v1/receive")).isEqualTo("https://receive.example:443/-/ready");
    }

    private static Outcome outcome(int exit, String stderr) {
        return RemoteWriteProbe.classify("c", io.promfleet.core.TestFleets.object("Pod", "m", "p"), "StatefulSet/a",
                "u", "p", new KubeAccess.ExecResult(exit, "", stderr)).outcome();
    }

}
