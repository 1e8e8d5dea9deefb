package io.promfleet.core.plan;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.Settings;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.OwnerReference;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.api.topology.ServiceEndpoint;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.plugin.ExtensionCall;
import io.promfleet.core.plugin.ExtensionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns findings into a {@link Plan}: asks each remediator for the actions answering its checks, refuses any
 * action that breaks a safety rule, orders the actions by phase and then cluster (fleet order, the central
 * first), and puts gates between them so that nothing an edge's data or alerts depend on is removed before
 * the central demonstrably receives that edge and evaluates its rules.
 *
 * <p>The safety rules hold whatever a (third-party) remediator returns:
 * <ul>
 *   <li>no object owned by a Prometheus Operator resource is deleted or scaled down directly: the operator
 *       recreates it (change the owning resource, or the Helm values rendering it);</li>
 *   <li>what an edge still needs — its agent, kube-state-metrics, node-exporter, the operator and its
 *       CRDs — is never deleted or scaled down, and nothing but the agent's own configuration change touches it;</li>
 *   <li>no change carries a Secret: objects reference Secrets by name.</li>
 * </ul>
 * One cluster at a time: every step changes one cluster, and each edge's removals end with a gate that the
 * next edge's removals wait for.
 */
public final class PlanEngine {

    /** Owner kinds whose operator recreates what is deleted under them. */
    static final Set<String> OPERATOR_KINDS = Set.of("Prometheus", "PrometheusAgent", "Alertmanager", "ThanosRuler");

    private final List<Remediator> remediators;
    private final Settings settings;
    private final Clock clock;
    private final Duration planTimeout;

    /** With the audit's default check time limit for each remediator's {@code plan}. */
    public PlanEngine(List<Remediator> remediators, Settings settings, Clock clock) {
        this(remediators, settings, clock, AuditEngine.DEFAULT_CHECK_TIMEOUT);
    }

    /** @param planTimeout how long each remediator's {@code plan} may run; one still running then is a problem */
    public PlanEngine(List<Remediator> remediators, Settings settings, Clock clock, Duration planTimeout) {
        this.remediators = List.copyOf(remediators);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.planTimeout = Objects.requireNonNull(planTimeout, "planTimeout");
        if (planTimeout.isNegative() || planTimeout.isZero()) {
            throw new IllegalArgumentException("the plan time limit must be positive, got " + planTimeout);
        }
    }

    /** What remediators read. */
    private record Context(Fleet fleet, Settings settings) implements RemediationContext {}

    /**
     * Plans the remediation of {@code findings} (an audit's) in {@code fleet}.
     *
     * @throws UnsafePlanException when a remediator proposes an action that breaks a safety rule
     */
    public Plan plan(Fleet fleet, List<Finding> findings) {
        Context context = new Context(fleet, settings);
        List<Action> actions = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        Set<String> ids = new HashSet<>();
        List<PlanProblem> problems = new ArrayList<>();
        for (Remediator remediator : remediators) {
            List<Action> proposed = ask(remediator, context, findings, problems);
            for (Action action : proposed) {
                check(fleet, remediator, action);
                if (!ids.add(action.id())) {
                    throw new UnsafePlanException("two actions share the id " + action.id());
                }
                actions.add(action);
                answered.addAll(action.addresses());
            }
        }
        List<Finding> unaddressed = findings.stream().filter(f -> !answered.contains(f.check())).toList();
        return new Plan(fleet.name(), clock.instant(), context.gateWindow(), context.purgeData(),
                order(fleet, actions), unaddressed, problems);
    }

    /**
     * The actions {@code remediator} proposes for its findings. A remediator (perhaps a third party's) that
     * throws, answers with no list, or is still planning at the time limit (it is left running on its daemon
     * thread) becomes a problem naming it and its jar, and its findings stay unaddressed: one broken remediator
     * must not cost the whole plan. An unsafe action is different: it is refused loudly by {@link #check}, since
     * a plan that silently dropped it might still look complete.
     */
    private List<Action> ask(Remediator remediator, Context context, List<Finding> findings,
            List<PlanProblem> problems) {
        String id = null;
        List<Finding> mine = List.of();
        String failure;
        try {
            id = remediator.id();
            Set<String> answers = remediator.answers();
            mine = findings.stream().filter(f -> answers.contains(f.check())).toList();
            if (mine.isEmpty()) {
                return List.of();
            }
            List<Finding> asked = mine;
            ExtensionCall<List<Action>> call = ExtensionCall.run("promfleet-plan-" + id, remediator, planTimeout,
                    () -> remediator.plan(context, asked));
            List<Action> proposed = call.value();
            failure = switch (call.status()) {
                case RETURNED -> proposed == null || proposed.stream().anyMatch(Objects::isNull)
                        ? "failed while planning: " + remediator.getClass().getName() + ".plan(...) returned "
                                + (proposed == null ? "null" : "a null action") + " instead of a list of actions"
                        : null;
                case TIMED_OUT -> "did not finish planning within " + PromDuration.format(planTimeout)
                        + " (the check time limit): " + remediator.getClass().getName()
                        + " was left running";
                case INTERRUPTED -> "interrupted while planning";
                case THREW -> threw(remediator, call.failure());
            };
            if (failure == null) {
                return List.copyOf(proposed);
            }
        } catch (RuntimeException | LinkageError e) {
            failure = threw(remediator, e);
        }
        Set<String> checks = new java.util.TreeSet<>();
        mine.forEach(f -> checks.add(f.check()));
        problems.add(new PlanProblem(ExtensionRegistry.origin(remediator), id, failure
                + (checks.isEmpty() ? "" : "; its findings of " + String.join(", ", checks) + " are left unaddressed")));
        return List.of();
    }

