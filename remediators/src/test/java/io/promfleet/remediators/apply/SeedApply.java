package io.promfleet.remediators.apply;

import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.core.Promfleet;
import io.promfleet.core.apply.ApplyEngine;
import io.promfleet.core.apply.ApplyOptions;
import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.DefaultGateChecker;
import io.promfleet.core.apply.GateChecker;
import io.promfleet.core.apply.Journal;
import io.promfleet.core.apply.KubeWriter;
import io.promfleet.core.apply.KubeconfigWriterFactory;
import io.promfleet.core.apply.LiveAuditVerifier;
import io.promfleet.core.apply.MovingClock;
import io.promfleet.core.apply.ObjectRef;
import io.promfleet.core.apply.PlanFile;
import io.promfleet.core.apply.PlannedCreates;
import io.promfleet.core.apply.ServerFields;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.live.KubeAccess;
import io.promfleet.core.live.KubeKind;
import io.promfleet.core.live.KubeconfigAccessFactory;
import io.promfleet.core.live.LiveFleet;
import io.promfleet.core.live.LiveFleetReader;
import io.promfleet.core.live.LiveProgress;
import io.promfleet.core.live.MockFleet;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The seed fleet (examples/seed-fleet) served by one Fabric8 mock API per cluster (CRUD mode, loopback), its plan
 * written as JSON and read back as {@code apply} reads it, a Thanos Query/Ruler test double, a kube-prometheus-stack
 * Helm double, and a clock that moves three hours each time it is read (so every gate window has elapsed).
 */
final class SeedApply implements AutoCloseable {

    static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    final Path dir;
    final MockFleet mock;
    final PlanFile plan;
    final Map<String, String> contexts = new LinkedHashMap<>();
    final KubeAccess.Factory readers;
    final KubeWriter.Factory writers;
    final ThanosDouble thanos;
    final FakeKubePrometheusStack helm;
    final Clock clock = MovingClock.from(START);
    /** The writes the engine made (not the test doubles'), as {@code OPERATION cluster:Kind/ns/name}. */
    final List<String> engineWrites = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** After this many engine writes, the next write is made and then the process "dies" (0: never). */
    volatile int crashAfterWrites;

    SeedApply(Path dir) {
        this(dir, Map.of());
    }

