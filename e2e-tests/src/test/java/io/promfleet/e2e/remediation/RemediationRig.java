package io.promfleet.e2e.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.core.Promfleet;
import io.promfleet.core.apply.ApplyEngine;
import io.promfleet.core.apply.ApplyOptions;
import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.DefaultGateChecker;
import io.promfleet.core.apply.GateChecker;
import io.promfleet.core.apply.Journal;
import io.promfleet.core.apply.JournalEntry;
import io.promfleet.core.apply.KubeWriter;
import io.promfleet.core.apply.KubeconfigWriterFactory;
import io.promfleet.core.apply.LiveAuditVerifier;
import io.promfleet.core.apply.MovingClock;
import io.promfleet.core.apply.ObjectRef;
import io.promfleet.core.apply.RecordingKubeWriter;
import io.promfleet.core.apply.PlanFile;
import io.promfleet.core.apply.PlannedCreates;
import io.promfleet.core.apply.RollbackEngine;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.fleet.FleetSpec;
import io.promfleet.core.live.KubeconfigAccessFactory;
import io.promfleet.core.live.LiveFleetReader;
import io.promfleet.core.live.LiveProgress;
import io.promfleet.core.plan.Plan;
import io.promfleet.e2e.harness.k3s.KubeApi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The apply and rollback engines wired as {@code promfleet apply} wires them, against the fleet a
 * {@code fleet.yaml} and kubeconfig describe (real API servers): Fabric8 writers by kubeconfig context, the CLI's
 * gate checker asking {@link ThanosDouble}, the final gate's live audit of the servers, and {@link HelmDouble}.
 * Built from files only, so that an apply in another JVM (one a test kills) is wired the same way.
 */
final class RemediationRig {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    final FleetSpec spec;
    final Path kubeconfig;
    final Map<String, String> contexts = new LinkedHashMap<>();
    final Map<String, KubeApi> apis = new LinkedHashMap<>();
    final HelmDouble helm;
    private final URI thanos;
    private final KubeWriter.Factory writers;
    /** The engine's writes to the API servers, in order, as {@code OPERATION cluster:Kind/ns/name[ dry-run]}. */
    final List<String> writes = new CopyOnWriteArrayList<>();
    /** Whether the engine's Pod deletions are confirmed at once, as a kubelet would ({@link #confirmPodDeletion}). */
    volatile boolean kubelet = true;
    /** Called after each write the API server accepted, with the number of writes so far. */
    volatile Consumer<Integer> afterWrite = n -> { };

    RemediationRig(Path fleetFile, Path kubeconfig, URI thanos) {
        this.spec = new FleetFileParser().parse(fleetFile);
        this.kubeconfig = kubeconfig;
        this.thanos = thanos;
        Map<String, Path> snapshots = new LinkedHashMap<>();
        for (ClusterSpec c : spec.clusters()) {
            contexts.put(c.name(), c.context());
            apis.put(c.name(), KubeApi.fromKubeconfig(kubeconfig, c.context()));
            snapshots.put(c.name(), c.snapshot());
        }
        this.helm = new HelmDouble(apis, snapshots);
        this.writers = new KubeconfigWriterFactory(readers());
    }

    KubeconfigAccessFactory readers() {
        return new KubeconfigAccessFactory(List.of(kubeconfig), KubeconfigAccessFactory.DEFAULT_CONNECT_TIMEOUT,
                KubeconfigAccessFactory.DEFAULT_REQUEST_TIMEOUT);
    }

    static Promfleet promfleet() {
        return Promfleet.builder().clock(Clock.fixed(START, ZoneOffset.UTC)).build();
    }

    /** `promfleet plan --live`: the plan for what the servers hold now. */
    Plan planLive() {
        try (Promfleet promfleet = promfleet()) {
            return promfleet.plan(audit(promfleet));
        }
    }

    /** `promfleet audit --live`. */
    AuditReport audit() {
        try (Promfleet promfleet = promfleet()) {
            return audit(promfleet);
        }
    }

    private AuditReport audit(Promfleet promfleet) {
        return promfleet.audit(new LiveFleetReader(readers(), LiveFleetReader.DEFAULT_CONCURRENCY, LiveProgress.NONE)
                .read(spec));
    }

    ApplyResult apply(PlanFile plan, Path journal, boolean dryRun) {
        return apply(plan, journal, dryRun, e -> { });
    }

