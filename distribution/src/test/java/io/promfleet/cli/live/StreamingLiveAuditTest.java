package io.promfleet.cli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.promfleet.api.CoverageGap;
import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.core.Promfleet;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.LiveFleet;
import io.promfleet.core.live.LiveFleetReader;
import io.promfleet.core.live.LiveFleetStream;
import io.promfleet.core.live.LiveProgress;
import io.promfleet.core.live.MockFleet;
import io.promfleet.core.live.ProbeResult;
import io.promfleet.core.live.RemoteWriteProbe;
import io.promfleet.core.plugin.InspectorRegistry;
import io.promfleet.core.report.Language;
import io.promfleet.core.report.ReportFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live audit that reads each cluster through the API as the audit asks for it ({@link LiveFleetStream})
 * writes, byte for byte in every format and both languages, the report of the live audit of the fleet read
 * whole into memory ({@link LiveFleet}), and finds what the offline audit of the same objects finds — also
 * when a cluster is down and another forbids a kind, whose finding and gap must come out the same.
 */
class StreamingLiveAuditTest {

    private static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void theStreamedLiveReportIsTheInMemoryLiveOneAndTheOfflineOne(@TempDir Path dir) throws IOException {
        try (MockFleet mock = MockFleet.start(SEED, dir)) {
            for (Language language : Language.values()) {
                try (Promfleet promfleet = promfleet(language)) {
                    assertThat(promfleet.inspectors()).hasSizeGreaterThan(15);
                    assertThat(promfleet.fleetScopedChecks()).isEmpty();
                    AuditReport offline = promfleet.audit(mock.spec());
                    AuditReport inMemory = promfleet.audit(reader(mock, language, LiveProgress.NONE).read(mock.spec()));
                    AuditReport streamed = promfleet.audit(reader(mock, language, LiveProgress.NONE).stream(mock.spec(), null));

                    assertThat(streamed.findings()).hasSizeGreaterThan(10);
                    // It did stream: the report keeps of an edge only what is still looked up, not its every pod.
                    assertThat(streamed.fleet().cluster("cluster-02").orElseThrow().objects().size())
                            .isLessThan(inMemory.fleet().cluster("cluster-02").orElseThrow().objects().size() / 2);
                    assertSameReports(inMemory, streamed, language);
                    // Not byte for byte: an offline report names each object's file and line, a live one its API.
                    assertEquals(offline.findings(), streamed.findings(), "offline findings");
                    assertEquals(offline.coverageGaps(), streamed.coverageGaps(), "offline coverage gaps");
                }
            }
        }
    }

