package io.promfleet.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The streaming audit's contract with checks ({@link InspectionScope}) and its memory bound: a cluster is
 * read only a few clusters ahead of the one being inspected, whatever the fleet's size.
 */
class StreamingAuditEngineTest {

    private static final int CLUSTERS = 40;

    /** cluster-00 central, the rest edges, each with one Pod named after it. */
    private static Cluster cluster(int i) {
        String name = String.format("cluster-%02d", i);
        KubeObject pod = new KubeObject("v1", "Pod", "default", "pod-" + name, Map.of(), Map.of(), List.of(),
                Node.of(Map.of("kind", "Pod", "metadata", Map.of("name", "pod-" + name))), null);
        return new Cluster(name, i == 0 ? ClusterRole.CENTRAL : ClusterRole.EDGE, "cluster.local", List.of(pod),
                Topology.empty());
    }

    private static List<String> names() {
        return IntStream.range(0, CLUSTERS).mapToObj(i -> String.format("cluster-%02d", i)).toList();
    }

    private static List<ClusterRole> roles() {
        return IntStream.range(0, CLUSTERS).mapToObj(i -> i == 0 ? ClusterRole.CENTRAL : ClusterRole.EDGE).toList();
    }

    private static Inspector check(String id, InspectionScope scope, Consumer<InspectionContext> body) {
        return new Inspector() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return id;
            }

            @Override
            public Severity defaultSeverity() {
                return Severity.LOW;
            }

            @Override
            public InspectionScope scope() {
                return scope;
            }

            @Override
            public void inspect(InspectionContext context) {
                body.accept(context);
            }
        };
    }

    @Test
    void aClusterIsReadOnlyAFewClustersAheadOfTheOneInspected() {
        AtomicInteger read = new AtomicInteger();
        List<Integer> ahead = new CopyOnWriteArrayList<>();
        Inspector watching = check("watching", InspectionScope.CLUSTER, context -> {
            int index = Integer.parseInt(context.clustersToInspect().get(0).name().substring(8));
            ahead.add(read.get() - index);
        });
        new AuditEngine(List.of(watching), Settings.empty()).audit("f", names(), roles(), i -> {
            read.incrementAndGet();
            return cluster(i);
        });

        assertThat(ahead).hasSize(CLUSTERS);
        // the cluster under inspection, and at most three more: two readers and one waiting
        assertThat(ahead).allSatisfy(n -> assertThat(n).isBetween(1, 4));
        assertThat(read.get()).isEqualTo(CLUSTERS);
    }

    @Test
    void aClusterCheckSeesItsClusterWhole_theCentralsBesideIt_andNoOtherEdge() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Inspector perCluster = check("per-cluster", InspectionScope.CLUSTER, context -> {
            Cluster inspected = context.clustersToInspect().get(0);
            seen.add(inspected.name() + ":" + context.fleet().clusters().stream().map(Cluster::name).toList()
                    + ":" + inspected.objects().size());
            // reports on every cluster it sees: only the one under inspection may count
            for (Cluster c : context.fleet().clusters()) {
                context.report(context.finding().cluster(c.name()).message("seen " + c.name()).build());
            }
            context.report(context.finding().message("fleet-level, reported in every call").build());
            context.coverageGap(null, "a gap reported in every call");
        });
        AuditReport report = new AuditEngine(List.of(perCluster), Settings.empty())
                .audit("f", names(), roles(), StreamingAuditEngineTest::cluster);

        assertThat(seen).hasSize(CLUSTERS).startsWith("cluster-00:[cluster-00]:1", "cluster-01:[cluster-00, cluster-01]:1");
        assertThat(report.findings()).hasSize(CLUSTERS + 1);
        assertThat(report.findings().stream().filter(f -> f.cluster() != null))
                .allSatisfy(f -> assertThat(f.message()).isEqualTo("seen " + f.cluster()));
        assertThat(report.coverageGaps()).singleElement().satisfies(g -> assertThat(g.reason()).contains("every call"));
    }

    @Test
    void aTopologyCheckSeesEveryClusterAfterTheClusterChecks_withTheEdgesObjectsDropped() {
        List<String> order = new CopyOnWriteArrayList<>();
        Inspector perCluster = check("per-cluster", InspectionScope.CLUSTER,
                context -> order.add("cluster " + context.clustersToInspect().get(0).name()));
        Inspector whole = check("whole", InspectionScope.TOPOLOGY, context -> {
            order.add("topology");
            List<String> sizes = new ArrayList<>();
            context.fleet().clusters().forEach(c -> sizes.add(c.name() + "=" + c.objects().size()));
            context.report(context.finding().message(String.join(",", sizes)).build());
        });
        AuditReport report = new AuditEngine(List.of(whole, perCluster), Settings.empty())
                .audit("f", names(), roles(), StreamingAuditEngineTest::cluster);

        assertThat(order).hasSize(CLUSTERS + 1).last().isEqualTo("topology");
        // the central stays whole; an edge keeps no object nothing points at
        assertThat(report.findings()).singleElement().extracting(f -> f.message()).asString()
                .startsWith("cluster-00=1,cluster-01=0,cluster-02=0");
        assertThat(report.fleet().clusters()).hasSize(CLUSTERS);
    }

    @Test
    void aCheckThatDeclaresNoScopeMakesTheWholeFleetLoadAndSeesEveryObject() {
        List<Integer> objects = new CopyOnWriteArrayList<>();
        Inspector legacy = new Inspector() {
            @Override
            public String id() {
                return "legacy";
            }

            @Override
            public String description() {
                return "built for SPI 1.2";
            }

            @Override
            public Severity defaultSeverity() {
                return Severity.LOW;
            }

            @Override
            public void inspect(InspectionContext context) {
                objects.add(context.fleet().clusters().stream().mapToInt(c -> c.objects().size()).sum());
                assertThat(context.clustersToInspect()).hasSize(CLUSTERS);
            }
        };
        new AuditEngine(List.of(legacy), Settings.empty()).audit("f", names(), roles(), StreamingAuditEngineTest::cluster);

        assertThat(legacy.scope()).isEqualTo(InspectionScope.FLEET);
        assertThat(objects).containsExactly(CLUSTERS);
    }

    @Test
    void aFindingOnAClusterOutsideTheFleetIsStillAGap() {
        Inspector stray = check("stray", InspectionScope.CLUSTER,
                context -> context.report(context.finding().cluster("cluster-99").message("x").build()));
        AuditReport report = new AuditEngine(List.of(stray), Settings.empty())
                .audit("f", names(), roles(), StreamingAuditEngineTest::cluster);

        assertThat(report.findings()).isEmpty();
        assertThat(report.coverageGaps()).singleElement().satisfies(g -> assertThat(g.reason()).contains("cluster-99"));
    }

    @Test
    void aSnapshotThatCannotBeReadStopsTheAuditWithItsError() {
        Inspector any = check("any", InspectionScope.CLUSTER, context -> {});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditEngine(List.of(any), Settings.empty())
                        .audit("f", names(), roles(), i -> {
                            if (i == 17) {
                                throw new io.promfleet.core.InputException("cluster-17/pods.yaml:3: bad");
                            }
                            return cluster(i);
                        }))
                .isInstanceOf(io.promfleet.core.InputException.class).hasMessageContaining("cluster-17/pods.yaml:3");
    }
}
