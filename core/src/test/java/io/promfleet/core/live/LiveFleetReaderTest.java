package io.promfleet.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.live.KubeAccessException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live read against Kubernetes APIs on loopback loaded with the seed fleet. */
class LiveFleetReaderTest {

    static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");

    @TempDir
    static Path temp;

    /** Loaded once: these tests only read it. */
    static MockFleet mock;

    @BeforeAll
    static void start() {
        mock = MockFleet.start(SEED, temp);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static LiveFleet readLive(MockFleet fleet, KubeAccess.Factory factory) {
        return new LiveFleetReader(factory, 2, LiveProgress.NONE).read(fleet.spec());
    }

    private static LiveFleet readLive() {
        return readLive(mock, mock.accessFactory());
    }

    @Test
    void liveReadHasTheOfflineSnapshotsObjectsAndTopology() {
        LiveFleet live = readLive();
        Fleet offline = FleetLoader.load(SEED);

        assertThat(live.unreachable()).isEmpty();
        assertThat(live.gaps()).isEmpty();
        assertThat(live.fleet().clusters()).extracting(Cluster::name)
                .containsExactlyElementsOf(offline.clusters().stream().map(Cluster::name).toList());
        for (Cluster expected : offline.clusters()) {
            Cluster actual = live.fleet().cluster(expected.name()).orElseThrow();
            assertThat(ids(actual)).as(expected.name()).isEqualTo(ids(expected));
            assertThat(actual.topology()).as(expected.name() + " topology").isEqualTo(expected.topology());
            assertThat(actual.objects()).allSatisfy(o -> assertThat(o.source().file()).isEqualTo("api://" + expected.name()));
        }
    }

    @Test
    void secretValuesNeverLeaveTheReader() {
        LiveFleet live = readLive();
        List<KubeObject> secrets = live.fleet().clusters().stream().flatMap(c -> c.objectsOfKind("Secret")).toList();
        assertThat(secrets).isNotEmpty().allSatisfy(s -> s.body().get("data").fields().values()
                .forEach(v -> assertThat(v.text("")).isEmpty()));
    }

    /**
     * One fleet, every kind of failure, each on its own cluster: cluster-02 forbids Secrets, cluster-03's
     * server is down, cluster-04 forbids every kind; cluster-01 is read in full.
     */
    @Test
    void failuresStayWithTheirClusterAndKind(@TempDir Path dir) {
        try (MockFleet damaged = MockFleet.start(SEED, dir)) {
            damaged.server("cluster-02").expect().get().withPath("/api/v1/secrets?limit=500")
                    .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                            .withMessage("secrets is forbidden: User \"audit\" cannot list resource \"secrets\"").build())
                    .always();
            damaged.stop("cluster-03");
            for (KubeKind kind : KubeKind.ALL) {
                String prefix = kind.group().isEmpty() ? "/api/" + kind.version() : "/apis/" + kind.apiVersion();
                damaged.server("cluster-04").expect().get().withPath(prefix + "/" + kind.plural() + "?limit=500")
                        .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();
            }
            List<String> done = new CopyOnWriteArrayList<>();
            LiveFleet live = new LiveFleetReader(damaged.accessFactory(), 2,
                    (cluster, n, total, failure) -> done.add(cluster + (failure == null ? "" : " failed")))
                    .read(damaged.spec());

            assertThat(live.unreachable()).extracting(ClusterFailure::cluster, ClusterFailure::reason, ClusterFailure::status)
                    .containsExactly(tuple("cluster-03", Reason.CONNECTION_REFUSED, 0), tuple("cluster-04", Reason.FORBIDDEN, 403));
            assertThat(done).containsExactlyInAnyOrder("cluster-01", "cluster-02", "cluster-03 failed", "cluster-04 failed");
            assertThat(live.fleet().clusters()).extracting(Cluster::name).containsExactly("cluster-01", "cluster-02");
            Fleet offline = FleetLoader.load(SEED);
            assertThat(ids(live.fleet().cluster("cluster-01").orElseThrow()))
                    .isEqualTo(ids(offline.cluster("cluster-01").orElseThrow()));

            assertThat(live.gaps()).singleElement().satisfies(gap -> {
                assertThat(gap.check()).isEqualTo(LiveFleet.READ_GAP);
                assertThat(gap.cluster()).isEqualTo("cluster-02");
                assertThat(gap.reason()).startsWith("Secret could not be read").contains("403");
            });
            Cluster c2 = live.fleet().cluster("cluster-02").orElseThrow();
            assertThat(c2.objectsOfKind("Secret")).isEmpty();
            assertThat(c2.objectsOfKind("Pod")).isNotEmpty();
        }
    }

    /** The gap of a forbidden kind is written in the report's language, like every other gap. */
    @Test
    void aForbiddenKindsGapIsInTheReportsLanguage(@TempDir Path dir) {
        try (MockFleet damaged = MockFleet.start(SEED, dir)) {
            damaged.server("cluster-02").expect().get().withPath("/api/v1/secrets?limit=500")
                    .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                            .withMessage("secrets is forbidden").build())
                    .always();
            LiveFleet korean = new LiveFleetReader(damaged.accessFactory(), 2, LiveProgress.NONE, java.util.Locale.KOREAN)
                    .read(damaged.spec());
            LiveFleet english = new LiveFleetReader(damaged.accessFactory(), 2, LiveProgress.NONE, java.util.Locale.ENGLISH)
                    .read(damaged.spec());

            assertThat(korean.gaps()).singleElement().satisfies(gap -> {
                assertThat(gap.cluster()).isEqualTo("cluster-02");
                assertThat(gap.reason()).startsWith("Secret을(를) 읽을 수 없습니다").contains("HTTP 403")
                        .contains("list 권한이 없습니다").contains("cluster-02에서").endsWith("list secrets: HTTP 403: secrets is forbidden");
            });
            assertThat(english.gaps()).singleElement().extracting(g -> g.reason()).asString()
                    .isEqualTo("Secret could not be read (HTTP 403 forbidden: the credentials lack list on this kind):"
                            + " checks that look at Secret objects did not see them on cluster-02. list secrets: HTTP 403: secrets is forbidden");
        }
    }

    @Test
    void anUnresolvableHostOrAMissingContextIsUnreachableWithItsReason() throws Exception {
        String text = Files.readString(mock.kubeconfig());
        String broken = text
                // cluster-01's server is a host name that cannot resolve (RFC 6761 .invalid)
                .replaceFirst("server: http://[^\\n]+", "server: http://no-such-host.invalid:6443")
                // and no context is called cluster-04 any more
                .replace("- name: cluster-04\n  context:", "- name: other\n  context:");
        assertThat(broken).contains("no-such-host.invalid").doesNotContain("- name: cluster-04\n  context:");
        Path kubeconfig = Files.writeString(temp.resolve("broken-kubeconfig"), broken);

        LiveFleet live = readLive(mock, new KubeconfigAccessFactory(List.of(kubeconfig), Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
        assertThat(live.unreachable()).extracting(ClusterFailure::cluster, ClusterFailure::reason)
                .containsExactly(tuple("cluster-01", Reason.DNS), tuple("cluster-04", Reason.KUBECONFIG));
        assertThat(live.fleet().clusters()).extracting(Cluster::name).containsExactly("cluster-02", "cluster-03");
    }

    private static Set<String> ids(Cluster cluster) {
        return cluster.objects().stream().map(o -> o.kind() + " " + o.namespace() + "/" + o.name())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
