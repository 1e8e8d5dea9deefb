package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.InputException;
import io.promfleet.core.live.KubeAccessException;
import io.promfleet.core.plan.PlanStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a plan against the live clusters: one step at a time, hence one cluster at a time, each change journaled
 * (and synced) before it is made and marked done after. Dry-run unless told otherwise: every write then goes
 * with server-side {@code dryRun=All}, so the API servers validate and admit it and store nothing.
 *
 * <p>Whatever the plan says, apply refuses to:
 * <ul>
 *   <li>touch a Secret (a plan references Secrets; one never lands in a journal);</li>
 *   <li>delete, or scale to zero, an object a Prometheus Operator resource controls (the operator recreates it:
 *       the seed audit's script made exactly this mistake);</li>
 *   <li>delete a PersistentVolumeClaim without {@code --purge-data}, before the cluster's receiving gate passed,
 *       or before a backup step of that cluster is done;</li>
 *   <li>change an object that is no longer what the plan saw (re-plan instead).</li>
 * </ul>
 * ({@link SafetyRules} holds these rules.)
 *
 * <p>Run again with the same journal, it resumes: steps done are skipped, a change that was journaled but not
 * marked done is reconciled with the live object. Run again with a fresh journal, it changes nothing that is
 * already as the plan wants it (compared without the fields the server manages).
 */
@Experimental
public final class ApplyEngine {

    private final KubeWriter.Factory writers;
    private final GateChecker gates;
    private final HelmRunner helm;
    private final Clock clock;
    private final ApplyTexts texts;

    /** An engine that writes its log and reasons in English. */
    public ApplyEngine(KubeWriter.Factory writers, GateChecker gates, HelmRunner helm, Clock clock) {
        this(writers, gates, helm, clock, Locale.ENGLISH);
    }

    /**
     * @param writers opens each cluster's API by its kubeconfig context
     * @param gates   checks the gates
     * @param helm    runs Helm steps, or null: stop at them with the command to run
     * @param clock   stamps the journal and times the gates' windows
     * @param locale  the language of the log and the reasons ({@code --lang}); the journal stays English
     */
    public ApplyEngine(KubeWriter.Factory writers, GateChecker gates, HelmRunner helm, Clock clock, Locale locale) {
        this.writers = Objects.requireNonNull(writers, "writers");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.helm = helm;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.texts = new ApplyTexts(locale);
    }

    /**
     * Applies {@code plan}, journaling to {@code journal}.
     *
     * @param contexts each cluster's kubeconfig context, by the fleet file's cluster name
     * @throws InputException when the journal records another plan, or the plan names a cluster without a context
     */
    public ApplyResult apply(PlanFile plan, Map<String, String> contexts, ApplyOptions options, Journal journal) {
        JournalState state = JournalState.of(journal.entries());
        if (!options.dryRun()) {
            state.requireSamePlan(plan.sha256(), journal.file().toString());
        }
        for (PlanStep step : plan.plan().steps()) {
            if (step.cluster() != null && !step.isGate() && !contexts.containsKey(step.cluster())) {
                throw new InputException(plan.source() + ": step " + step.number() + " changes cluster "
                        + step.cluster() + ", which the fleet file does not have");
            }
        }
        journal.append(JournalEntry.run("apply", plan.source(), plan.sha256(), plan.plan().fleet(),
                new LinkedHashMap<>(contexts), options.dryRun(), clock.instant()));
        try (Clusters clusters = new Clusters(writers, contexts)) {
            return new Run(plan, options, journal, state, clusters).execute();
        }
    }

    /** The clusters' APIs, opened when first needed and closed at the end of the run. */
    static final class Clusters implements AutoCloseable {
        private final KubeWriter.Factory factory;
        private final Map<String, String> contexts;
        private final Map<String, KubeWriter> open = new LinkedHashMap<>();

        Clusters(KubeWriter.Factory factory, Map<String, String> contexts) {
            this.factory = factory;
            this.contexts = contexts;
        }

        KubeWriter get(String cluster) {
            return open.computeIfAbsent(cluster, c -> {
                String context = contexts.get(c);
                if (context == null) {
                    throw new InputException("cluster " + c + " has no kubeconfig context (is it in the fleet file?)");
                }
                return factory.open(c, context);
            });
        }

        @Override
        public void close() {
            open.values().forEach(KubeWriter::close);
        }
    }

    /** Why a run stops before a step (not a refusal: the step can run later). */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Instant comeBack;

        Stop(String message, Instant comeBack) {
            super(message, null, false, false);
            this.comeBack = comeBack;
        }
    }

    /** One run through the plan. */
    private final class Run {
        final PlanFile plan;
        final ApplyOptions options;
        final boolean dryRun;
        final Journal journal;
        final JournalState state;
        final Clusters clusters;
        final List<String> log = new ArrayList<>();
        /** Steps done in this run, dry or not: a dry run's purge checks read them. */
        final Set<String> doneThisRun = new HashSet<>();
        int changed;
        int unchanged;

        Run(PlanFile plan, ApplyOptions options, Journal journal, JournalState state, Clusters clusters) {
            this.plan = plan;
            this.options = options;
            this.dryRun = options.dryRun();
            this.journal = journal;
            this.state = state;
            this.clusters = clusters;
        }

        ApplyResult execute() {
            for (PlanStep step : plan.plan().steps()) {
                String head = step.cluster() == null ? texts.get("step.head", step.number(), step.id())
                        : texts.get("step.head.cluster", step.number(), step.id(), step.cluster());
                if (!dryRun && state.stepDone(step.id())) {
                    log.add(texts.get("line.done-earlier", head));
                    continue;
                }
                try {
                    if (step.isGate()) {
                        gate(step, head);
                    } else {
                        action(step, head);
                    }
                } catch (Stop stop) {
                    log.add(texts.get("line.stopped", head, stop.getMessage()));
                    return result(ApplyResult.Status.STOPPED, step, stop.getMessage(), stop.comeBack);
                } catch (ApplyRefusedException refused) {
                    log.add(texts.get("line.refused", head, refused.getMessage()));
                    return result(ApplyResult.Status.REFUSED, step, refused.getMessage(), null);
                } catch (KubeAccessException failed) {
                    if (failed.reason() == KubeAccessException.Reason.KUBECONFIG) {
                        throw new InputException(failed.getMessage(), failed);
                    }
                    String message = failed.getMessage() + " (" + failed.reason().id() + ")";
                    log.add(texts.get("line.failed", head, message));
                    return result(ApplyResult.Status.FAILED, step, message, null);
                }
            }
            return new ApplyResult(ApplyResult.Status.COMPLETED, dryRun, changed, unchanged, log, 0, null, null);
        }

        ApplyResult result(ApplyResult.Status status, PlanStep step, String reason, Instant comeBack) {
            return new ApplyResult(status, dryRun, changed, unchanged, log, step.number(), reason, comeBack);
        }

        void gate(PlanStep step, String head) {
            Gate gate = step.gate();
            Duration window = options.gateWindow() != null && gate.phase() == Phase.GATE_RECEIVING
                    && !gate.window().isZero() ? options.gateWindow() : gate.window();
            if (!window.equals(gate.window())) {
                gate = withWindow(gate, window);
            }
            Optional<Instant> since = gate.cluster() == null ? Optional.empty()
                    : JournalState.of(journal.entries()).lastChange(gate.cluster());
            GateResult result;
            try {
                result = gates.check(gate, new GateContext(plan.plan(), step, clock.instant(), window, since,
                        clusters::get, options.receiveUrl()));
            } catch (KubeAccessException e) {
                result = GateResult.notPassed(gate.description(), e.getMessage(), null);
            }
            journal.append(JournalEntry.gate(step.number(), gate.id(), gate.cluster(), result.passed(), result.checked(),
                    result.saw(), dryRun, clock.instant()));
            if (result.passed()) {
                journal.append(JournalEntry.stepDone(step.number(), gate.id(), dryRun, clock.instant()));
                doneThisRun.add(gate.id());
                log.add(texts.get("gate.passed", head, result.checked(), result.saw()));
                return;
            }
            String why = texts.get("gate.not-passed", gate.id(), result.checked(), result.saw())
                    + (result.comeBack() == null ? "" : texts.get("gate.come-back", result.comeBack()));
            if (dryRun) {
                // A dry run shows the whole plan: a gate that would stop a real run is reported, not obeyed.
                log.add(texts.get("line.would-stop", head, why));
                return;
            }
            throw new Stop(why, result.comeBack());
        }

        void action(PlanStep step, String head) {
            Action action = step.action();
            for (Change change : action.changes()) {
                refuseStatically(step, change);
            }
            // Addresses are resolved for the whole action first: one it lacks stops it before any of it is made.
            Map<Integer, Map<String, Object>> afters = new java.util.HashMap<>();
            for (int i = 0; i < action.changes().size(); i++) {
                if (action.changes().get(i) instanceof ObjectChange o && !o.after().isMissing()
                        && (dryRun || !state.changeDone(action.id(), i))) {
                    afters.put(i, resolve(o, head));
                }
            }
            for (int i = 0; i < action.changes().size(); i++) {
                if (!dryRun && state.changeDone(action.id(), i)) {
                    log.add(texts.get("line.done-earlier", head + ": " + action.changes().get(i).summary()));
                    continue;
                }
                Change change = action.changes().get(i);
                if (change instanceof ObjectChange o) {
                    if (o.after().isMissing() || afters.get(i) != null) {
                        object(step, i, o, afters.get(i), head);
                    }
                } else if (change instanceof HelmValuesChange h) {
                    helm(step, i, h, head);
                } else if (change instanceof ApiRequest r) {
                    request(step, i, r, head);
                }
            }
            journal.append(JournalEntry.stepDone(step.number(), action.id(), dryRun, clock.instant()));
            doneThisRun.add(action.id());
        }

        /** The refusals that need no live read, checked for every change of an action before any of it is made. */
        void refuseStatically(PlanStep step, Change change) {
            if (!(change instanceof ObjectChange o)) {
                return;
            }
            SafetyRules.refuseSecret(o, texts);
            ObjectRef.of(o).resource(texts);
            if (o.kind().equals("PersistentVolumeClaim") && o.operation() == ObjectChange.Operation.DELETE) {
                SafetyRules.refusePurge(plan.plan(), step, o, options.purgeData(), this::done, texts);
            }
        }

        boolean done(String id) {
            return doneThisRun.contains(id) || !dryRun && state.stepDone(id);
        }

        /** @param after the after-state with its addresses resolved, or null for a deletion */
        void object(PlanStep step, int index, ObjectChange o, Map<String, Object> after, String head) {
            ObjectRef ref = ObjectRef.of(o);
            KubeWriter cluster = clusters.get(o.cluster());
            Map<String, Object> live = cluster.get(ref).orElse(null);
            if (live != null && "Secret".equals(live.get("kind"))) {
                throw new ApplyRefusedException(texts.get("object.secret-live", ref));
            }
            if (after != null && ServerFields.terminating(live)) {
                throw new Stop(texts.get("object.terminating", ref), clock.instant().plus(Duration.ofMinutes(1)));
            }
            Optional<JournalEntry> interrupted = dryRun ? Optional.empty() : state.interrupted(step.id(), index);
            if (interrupted.isPresent()) {
                JournalEntry was = interrupted.get();
                if (ServerFields.converged(live, was.before(), was.after())) {
                    journal.append(JournalEntry.done(was.seq(), "reconciled", false, clock.instant()));
                    changed++;
                    log.add(texts.get("object.reconciled", head + ": " + o.summary()));
                    return;
                }
                if (!ServerFields.unchangedSince(live, was.before())) {
                    throw new ApplyRefusedException(texts.get("object.changed-by-someone", ref, was.seq()));
                }
                // Not made: make it now, as if for the first time.
                state.rejected(was).ifPresent(failed -> log.add(texts.get("object.retry", head + ": " + o.summary(),
                        failed.seq(), failed.status())));
            }
            Map<String, Object> before = o.before().isMissing() ? null : tree(o.before());
            if (ServerFields.converged(live, before, after)) {
                JournalEntry entry = journal.append(JournalEntry.change(step.number(), step.id(), index, o.cluster(),
                        "object", refMap(ref), o.operation().id(), live == null ? null : ServerFields.withoutManagedFields(live),
                        after == null ? null : ServerFields.strip(after), dryRun, clock.instant()));
                journal.append(JournalEntry.done(entry.seq(), "unchanged", dryRun, clock.instant()));
                unchanged++;
                log.add(texts.get("object.unchanged", head + ": " + o.summary()));
                return;
            }
            if (live == null && o.operation() == ObjectChange.Operation.REPLACE && removedLater(step, o)) {
                // E.g. the backup's scale-down of a Prometheus that the Helm step after it removed: a fresh
                // journal's second run is past this step, not facing a drifted object.
                unchanged++;
                log.add(texts.get("object.removed-later", head + ": " + o.summary()));
                return;
            }
            SafetyRules.refuseDrift(o, ref, live, before, plan.plan().generatedAt(), texts);
            SafetyRules.refuseOwned(o, ref, live, texts);
            Map<String, Object> desired = null;
            if (after != null) {
                desired = ServerFields.strip(after);
                if (live != null) {
                    lockTo(desired, live);
                }
            }
            JournalEntry entry = journal.append(JournalEntry.change(step.number(), step.id(), index, o.cluster(), "object",
                    refMap(ref), o.operation().id(), live == null ? null : ServerFields.withoutManagedFields(live),
                    desired, dryRun, clock.instant()));
            Map<String, Object> write = desired;
            journaled(journal, entry, clock, () -> {
                switch (o.operation()) {
                    case CREATE -> cluster.create(ref, write, dryRun);
                    case REPLACE -> cluster.replace(ref, write, dryRun);
                    case DELETE -> cluster.delete(ref, dryRun);
                }
            });
            journal.append(JournalEntry.done(entry.seq(), dryRun ? "dry-run" : "applied", dryRun, clock.instant()));
            changed++;
            log.add(texts.get(dryRun ? "object.dry-run" : "object.done", head + ": " + o.summary()));
        }

        /**
         * Whether a later step of the plan removes the object: deletes it, or changes the values of the Helm release
         * that rendered it (Helm 3 marks what it renders with {@code meta.helm.sh/release-name}).
         */
        boolean removedLater(PlanStep step, ObjectChange o) {
            String release = o.before().path("metadata", "annotations", "meta.helm.sh/release-name").text(null);
            return plan.plan().steps().stream().filter(s -> !s.isGate() && s.number() > step.number()
                            && o.cluster().equals(s.cluster()))
                    .flatMap(s -> s.action().changes().stream())
                    .anyMatch(c -> c instanceof ObjectChange d && d.operation() == ObjectChange.Operation.DELETE
                            && ObjectRef.of(d).equals(ObjectRef.of(o))
                            || c instanceof HelmValuesChange h && h.release().equals(release));
        }

        /** The after-state with its LoadBalancer placeholders resolved; null when a dry run cannot resolve one. */
        Map<String, Object> resolve(ObjectChange o, String head) {
            Map<String, Object> after = tree(o.after());
            if (Placeholders.find(after).isEmpty()) {
                return after;
            }
            if (options.receiveUrl() != null) {
                return cast(Placeholders.withUrl(after, options.receiveUrl()));
            }
            List<String> unresolved = new ArrayList<>();
            Object resolved = Placeholders.withAddresses(after, p -> {
                Optional<String> address = loadBalancerAddress(p);
                if (address.isEmpty()) {
                    unresolved.add(p.get(0) + ":Service/" + p.get(1) + "/" + p.get(2));
                }
                return address;
            });
            if (unresolved.isEmpty()) {
                return cast(resolved);
            }
            String why = texts.get("object.no-address", o.ref(), unresolved);
            if (dryRun) {
                log.add(texts.get("object.not-validated", head + ": " + o.summary(), why));
                return null;
            }
            throw new Stop(why, null);
        }

        Optional<String> loadBalancerAddress(List<String> placeholder) {
            ObjectRef service = new ObjectRef(placeholder.get(0), "v1", "Service", placeholder.get(1), placeholder.get(2));
            return clusters.get(placeholder.get(0)).get(service).map(Node::of)
                    .map(s -> s.path("status", "loadBalancer", "ingress").get(0))
                    .flatMap(i -> i.get("ip").text().or(() -> i.get("hostname").text()));
        }

        void helm(PlanStep step, int index, HelmValuesChange h, String head) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("release", h.release());
            ref.put("namespace", h.namespace());
            ref.put("chart", h.chart());
            ref.put("chartVersion", h.chartVersion());
            Map<String, Object> previous = new LinkedHashMap<>(h.previous());
            Map<String, Object> set = new LinkedHashMap<>(h.set());
            if (helm == null) {
                if (options.helmApplied().contains(step.id())) {
                    JournalEntry entry = journal.append(JournalEntry.change(step.number(), step.id(), index, h.cluster(),
                            "helm-values", ref, "upgrade", previous, set, dryRun, clock.instant()));
                    journal.append(JournalEntry.done(entry.seq(), "external", dryRun, clock.instant()));
                    changed++;
                    log.add(texts.get("helm.by-hand", head + ": " + h.summary()));
                    return;
                }
                String why = texts.get("helm.stop", h.command(), step.id());
                if (dryRun) {
                    log.add(texts.get("line.would-stop", head, why));
                    return;
                }
                throw new Stop(why, null);
            }
            JournalEntry entry = journal.append(JournalEntry.change(step.number(), step.id(), index, h.cluster(),
                    "helm-values", ref, "upgrade", previous, set, dryRun, clock.instant()));
            helm.upgrade(h, h.set(), dryRun);
            journal.append(JournalEntry.done(entry.seq(), dryRun ? "dry-run" : "applied", dryRun, clock.instant()));
            changed++;
            log.add(texts.get(dryRun ? "helm.dry-run" : "object.done", head + ": " + h.summary()));
        }

        void request(PlanStep step, int index, ApiRequest r, String head) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("namespace", r.namespace());
            ref.put("service", r.service());
            ref.put("port", r.port());
            ref.put("method", r.method());
            ref.put("path", r.path());
            JournalEntry entry = journal.append(JournalEntry.change(step.number(), step.id(), index, r.cluster(),
                    "api-request", ref, "request", null, null, dryRun, clock.instant()));
            if (dryRun) {
                // The service proxy has no dry-run mode: the request would reach the component.
                journal.append(JournalEntry.done(entry.seq(), "dry-run", true, clock.instant()));
                log.add(texts.get("request.dry-run", head + ": " + r.summary()));
                return;
            }
            String[] answer = new String[1];
            journaled(journal, entry, clock, () -> answer[0] = clusters.get(r.cluster()).proxy(r));
            journal.append(JournalEntry.done(entry.seq(), "applied", false, clock.instant()));
            changed++;
            log.add(head + ": " + r.summary() + ": " + PrometheusHttp.abbreviate(answer[0]));
        }
    }

    /**
     * Makes the write that CHANGE or UNDO {@code line} announced. When the API server answers it with an error
     * (e.g. 422 Invalid), a FAILED line with its status and message is journaled before the failure goes on, so the
     * journal tells a rejection from a crash. A failure with no answer (a timeout, a lost connection) gets none:
     * whether the write was made is then unknown, as after a crash, and a resume compares the live object.
     */
    static void journaled(Journal journal, JournalEntry line, Clock clock, Runnable write) {
        try {
            write.run();
        } catch (KubeAccessException e) {
            if (e.status() > 0) {
                journal.append(JournalEntry.failed(line.seq(), e.status(), e.getMessage(), line.dryRun(), clock.instant()));
            }
            throw e;
        }
    }

    /**
     * Makes {@code desired} a replacement of {@code live}: its resourceVersion (a concurrent change becomes a 409)
     * and its status. An API server ignores status in a PUT of an object with a status subresource, but a store
     * without one (the Fabric8 mock, some aggregated APIs) would otherwise wipe it, and a readiness gate read it.
     */
    static void lockTo(Map<String, Object> desired, Map<String, Object> live) {
        metadata(desired).put("resourceVersion", metadata(live).get("resourceVersion"));
        if (live.get("status") != null) {
            desired.put("status", ServerFields.copy(live.get("status")));
        }
    }

    /** A receiving gate's query counts minutes of its window, e.g. {@code [2h:1m]) >= 120}. */
    private static final java.util.regex.Pattern WINDOWED = java.util.regex.Pattern.compile("\\[[0-9smhdwy]+:1m]\\) >= \\d+");

    /** {@code gate} with {@code --gate-window}'s window, in its query too when the query has the planned form. */
    static Gate withWindow(Gate gate, Duration window) {
        java.util.regex.Matcher m = WINDOWED.matcher(gate.query());
        String query = gate.query();
        if (m.find() && !m.find()) {
            query = WINDOWED.matcher(query).replaceFirst(java.util.regex.Matcher.quoteReplacement(
                    "[" + io.promfleet.api.model.PromDuration.format(window) + ":1m]) >= " + Math.max(1, window.toMinutes())));
        }
        return new Gate(gate.id(), gate.phase(), gate.cluster(), gate.description(), gate.api(), query, window);
    }

    static Map<String, Object> refMap(ObjectRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", ref.apiVersion());
        m.put("kind", ref.kind());
        if (ref.namespace() != null) {
            m.put("namespace", ref.namespace());
        }
        m.put("name", ref.name());
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    static Map<String, Object> tree(Node node) {
        return cast(ServerFields.copy(node.unwrap()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object tree) {
        return (Map<String, Object>) tree;
    }
}