    private static String threw(Remediator remediator, Throwable e) {
        return "failed while planning: " + remediator.getClass().getName() + " threw " + e + where(e);
    }

    private List<PlanStep> order(Fleet fleet, List<Action> actions) {
        List<String> clusterOrder = new ArrayList<>();
        fleet.centrals().forEach(c -> clusterOrder.add(c.name()));
        fleet.edges().forEach(c -> clusterOrder.add(c.name()));
        Comparator<Action> byCluster = Comparator.comparingInt(a -> {
            int i = clusterOrder.indexOf(a.cluster());
            return i < 0 ? Integer.MAX_VALUE : i;
        });
        List<Action> sorted = new ArrayList<>(actions);
        // Stable: within a phase and a cluster, the remediators' own order stands.
        sorted.sort(Comparator.comparing(Action::phase).thenComparing(byCluster));
        Steps steps = new Steps();
        Optional<Cluster> central = fleet.centrals().stream().findFirst();
        String query = central.map(PlanEngine::queryApi).orElse("Thanos Query");
        Set<String> edgesInPlan = new LinkedHashSet<>();
        fleet.edges().stream().map(Cluster::name)
                .filter(e -> sorted.stream().anyMatch(a -> a.cluster().equals(e)))
                .forEach(edgesInPlan::add);
        Duration window = new Context(fleet, settings).gateWindow();

        for (Phase phase : Phase.values()) {
            List<Action> inPhase = sorted.stream().filter(a -> a.phase() == phase).toList();
            switch (phase) {
                case DEPLOY_RECEIVE -> {
                    inPhase.forEach(steps::add);
                    inPhase.stream().filter(a -> a.changes().stream().anyMatch(c -> c instanceof ObjectChange o
                            && o.kind().equals("StatefulSet") && o.operation() == ObjectChange.Operation.CREATE))
                            .forEach(a -> steps.add(new Gate("receive-ready-" + slug(a.cluster()), phase, a.cluster(),
                                    "Thanos Receive is ready on " + a.cluster() + " and its LoadBalancer Service has an "
                                            + "address (which the repointed URLs use)", Gate.Api.KUBERNETES,
                                    "StatefulSet readyReplicas == replicas; Service status.loadBalancer.ingress not empty",
                                    Duration.ZERO)));
                }
                case GATE_RECEIVING -> {
                    inPhase.forEach(steps::add);
                    long minutes = Math.max(1, window.toMinutes());
                    for (String edge : edgesInPlan) {
                        steps.add(new Gate("receiving-" + slug(edge), phase, edge,
                                "The central has received samples from " + edge + " every minute for "
                                        + format(window) + ", asked of " + query,
                                Gate.Api.THANOS_QUERY,
                                "count_over_time((count(up{cluster=\"" + edge + "\"}) > 0)[" + format(window) + ":1m]) >= "
                                        + minutes,
                                window));
                    }
                }
                case MOVE_RULES -> {
                    for (Action a : inPhase) {
                        steps.add(a);
                        if (a.changes().stream().anyMatch(c -> c instanceof ObjectChange o && o.kind().equals("PrometheusRule"))) {
                            steps.add(new Gate("rules-evaluated-" + a.id(), phase, a.cluster(),
                                    "The Thanos Ruler has loaded the rule groups " + a.id() + " created and evaluates "
                                            + "them without errors", Gate.Api.THANOS_RULER,
                                    "GET /api/v1/rules: every group of the copied PrometheusRules present, every rule "
                                            + "health=\"ok\" and lastError empty",
                                    Duration.ZERO));
                        }
                    }
                }
                case REMOVE_DUPLICATES -> {
                    // One cluster at a time: a cluster's removals end with a gate the next cluster waits for.
                    for (String cluster : clusterOrder) {
                        List<Action> mine = inPhase.stream().filter(a -> a.cluster().equals(cluster)).toList();
                        if (mine.isEmpty()) {
                            continue;
                        }
                        mine.forEach(steps::add);
                        if (edgesInPlan.contains(cluster)) {
                            steps.add(new Gate("still-receiving-" + slug(cluster), phase, cluster,
                                    "After the removals, the central still receives " + cluster
                                            + " (its agent is untouched), asked of " + query
                                            + "; only then does the next cluster's removal start",
                                    Gate.Api.THANOS_QUERY, "count(up{cluster=\"" + cluster + "\"}) > 0",
                                    Duration.ofMinutes(5)));
                        }
                    }
                    inPhase.stream().filter(a -> !clusterOrder.contains(a.cluster())).forEach(steps::add);
                }
                case VERIFY -> {
                    inPhase.forEach(steps::add);
                    for (String edge : edgesInPlan) {
                        steps.add(new Gate("series-queryable-" + slug(edge), phase, edge,
                                "Every series of " + edge + " is queryable centrally with its cluster label, asked of "
                                        + query, Gate.Api.THANOS_QUERY,
                                "count by (job) (up{cluster=\"" + edge + "\"})", Duration.ZERO));
                    }
                    if (sorted.stream().anyMatch(a -> a.phase() == Phase.MOVE_RULES)) {
                        steps.add(new Gate("moved-rules-evaluate", phase, central.map(Cluster::name).orElse(null),
                                "The moved rules evaluate on the central Thanos Ruler", Gate.Api.THANOS_RULER,
                                "GET /api/v1/rules: no rule with health!=\"ok\"", Duration.ZERO));
                    }
                    if (!sorted.isEmpty()) {
                        steps.add(new Gate("audit-clean", phase, null,
                                "Audit again: the findings this plan addressed are gone", Gate.Api.KUBERNETES,
                                "promfleet audit --fleet FLEET --live", Duration.ZERO));
                    }
                }
                default -> inPhase.forEach(steps::add);
            }
        }
        return steps.steps;
    }

