package io.promfleet.e2e.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.apply.ApplyOptions;
import io.promfleet.core.apply.ApplyResult;
import io.promfleet.core.apply.JournalEntry;
import io.promfleet.core.apply.JournalReader;
import io.promfleet.core.apply.PlanFile;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetFileParser;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanJsonWriter;
import io.promfleet.core.plan.PlanStep;
import io.promfleet.e2e.harness.k3s.K3sFleet;
import io.promfleet.e2e.harness.k3s.KubeApi;
import io.promfleet.e2e.harness.k3s.ServerObjects;
import io.promfleet.e2e.harness.k3s.SnapshotLoader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code promfleet apply} and {@code rollback} of the seed fleet's plan against real Kubernetes API servers (issue
 * 7, "Use it"; issue 9's tests): the seed fleet loaded into one k3s control plane per cluster, the plan made from a
 * live audit of them, and the engines wired as the CLI wires them ({@link RemediationRig}).
 *
 * <p>Written once, run against each backend that can start the servers: {@code RemediationInK3sIT} (k3s processes,
 * runs here) and {@code RemediationInContainersIT} (k3s containers, needs Docker). One fleet per class, shared by
 * its tests: each test starts from the fleet as loaded (checked before it; a test that leaves changes behind has
 * its journals rolled back after it) because starting four servers costs more than all the tests.
 *
 * <p>What is real here and what is not: the API servers are (validation, server-side dry run, optimistic locking,
 * the garbage collector). Nothing runs Pods and no Prometheus Operator, Helm, Thanos or load balancer exists, so
 * their parts are played by doubles that say so: {@link ThanosDouble}, {@link HelmDouble}, and the status writes
 * in {@link RemediationRig#gates()}. Assertions are about what the API servers hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RemediationScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATOR_KINDS = Set.of("Prometheus", "Alertmanager");

    private K3sFleet fleet;
    private String skipReason;
    private Path work;
    private ThanosDouble thanos;
    private RemediationRig rig;
    private Path planFile;
    private PlanFile plan;
    /** The fleet as loaded. */
    private FleetState original;
    /** The fleet as the current test found it: as loaded, but for the status of Pods an earlier rollback made again. */
    private FleetState before;
    private AuditReport originalAudit;
    private final List<Path> journals = new ArrayList<>();

    /** Short, for the work directory: {@code k3s}, {@code containers}. */
    abstract String backend();

    /** Why this backend cannot run here, or empty. */
    abstract Optional<String> unavailable();

    /** Starts one API server per cluster of {@code seedFleet} and loads the fleet into them. */
    abstract K3sFleet start(Path seedFleet, Path workDir);

    @BeforeAll
    void startFleet() throws IOException {
        skipReason = unavailable().orElse(null);
        if (skipReason != null) {
            return;
        }
        Path root = Path.of(System.getProperty("promfleet.root", "..")).toAbsolutePath();
        work = Path.of(System.getProperty("promfleet.e2e.workDir", "target/e2e")).toAbsolutePath()
                .resolve("remediation-" + backend());
        fleet = start(root.resolve("examples/seed-fleet/fleet.yaml"), work.resolve("fleet"));
        String central = fleet.clusters().stream().filter(c -> roleOf(c) == ClusterRole.CENTRAL).findFirst().orElseThrow();
        thanos = new ThanosDouble(fleet.api(central));
        rig = new RemediationRig(fleet.fleetFile(), fleet.kubeconfig(), thanos.url());
        // `promfleet plan --live --format json > plan.json`, read back as `promfleet apply --plan` reads it
        planFile = work.resolve("plan.json");
        Plan made = rig.planLive();
        try (Writer out = Files.newBufferedWriter(planFile)) {
            new PlanJsonWriter().write(made, out);
        }
        plan = PlanFile.read(planFile);
        original = FleetState.read(rig.apis);
        originalAudit = rig.audit();
    }

    private ClusterRole roleOf(String cluster) {
        return new FleetFileParser().parse(fleet.fleetFile()).clusters().stream()
                .filter(c -> c.name().equals(cluster)).map(ClusterSpec::role).findFirst().orElseThrow();
    }

    @AfterAll
    void stopFleet() {
        if (thanos != null) {
            thanos.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @BeforeEach
    void fromTheFleetAsLoaded() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        rig.writes.clear();
        rig.helm.collected.clear();
        rig.helm.terminated.clear();
        rig.afterWrite = n -> { };
        journals.clear();
        before = FleetState.read(rig.apis);
        // An earlier test's rollback may have made a deleted Pod again, without the status the loader wrote.
        List<String> left = before.withoutStatusOf(original.pods()).differencesFrom(original.withoutStatusOf(original.pods()));
        if (!left.isEmpty()) {
            fail("the fleet is not as loaded (an earlier test left it changed, and rolling back its journals did not "
                    + "restore it): " + left);
        }
    }

    /** What differs from {@code expected} after a rollback of {@code journal}: Pods it made again are compared without status. */
    private List<String> restoredDifferences(FleetState expected, Path journal) {
        Set<String> remade = new TreeSet<>();
        for (JournalEntry e : new JournalReader().read(journal).entries()) {
            if (e.type() == JournalEntry.Type.UNDO && "create".equals(e.operation()) && "Pod".equals(e.ref().get("kind"))) {
                remade.add(e.cluster() + " Pod " + e.ref().get("namespace") + "/" + e.ref().get("name"));
            }
        }
        return FleetState.read(rig.apis).withoutStatusOf(remade).differencesFrom(expected.withoutStatusOf(remade));
    }

    @AfterEach
    void rollBackWhatATestLeft() {
        if (skipReason != null || FleetState.read(rig.apis).differencesFrom(before).isEmpty()) {
            return;
        }
        for (int i = journals.size() - 1; i >= 0; i--) {
            if (Files.exists(journals.get(i))) {
                rig.rollback(journals.get(i));
            }
        }
    }

    private Path journal(String name) {
        Path journal = work.resolve("journals").resolve(name + "-" + System.nanoTime() + ".jsonl");
        journals.add(journal);
        return journal;
    }

    @Test
    void aServerSideDryRunChangesNothingYetTheServersValidatedEveryWrite() {
        // Once as `apply` runs by default, once with --receive-url (where the edges will reach Receive).
        for (String receiveUrl : java.util.Arrays.asList(null, "http://10.0.0.50:19291/api/v1/receive")) {
            rig.writes.clear();
            Path journal = journal("dry-run");

            ApplyResult result = rig.apply(plan, journal, new ApplyOptions(true, false, null, receiveUrl, Set.of()), e -> { });

            assertEquals(ApplyResult.Status.COMPLETED, result.status(), log(result));
            // Every object change of the plan went to its API server with dryRun=All and was admitted there; but
            // without --receive-url, those whose after-state needs the address of a LoadBalancer Service that a dry
            // run cannot create (the edges' new remote-write URL), which the engine says it could not validate.
            long notValidated = result.log().stream().filter(l -> l.contains(": not validated: ")).count();
            assertEquals(receiveUrl == null, notValidated > 0, log(result));
            assertEquals(objectChanges(plan.plan()).size(), rig.writes.size() + notValidated,
                    String.join("\n", rig.writes) + "\n" + log(result));
            assertTrue(rig.writes.stream().allMatch(w -> w.endsWith(" dry-run")), String.join("\n", rig.writes));
            long helmDryRuns = result.log().stream().filter(l -> l.contains("helm --dry-run=server accepted it")).count();
            assertEquals(result.changed(), rig.writes.size() + helmDryRuns, log(result));
            FleetState after = FleetState.read(rig.apis);
            assertEquals(List.of(), after.differencesFrom(before));
            // Not even stored unchanged: a stored write, however equal, gets a new resourceVersion.
            for (ObjectChange o : objectChanges(plan.plan())) {
                String key = key(o);
                assertEquals(before.versions().get(key), after.versions().get(key), key);
            }
            assertTrue(new JournalReader().read(journal).entries().stream().allMatch(JournalEntry::dryRun));
            assertEquals(List.of(), rig.helm.collected);
        }
        // That the servers really validated rather than skipped the writes: anInvalidManifest... fails its dry run.
    }

    @Test
    void switchingOffTheOperatorResourcesLetsTheGarbageCollectorRemoveTheirStatefulSetsAndPods() {
        // What the GC must remove: everything the edges' Prometheus and Alertmanager resources own, through
        // ownerReferences carrying their uids on these servers (the loader pointed them there).
        Set<String> dependents = new TreeSet<>();
        Set<String> claims = new TreeSet<>();
        for (String cluster : edges()) {
            dependents.addAll(dependentsOfOperatorResources(cluster));
            before.objects().keySet().stream().filter(k -> k.startsWith(cluster + " PersistentVolumeClaim "))
                    .forEach(claims::add);
        }
        assertTrue(dependents.stream().anyMatch(d -> d.contains(" StatefulSet monitoring/prometheus-kube-prometheus-stack-prometheus")),
                dependents.toString());
        assertTrue(dependents.stream().anyMatch(d -> d.contains(" Pod ")), dependents.toString());
        Path journal = journal("gc");

        ApplyResult result = rig.apply(plan, journal, false);

        assertEquals(ApplyResult.Status.COMPLETED, result.status(), log(result));
        FleetState after = FleetState.read(rig.apis);
        for (String dependent : dependents) {
            assertFalse(after.objects().containsKey(dependent), dependent + " is still there");
        }
        assertEquals(dependents, new TreeSet<>(rig.helm.collected));
        // The Pods were marked Terminating by the collector (the double only confirms a deletion already begun).
        assertEquals(dependents.stream().filter(d -> d.contains(" Pod ")).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(rig.helm.terminated));
        // Owner-aware: the engine never deleted a StatefulSet (nor anything the operator owns) itself.
        for (JournalEntry e : new JournalReader().read(journal).entries()) {
            if (e.type() == JournalEntry.Type.CHANGE && "delete".equals(e.operation())) {
                assertNotEquals("StatefulSet", e.ref().get("kind"), "the journal deletes " + e.refText());
                assertFalse(dependents.contains(e.cluster() + " " + e.ref().get("kind") + " " + e.ref().get("namespace")
                        + "/" + e.ref().get("name")), "the journal deletes " + e.refText());
            }
        }
        assertTrue(rig.writes.stream().noneMatch(w -> w.startsWith("DELETE") && w.contains(":StatefulSet/")),
                String.join("\n", rig.writes));
        // The data stays: a StatefulSet's claims are not its dependents, and the plan purges nothing.
        assertTrue(after.objects().keySet().containsAll(claims), claims.toString());
    }

    @Test
    void anInvalidManifestIsRejectedByTheServerNamedInTheErrorAndChangesNothing() {
        // A StatefulSet without spec.selector: apps/v1 requires one (the Fabric8 mock would store it).
        ObjectNode statefulSet = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "StatefulSet");
        statefulSet.putObject("metadata").put("name", "promfleet-invalid").put("namespace", "monitoring");
        ObjectNode spec = statefulSet.putObject("spec").put("serviceName", "promfleet-invalid").put("replicas", 1);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", "promfleet-invalid");
        template.putObject("spec").putArray("containers").addObject().put("name", "x").put("image", "busybox");
        String central = plan.plan().steps().get(0).cluster();
        ObjectChange create = ObjectChange.create(central, "apps/v1", "StatefulSet", "monitoring", "promfleet-invalid",
                Node.of(JSON.convertValue(statefulSet, Map.class)));
        // A label value with a space and a '!': not a valid label value.
        ObjectChange relabel = invalidRelabel(central);

        for (ObjectChange invalid : List.of(create, relabel)) {
            for (boolean dryRun : List.of(true, false)) {
                Path journal = journal("invalid");
                String what = invalid.summary() + (dryRun ? " (dry run)" : "");

                ApplyResult result = rig.apply(onePlan(invalid), journal, dryRun);

                assertEquals(ApplyResult.Status.FAILED, result.status(), what + ": " + log(result));
                assertTrue(result.reason().contains(invalid.ref()) && result.reason().contains("HTTP 422"),
                        what + ": " + result.reason());
                assertTrue(result.reason().contains(invalid == create ? "spec.selector" : "metadata.labels"),
                        what + ": " + result.reason());
                FleetState after = FleetState.read(rig.apis);
                assertEquals(List.of(), after.differencesFrom(before), what);
                assertEquals(before.versions(), after.versions(), what);
                // The journal: the change was about to be made, the server rejected it (a failed line right after,
                // so the journal tells it from a crash mid-change), and it never became done.
                List<JournalEntry> entries = new JournalReader().read(journal).entries();
                List<JournalEntry> changes = entries.stream().filter(e -> e.type() == JournalEntry.Type.CHANGE).toList();
                assertEquals(1, changes.size(), what + ": " + entries);
                assertEquals(invalid.name(), changes.get(0).ref().get("name"));
                assertRejected(entries, changes.get(0), dryRun, what);
                assertTrue(entries.stream().noneMatch(e -> e.type() == JournalEntry.Type.DONE
                        || e.type() == JournalEntry.Type.STEP_DONE), what + ": " + entries);
                if (!dryRun) {
                    // Not done, so a resume tries it again (the object is still in its before-state: no drift).
                    ApplyResult resumed = rig.apply(onePlan(invalid), journal, false);
                    assertEquals(ApplyResult.Status.FAILED, resumed.status(), what + ": " + log(resumed));
                    assertTrue(resumed.log().stream().anyMatch(l -> l.contains("rejected in an earlier run")), log(resumed));
                    List<JournalEntry> again = new JournalReader().read(journal).entries();
                    JournalEntry retried = again.stream().filter(e -> e.type() == JournalEntry.Type.CHANGE)
                            .reduce((a, b) -> b).orElseThrow();
                    assertTrue(retried.seq() > changes.get(0).seq(), what + ": " + again);
                    assertRejected(again, retried, false, what);
                }
            }
        }
    }

    /** The line after {@code change} records its rejection: HTTP 422 and the server's message, not the whole object. */
    private static void assertRejected(List<JournalEntry> entries, JournalEntry change, boolean dryRun, String what) {
        JournalEntry failed = entries.get((int) change.seq());
        assertEquals(JournalEntry.Type.FAILED, failed.type(), what + ": " + entries);
        assertEquals(change.seq(), failed.of(), what + ": " + failed);
        assertEquals(422, failed.status(), what + ": " + failed);
        assertEquals(dryRun, failed.dryRun(), what + ": " + failed);
        assertTrue(failed.message().contains("HTTP 422") && failed.message().length() <= JournalEntry.MESSAGE_LIMIT + 1,
                what + ": " + failed.message());
    }

    @Test
    void applyLeavesNoHighFindingThePlanAddressedAndRollbackRestoresEveryObject() {
        Set<String> addressed = plan.plan().steps().stream().filter(s -> !s.isGate())
                .flatMap(s -> s.action().addresses().stream()).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(highFindings(originalAudit, addressed).isEmpty(), "the seed fleet has high findings the plan addresses");
        Path journal = journal("apply");

        ApplyResult applied = rig.apply(plan, journal, false);

        assertEquals(ApplyResult.Status.COMPLETED, applied.status(), log(applied));
        // The plan's last step is the live-audit gate: the engine itself saw the audit clean...
        assertTrue(applied.log().get(applied.log().size() - 1).contains("gate passed"), log(applied));
        // ...and so does a live audit of the servers now.
        assertEquals(List.of(), highFindings(rig.audit(), addressed));
        FleetState afterApply = FleetState.read(rig.apis);
        assertFalse(afterApply.differencesFrom(before).isEmpty());
        // Idempotent even without the journal: what the servers now hold (with their defaults filled in) is found
        // already as planned; no object is written (a Helm step runs again: Helm's values are not readable without
        // its release Secrets, which promfleet never reads).
        rig.writes.clear();
        ApplyResult fresh = rig.apply(plan, journal("fresh"), false);
        assertEquals(ApplyResult.Status.COMPLETED, fresh.status(), log(fresh));
        assertEquals(List.of(), rig.writes, log(fresh));
        assertEquals(List.of(), FleetState.read(rig.apis).differencesFrom(afterApply));

        ApplyResult rolledBack = rig.rollback(journal);

        assertEquals(ApplyResult.Status.COMPLETED, rolledBack.status(), log(rolledBack));
        assertEquals(List.of(), restoredDifferences(before, journal));
        rig.writes.clear();
        ApplyResult again = rig.rollback(journal);
        assertEquals(0, again.changed(), log(again));
        assertEquals(List.of(), rig.writes);
    }

    @Test
    void anApplyKilledMidwayResumesToWhereAnUninterruptedOneGetsAndASecondRunChangesNothing() throws Exception {
        Path uninterrupted = journal("uninterrupted");
        assertEquals(ApplyResult.Status.COMPLETED, rig.apply(plan, uninterrupted, false).status());
        FleetState applied = FleetState.read(rig.apis);
        int writes = rig.writes.size();
        assertEquals(ApplyResult.Status.COMPLETED, rig.rollback(uninterrupted).status());
        assertEquals(List.of(), restoredDifferences(before, uninterrupted));

        // Killed: with its first change journaled but not made; with a change made but not journaled done (the
        // last write of the central's Receive deployment); and late, after two edges' duplicates were removed.
        List<Kill> kills = List.of(new Kill("change", 2), new Kill("write", firstWriteOf(plan.plan(), 1) + changesOf(plan.plan(), 1)),
                new Kill("write", writes - 1));
        for (Kill kill : kills) {
            rig.writes.clear();
            Path journal = journal("killed-" + kill.point() + "-" + kill.k());
            String where = KilledApply.runAndKill(fleet.fleetFile(), fleet.kubeconfig(), thanos.url(), planFile, journal,
                    kill.point(), kill.k(), work);

            long stepsDone = new JournalReader().read(journal).entries().stream()
                    .filter(e -> e.type() == JournalEntry.Type.STEP_DONE).count();

            ApplyResult resumed = rig.apply(plan, journal, false);

            assertEquals(ApplyResult.Status.COMPLETED, resumed.status(), where + "\n" + log(resumed));
            // Every step the killed run finished is skipped, not made again.
            assertEquals(stepsDone, resumed.log().stream()
                    .filter(l -> l.matches("step \\d+ [^:]+: done in an earlier run")).count(), where + "\n" + log(resumed));
            if (kill.point().equals("write")) {
                // The change the killed process made, but never recorded as done, is recognised, not made twice.
                assertTrue(new JournalReader().read(journal).entries().stream()
                        .anyMatch(e -> "reconciled".equals(e.result())), where);
            }
            assertEquals(List.of(), FleetState.read(rig.apis).differencesFrom(applied), where);
            rig.writes.clear();
            ApplyResult again = rig.apply(plan, journal, false);
            assertEquals(ApplyResult.Status.COMPLETED, again.status(), where + "\n" + log(again));
            assertEquals(0, again.changed(), where + "\n" + log(again));
            assertEquals(List.of(), rig.writes, where);

            assertEquals(ApplyResult.Status.COMPLETED, rig.rollback(journal).status(), where);
            assertEquals(List.of(), restoredDifferences(before, journal), where);
        }
    }

    /**
     * A Pod bound to a Node is only marked Terminating by a delete until its kubelet confirms (30 s by default for a
     * running one). A rollback that finds the Pod it must restore still Terminating must not take it for restored
     * (it did, while {@code ServerFields} ignored {@code deletionTimestamp}: the Pod then vanished and nothing
     * brought it back; fixed in 07d9d92): it stops, and run again once the Pod is gone, makes it again.
     */
    @Test
    void aRollbackThatFindsTheDeletedPodStillTerminatingStopsAndRestoresItOnceItIsGone() {
        String cluster = edges().get(0);
        KubeApi api = fleet.api(cluster);
        KubeApi.Resource pods = api.resource("v1", "Pod").orElseThrow();
        // A running Pod bound to a Node, owned by no operator resource: its deletion waits for its kubelet.
        ObjectNode pod = api.list(pods).stream()
                .filter(p -> p.path("status").path("phase").asText().equals("Running")
                        && !p.path("spec").path("nodeName").asText().isEmpty()
                        && !p.path("metadata").has("ownerReferences"))
                .findFirst().orElseThrow(() -> new AssertionError("no running Pod without owner in " + cluster));
        pod.put("apiVersion", "v1").put("kind", "Pod");
        String namespace = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        ObjectChange delete = ObjectChange.delete(cluster, "v1", "Pod", namespace, name,
                Node.of(JSON.convertValue(pod, Map.class)));
        rig.kubelet = false;
        Path journal = journal("terminating");
        String path = pods.object(namespace, name);
        try {
            assertEquals(ApplyResult.Status.COMPLETED, rig.apply(onePlan(delete), journal, false).status());
            assertTrue(api.get(path).path("metadata").has("deletionTimestamp"), "the Pod is Terminating");

            ApplyResult rolledBack = rig.rollback(journal);

            assertNotEquals(ApplyResult.Status.COMPLETED, rolledBack.status(), log(rolledBack));
            assertTrue(rolledBack.reason().contains(name), log(rolledBack));
            // Its kubelet confirms the deletion now, as it would within the grace period.
            rig.confirmPodDeletion(cluster + ":Pod/" + namespace + "/" + name);
            assertTrue(api.find(path).isEmpty());
            ApplyResult again = rig.rollback(journal);
            assertEquals(ApplyResult.Status.COMPLETED, again.status(), log(again));
            assertTrue(api.find(path).isPresent(), namespace + "/" + name + " is not back: " + log(again));
        } finally {
            rig.kubelet = true;
            // The journal's rollback is complete as far as the engine knows, so a second one would not bring the
            // Pod back: load it again as the snapshot loader did.
            if (api.find(path).isEmpty()) {
                new SnapshotLoader(api).load(List.of(pod));
            }
        }
    }

    private record Kill(String point, int k) {}

    /** The 1-based number of the first write of the {@code n}th action step, counting object changes. */
    private static int firstWriteOf(Plan plan, int n) {
        int writes = 0;
        int actions = 0;
        for (PlanStep step : plan.steps()) {
            if (step.isGate()) {
                continue;
            }
            if (++actions == n) {
                return writes + 1;
            }
            writes += (int) step.action().changes().stream().filter(c -> c instanceof ObjectChange).count();
        }
        throw new IllegalArgumentException("no action " + n);
    }

    private static int changesOf(Plan plan, int n) {
        return (int) plan.steps().stream().filter(s -> !s.isGate()).skip(n - 1).findFirst().orElseThrow()
                .action().changes().stream().filter(c -> c instanceof ObjectChange).count() - 1;
    }

    private List<String> edges() {
        return fleet.clusters().stream().filter(c -> roleOf(c) == ClusterRole.EDGE).toList();
    }

    /** {@code cluster Kind namespace/name} of what the edge's Prometheus/Alertmanager resources own, transitively. */
    private Set<String> dependentsOfOperatorResources(String cluster) {
        List<ObjectNode> all = ServerObjects.read(fleet.api(cluster)).values().stream().flatMap(List::stream).toList();
        Set<String> owners = new LinkedHashSet<>();
        all.stream().filter(o -> OPERATOR_KINDS.contains(o.path("kind").asText()))
                .forEach(o -> owners.add(o.path("metadata").path("uid").asText()));
        Set<String> found = new TreeSet<>();
        for (boolean more = true; more; ) {
            more = false;
            for (ObjectNode o : all) {
                String uid = o.path("metadata").path("uid").asText();
                boolean owned = false;
                for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
                    owned |= owners.contains(ref.path("uid").asText());
                }
                if (owned && owners.add(uid)) {
                    found.add(cluster + " " + SnapshotLoader.key(o));
                    more = true;
                }
            }
        }
        return found;
    }

    private ObjectChange invalidRelabel(String cluster) {
        KubeApi api = fleet.api(cluster);
        KubeApi.Resource configMaps = api.resource("v1", "ConfigMap").orElseThrow();
        ObjectNode live = api.list(configMaps).stream()
                .filter(c -> c.path("metadata").path("namespace").asText().equals("monitoring")).findFirst().orElseThrow();
        live.put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode after = live.deepCopy();
        ObjectNode metadata = (ObjectNode) after.path("metadata");
        (metadata.get("labels") instanceof ObjectNode labels ? labels : metadata.putObject("labels"))
                .put("promfleet.io/note", "not a valid value!");
        String name = live.path("metadata").path("name").asText();
        return new ObjectChange(cluster, "v1", "ConfigMap", "monitoring", name,
                Node.of(JSON.convertValue(live, Map.class)), Node.of(JSON.convertValue(after, Map.class)));
    }

    private PlanFile onePlan(ObjectChange change) {
        Action action = new Action("invalid-" + change.kind().toLowerCase(java.util.Locale.ROOT), Phase.DEPLOY_RECEIVE,
                change.cluster(), "a deliberately invalid manifest", List.of(change), "", "", List.of());
        Plan one = new Plan(plan.plan().fleet(), RemediationRig.START, Duration.ofHours(2), false,
                List.of(new PlanStep(1, action.phase(), action.cluster(), action, null)), List.of());
        return PlanFile.of(one, "invalid-" + change.name() + ".json");
    }

    private static List<ObjectChange> objectChanges(Plan plan) {
        return plan.steps().stream().filter(s -> !s.isGate()).flatMap(s -> s.action().changes().stream())
                .filter(c -> c instanceof ObjectChange).map(c -> (ObjectChange) c).toList();
    }

    private static String key(ObjectChange o) {
        return o.cluster() + " " + o.kind() + " " + (o.namespace() == null ? "" : o.namespace() + "/") + o.name();
    }

    private static List<String> highFindings(AuditReport report, Set<String> checks) {
        return report.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH) && checks.contains(f.check()))
                .map(RemediationScenario::line).toList();
    }

    private static String line(Finding f) {
        return f.severity() + " " + f.check() + " " + f.cluster() + " " + f.kind() + "/" + f.namespace() + "/" + f.name();
    }

    private static String log(ApplyResult result) {
        return result.status() + " at step " + result.stoppedAt() + ": " + result.reason() + "\n"
                + String.join("\n", result.log());
    }
}