    @Test
    void aClusterDownAndAForbiddenKindComeOutAsTheyDoInMemory(@TempDir Path dir) throws IOException {
        try (MockFleet damaged = MockFleet.start(SEED, dir)) {
            damaged.stop("cluster-03");
            damaged.server("cluster-02").expect().get().withPath("/api/v1/secrets?limit=500")
                    .andReturn(403, new StatusBuilder().withCode(403).withMessage("secrets is forbidden").build())
                    .always();
            for (Language language : Language.values()) {
                try (Promfleet promfleet = promfleet(language)) {
                    AuditReport inMemory = promfleet.audit(reader(damaged, language, LiveProgress.NONE).read(damaged.spec()));
                    List<String> done = new CopyOnWriteArrayList<>();
                    LiveFleetStream stream = reader(damaged, language, (cluster, n, total, failure) ->
                            done.add(n + "/" + total + " " + cluster + (failure == null ? "" : " " + failure.reason().id())))
                            .stream(damaged.spec(), null);
                    AuditReport streamed = promfleet.audit(stream);

                    assertSameReports(inMemory, streamed, language);
                    assertThat(streamed.findings()).filteredOn(f -> f.check().equals("cluster-unreachable"))
                            .extracting(Finding::cluster).containsExactly("cluster-03");
                    assertThat(streamed.coverageGaps()).extracting(CoverageGap::check, CoverageGap::cluster)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(LiveFleet.READ_GAP, "cluster-02"));
                    assertThat(streamed.fleet().clusters()).extracting(c -> c.name())
                            .containsExactly("cluster-01", "cluster-02", "cluster-04");
                    // Progress counts up to the total once per cluster, whichever thread finished it.
                    assertThat(done).hasSize(4).extracting(line -> line.substring(0, 3))
                            .containsExactly("1/4", "2/4", "3/4", "4/4");
                    assertThat(done).anySatisfy(line -> assertThat(line).endsWith("cluster-03 connection-refused"));
                }
            }
        }
    }

    /** --probe asks each edge while it is read; its answers are the ones a probe of the whole fleet gets. */
    @Test
    void theProbeOfAStreamedAuditAttachesWhatTheInMemoryProbeDoes(@TempDir Path dir) throws IOException {
        try (MockFleet mock = MockFleet.start(SEED, dir)) {
            mock.expectProbe("cluster-02", "http://thanos-receiver.monitoring.svc.cluster-01.local:19291/-/ready",
                    new io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage(
                            "wget: bad address 'thanos-receiver.monitoring.svc.cluster-01.local:19291'\n"),
                    new io.fabric8.kubernetes.client.server.mock.StatusStreamMessage(1));
            Language language = Language.EN;
            FleetSpec spec = mock.spec();
            try (Promfleet promfleet = promfleet(language)) {
                LiveFleet whole = reader(mock, language, LiveProgress.NONE).read(spec);
                List<ProbeResult> wholeProbes = new RemoteWriteProbe(mock.accessFactory()).probe(spec, whole.fleet());
                AuditReport inMemory = RemoteWriteProbe.attach(promfleet.audit(whole), wholeProbes, spec, language.locale());
                LiveFleetStream stream = reader(mock, language, LiveProgress.NONE)
                        .stream(spec, new RemoteWriteProbe(mock.accessFactory()));
                AuditReport streamed = RemoteWriteProbe.attach(promfleet.audit(stream), stream.probes(), spec,
                        language.locale());

                assertThat(stream.probes()).isEqualTo(wholeProbes)
                        .anySatisfy(p -> assertThat(p.outcome()).isEqualTo(ProbeResult.Outcome.DNS));
                assertSameReports(inMemory, streamed, language);
            }
        }
    }

    /**
     * promfleet's own checks, and only those: a fleet-scoped test check that a test class path may list
     * (core's third-party sample) would turn the streamed audit into the in-memory one.
     */
    private static Promfleet promfleet(Language language) {
        Promfleet.Builder builder = Promfleet.builder().builtIns(false).clock(CLOCK)
                .setting(InspectionContext.LANGUAGE_SETTING, language.locale().toLanguageTag());
        InspectorRegistry.discover(StreamingLiveAuditTest.class.getClassLoader()).inspectors().stream()
                .filter(i -> i.getClass().getPackageName().startsWith("io.promfleet.inspectors"))
                .forEach(builder::inspector);
        return builder.build();
    }

    private static LiveFleetReader reader(MockFleet mock, Language language, LiveProgress progress) {
        return new LiveFleetReader(mock.accessFactory(), 2, progress, language.locale());
    }

    private static void assertSameReports(AuditReport expected, AuditReport actual, Language language) throws IOException {
        assertEquals(expected.findings(), actual.findings(), "findings");
        assertEquals(expected.coverageGaps(), actual.coverageGaps(), "coverage gaps");
        for (ReportFormat format : ReportFormat.values()) {
            assertEquals(render(expected, format, language), render(actual, format, language), format + " " + language);
        }
    }

    private static String render(AuditReport report, ReportFormat format, Language language) throws IOException {
        StringWriter out = new StringWriter();
        format.writer().write(report, language, out);
        return out.toString();
    }
}