    /** Numbers steps as they are added. */
    private static final class Steps {
        final List<PlanStep> steps = new ArrayList<>();

        void add(Action a) {
            steps.add(new PlanStep(steps.size() + 1, a.phase(), a.cluster(), a, null));
        }

        void add(Gate g) {
            steps.add(new PlanStep(steps.size() + 1, g.phase(), g.cluster(), null, g));
        }
    }

    private static String queryApi(Cluster central) {
        return central.topology().thanos(ThanosRole.QUERY).stream()
                .flatMap(q -> central.topology().servicesSelecting(q.podLabels()).stream())
                .findFirst().map((ServiceEndpoint s) -> "Thanos Query " + s.namespace() + "/" + s.name() + " on "
                        + central.name() + " (/api/v1/query)")
                .orElse("Thanos Query on " + central.name() + " (/api/v1/query)");
    }

    /** Where a plugin's exception was thrown, for its author: its first frame outside the JDK, e.g. {@code at com.acme.Fix.plan(Fix.java:12)}. */
    private static String where(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            // The JDK's frames (a requireNonNull, a List.of) say less than the caller's.
            if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")) {
                return " at " + frame;
            }
        }
        return "";
    }

    /** Refuses an action that breaks a safety rule, naming the remediator and the object. */
    private static void check(Fleet fleet, Remediator remediator, Action action) {
        Cluster cluster = fleet.cluster(action.cluster()).orElseThrow(() -> new UnsafePlanException(
                "remediator " + remediator.id() + " planned action " + action.id() + " in unknown cluster " + action.cluster()));
        Set<KubeObject> protectedObjects = Protection.protectedObjects(cluster);
        for (Change change : action.changes()) {
            if (!(change instanceof ObjectChange o)) {
                continue;
            }
            if (o.kind().equals("Secret")) {
                throw new UnsafePlanException(remediator.id() + ": action " + action.id() + " changes Secret " + o.ref()
                        + "; a plan references Secrets, it never carries them");
            }
            Optional<KubeObject> existing = cluster.object(o.kind(), o.namespace(), o.name());
            boolean removes = o.operation() == ObjectChange.Operation.DELETE || scalesDown(o);
            if (removes && existing.flatMap(KubeObject::controller).map(OwnerReference::kind)
                    .filter(OPERATOR_KINDS::contains).isPresent()) {
                throw new UnsafePlanException(remediator.id() + ": action " + action.id() + " would delete or scale "
                        + o.ref() + ", which its " + existing.get().controller().get().kind() + " resource owns: the "
                        + "operator recreates it; change the owning resource or the Helm values instead");
            }
            if (existing.isPresent() && protectedObjects.contains(existing.get())) {
                boolean agentConfigChange = action.phase() == Phase.REPOINT_REMOTE_WRITE && !removes;
                if (!agentConfigChange) {
                    throw new UnsafePlanException(remediator.id() + ": action " + action.id() + " touches " + o.ref()
                            + ", which " + cluster.name() + " still needs (agent, kube-state-metrics, node-exporter, "
                            + "Prometheus Operator)");
                }
            }
        }
    }

    private static boolean scalesDown(ObjectChange o) {
        return o.operation() == ObjectChange.Operation.REPLACE && o.after().path("spec", "replicas").asLong(1) == 0
                && o.before().path("spec", "replicas").asLong(1) != 0;
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    /** {@code 2h}, {@code 90m}: the Prometheus duration form PromQL reads. */
    static String format(Duration d) {
        if (d.toMinutes() % 60 == 0 && d.toHours() > 0) {
            return d.toHours() + "h";
        }
        return Math.max(1, d.toMinutes()) + "m";
    }
}