    /** Applies {@code plan} journaling to {@code journal}; {@code afterSync} sees each journal line once it is on disk. */
    ApplyResult apply(PlanFile plan, Path journal, boolean dryRun, Consumer<JournalEntry> afterSync) {
        return apply(plan, journal, new ApplyOptions(dryRun, false, null, null, Set.of()), afterSync);
    }

    ApplyResult apply(PlanFile plan, Path journal, ApplyOptions options, Consumer<JournalEntry> afterSync) {
        try (Journal j = Journal.open(journal, afterSync)) {
            return new ApplyEngine(recording(), gates(), helm, MovingClock.after(START, journal)).apply(plan, contexts, options, j);
        }
    }

    ApplyResult rollback(Path journal) {
        try (Journal j = Journal.open(journal)) {
            return new RollbackEngine(recording(), helm, MovingClock.after(START, journal)).rollback(j, false);
        }
    }

    /**
     * The CLI's gate checker, asking the Thanos double, with the final gate's live audit. In front of it, before a
     * Receive readiness gate, what the controllers of a real cluster would have done by then and these servers
     * cannot: no kubelet runs a Pod and no load balancer exists, so the test writes, through the status
     * subresource as those controllers do, the created StatefulSet's ready replicas and the LoadBalancer
     * Service's address.
     */
    GateChecker gates() {
        DefaultGateChecker real = new DefaultGateChecker(thanos, thanos, new LiveAuditVerifier(this::audit));
        return (gate, context) -> {
            if (gate.api() == Gate.Api.KUBERNETES && gate.id().startsWith("receive-ready-")) {
                playControllers(gate, context.plan(), context.step().number());
            }
            return real.check(gate, context);
        };
    }

    private void playControllers(Gate gate, Plan plan, int number) {
        KubeApi api = apis.get(gate.cluster());
        for (ObjectChange o : PlannedCreates.before(plan, gate.cluster(), number)) {
            KubeApi.Resource resource = api.resource(o.apiVersion(), o.kind()).orElseThrow();
            String path = resource.object(o.namespace(), o.name());
            Optional<JsonNode> live = api.find(path);
            if (live.isEmpty()) {
                continue;
            }
            ObjectNode object = (ObjectNode) live.get();
            ObjectNode status = object.putObject("status");
            if (o.kind().equals("StatefulSet")) {
                long replicas = object.path("spec").path("replicas").asLong(1);
                status.put("replicas", replicas).put("readyReplicas", replicas).put("currentReplicas", replicas)
                        .put("updatedReplicas", replicas).put("availableReplicas", replicas);
            } else if (o.kind().equals("Service") && object.path("spec").path("type").asText().equals("LoadBalancer")) {
                status.putObject("loadBalancer").putArray("ingress").addObject().put("ip", "10.0.0.50");
            } else {
                continue;
            }
            api.replace(path + "/status", object);
        }
    }

    /**
     * The engine's writers, recording each write the API server accepted; after a Pod's deletion, what its kubelet
     * would do (see {@link #confirmPodDeletion}), then the test's hook.
     */
    private KubeWriter.Factory recording() {
        return RecordingKubeWriter.factory(writers, writes, line -> {
            if (kubelet && line.startsWith("DELETE ") && line.contains(":Pod/") && !line.endsWith(" dry-run")) {
                confirmPodDeletion(line.substring("DELETE ".length()));
            }
            afterWrite.accept(writes.size());
        });
    }

    /**
     * What the Pod's kubelet does once its containers stopped: a Pod bound to a Node is only marked Terminating
     * by a delete (unless it already ended, as the seed's failed test Pod had), and the kubelet then deletes it
     * for good. No kubelet runs here; without this, a Pod an earlier rollback made again (Pending, its status is
     * the kubelet's) would stay Terminating for ever.
     *
     * @param ref as {@link ObjectRef#toString()} writes it: {@code cluster:Pod/namespace/name}
     */
    void confirmPodDeletion(String ref) {
        String[] clusterAndRest = ref.split(":", 2);
        String[] path = clusterAndRest[1].split("/");
        KubeApi api = apis.get(clusterAndRest[0]);
        String pod = api.resource("v1", "Pod").orElseThrow().object(path[1], path[2]);
        if (api.find(pod).filter(p -> p.path("metadata").has("deletionTimestamp")).isPresent()) {
            api.deleteNow(pod);
        }
    }
}