    /** @param settings plan settings, e.g. {@code plan.purge-data=true} */
    SeedApply(Path dir, Map<String, String> settings) {
        this.dir = dir;
        this.mock = MockFleet.start(SEED, dir);
        for (ClusterSpec c : mock.spec().clusters()) {
            contexts.put(c.name(), c.context());
        }
        this.readers = mock.accessFactory();
        this.writers = new KubeconfigWriterFactory(new KubeconfigAccessFactory(List.of(mock.kubeconfig()),
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
        this.plan = PlanFile.read(planFile(dir, settings));
        this.thanos = new ThanosDouble(plan.plan());
        this.helm = new FakeKubePrometheusStack(readers, writers, contexts);
    }

    /** The seed fleet's plan as `promfleet plan --format json` writes it. */
    static Path planFile(Path dir, Map<String, String> settings) {
        Path file = dir.resolve("plan.json");
        Promfleet.Builder builder = Promfleet.builder().classLoader(SeedApply.class.getClassLoader())
                .clock(Clock.fixed(START, ZoneOffset.UTC));
        settings.forEach(builder::setting);
        try (Promfleet promfleet = builder.build(); Writer out = Files.newBufferedWriter(file)) {
            Plan plan = promfleet.plan(FleetLoader.load(SEED));
            new PlanJsonWriter().write(plan, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Promfleet promfleet() {
        return Promfleet.builder().classLoader(SeedApply.class.getClassLoader())
                .clock(Clock.fixed(START, ZoneOffset.UTC)).build();
    }

    /** The gate checker of the CLI, against the Thanos double, with this test's controllers in front. */
    GateChecker gates() {
        DefaultGateChecker real = new DefaultGateChecker(thanos.url(), thanos.url(), new LiveAuditVerifier(this::audit));
        return (gate, context) -> {
            if (gate.api() == Gate.Api.KUBERNETES && gate.id().startsWith("receive-ready-")) {
                playControllers(gate, context.plan(), context.step().number());
            }
            return real.check(gate, context);
        };
    }

    /**
     * What the StatefulSet controller and the cloud's load balancer would do, which a mock API does not: the
     * created Receive becomes ready and its LoadBalancer Service gets an address.
     */
    @SuppressWarnings("unchecked")
    private void playControllers(Gate gate, Plan plan, int number) {
        try (KubeWriter cluster = writers.open(gate.cluster(), contexts.get(gate.cluster()))) {
            for (ObjectChange o : PlannedCreates.before(plan, gate.cluster(), number)) {
                ObjectRef ref = ObjectRef.of(o);
                Map<String, Object> live = cluster.get(ref).orElse(null);
                if (live == null) {
                    continue;
                }
                Map<String, Object> status = new LinkedHashMap<>();
                if (o.kind().equals("StatefulSet")) {
                    long replicas = Node.of(live).path("spec", "replicas").asLong(1);
                    status.put("replicas", replicas);
                    status.put("readyReplicas", replicas);
                } else if (o.kind().equals("Service") && "LoadBalancer".equals(Node.of(live).path("spec", "type").text(""))) {
                    status.put("loadBalancer", Map.of("ingress", List.of(Map.of("ip", "10.0.0.50"))));
                } else {
                    continue;
                }
                live.put("status", status);
                cluster.replace(ref, live, false);
            }
        }
    }

    ApplyEngine engine() {
        return new ApplyEngine(recordingWriters(), gates(), helm, clock);
    }

    /** The writers, recording the engine's writes and dying right after write {@link #crashAfterWrites}. */
    KubeWriter.Factory recordingWriters() {
        return io.promfleet.core.apply.RecordingKubeWriter.factory(writers, engineWrites, line -> {
            if (!line.endsWith("dry-run") && crashAfterWrites > 0 && engineWrites.size() == crashAfterWrites) {
                throw new Crash("after write " + crashAfterWrites + " (" + line + ")");
            }
        });
    }

    /** Thrown where a test kills the apply. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(String where) {
            super("simulated crash " + where);
        }
    }

    ApplyResult apply(Path journal, boolean dryRun) {
        return apply(journal, dryRun, e -> { });
    }

    io.promfleet.core.apply.ApplyResult rollback(Path journal) {
        try (Journal j = Journal.open(journal)) {
            return new io.promfleet.core.apply.RollbackEngine(recordingWriters(), helm, clock).rollback(j, false);
        }
    }

    ApplyResult apply(Path journal, boolean dryRun, Consumer<io.promfleet.core.apply.JournalEntry> afterSync) {
        return apply(journal, new ApplyOptions(dryRun, false, null, null, Set.of()), afterSync);
    }

    ApplyResult apply(Path journal, ApplyOptions options, Consumer<io.promfleet.core.apply.JournalEntry> afterSync) {
        try (Journal j = Journal.open(journal, afterSync)) {
            return engine().apply(plan, contexts, options, j);
        }
    }

    /** A live audit of the mock fleet, as `audit --live` makes it. */
    AuditReport audit() {
        LiveFleet live = new LiveFleetReader(readers, 4, LiveProgress.NONE).read(mock.spec());
        try (Promfleet promfleet = promfleet()) {
            return promfleet.audit(live);
        }
    }

    /** Every object of every cluster, without the fields the server manages, by {@code cluster:Kind/ns/name}. */
    Map<String, Map<String, Object>> state() {
        Map<String, Map<String, Object>> all = new TreeMap<>();
        for (ClusterSpec c : mock.spec().clusters()) {
            try (KubeAccess access = readers.open(c.name(), c.context())) {
                for (KubeKind kind : KubeKind.ALL) {
                    for (Map<String, Object> o : access.list(kind)) {
                        Node n = Node.of(o);
                        all.put(c.name() + ":" + kind.kind() + "/" + n.path("metadata", "namespace").text("") + "/"
                                + n.path("metadata", "name").text(""), ServerFields.strip(o));
                    }
                }
            }
        }
        return all;
    }

    @Override
    public void close() {
        thanos.close();
        mock.close();
    }
}
