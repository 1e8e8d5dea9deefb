package io.promfleet.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.live.KubeAccessException;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's rules on small plans against an in-memory cluster (the seed-fleet scenarios run against mock APIs). */
class ApplyEngineTest {

    static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    final InMemoryCluster c1 = new InMemoryCluster("c1");
    final ObjectRef service = new ObjectRef("c1", "v1", "Service", "monitoring", "thanos-receive");
    final ObjectRef config = new ObjectRef("c1", "v1", "ConfigMap", "monitoring", "agent");
    final ObjectRef other = new ObjectRef("c1", "v1", "ConfigMap", "monitoring", "other");

    static Map<String, Object> cm(String name, String value) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", name, "namespace", "monitoring"), "data", Map.of("prometheus.yml", value));
    }

    static PlanFile plan(Change... changes) {
        Action action = new Action("repoint-c1", Phase.REPOINT_REMOTE_WRITE, "c1", "repoint", List.of(changes), "", "",
                List.of("remote-write-unresolvable"));
        Plan plan = new Plan("f", T, Duration.ofHours(2), false,
                List.of(new PlanStep(1, Phase.REPOINT_REMOTE_WRITE, "c1", action, null)), List.of());
        return PlanFile.of(plan, "plan.json");
    }

    ApplyResult apply(PlanFile plan, ApplyOptions options) {
        return apply(plan, options, c1);
    }

    ApplyResult apply(PlanFile plan, ApplyOptions options, KubeWriter writer) {
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"))) {
            return new ApplyEngine((cluster, context) -> writer, (gate, context) -> GateResult.passed("x", "y"), null,
                    Clock.fixed(T, ZoneOffset.UTC)).apply(plan, Map.of("c1", "ctx-1"), options, journal);
        }
    }

    static ApplyOptions real(String receiveUrl, Set<String> helmApplied) {
        return new ApplyOptions(false, false, null, receiveUrl, helmApplied);
    }

    PlanFile repointPlan() {
        c1.put(config, cm("agent", "url: http://old:19291"));
        c1.put(service, Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", "thanos-receive", "namespace", "monitoring"),
                "spec", Map.of("type", "LoadBalancer")));
        return plan(ObjectChange.create("c1", "v1", "ConfigMap", "monitoring", "other", Node.of(cm("other", "x"))),
                new ObjectChange("c1", "v1", "ConfigMap", "monitoring", "agent", Node.of(cm("agent", "url: http://old:19291")),
                        Node.of(cm("agent", "url: http://${loadBalancer:c1/monitoring/thanos-receive}:19291/api/v1/receive"))));
    }

    @Test
    void anAddressNotKnownYetStopsTheActionBeforeAnyOfItsChanges() {
        ApplyResult result = apply(repointPlan(), real(null, Set.of()));

        assertThat(result.status()).isEqualTo(ApplyResult.Status.STOPPED);
        assertThat(result.reason()).contains("c1:Service/monitoring/thanos-receive", "--receive-url");
        assertThat(c1.writes).isEmpty();
    }

    @Test
    void theAddressIsReadFromTheLoadBalancerOrTakenFromReceiveUrl() {
        PlanFile plan = repointPlan();
        Map<String, Object> lb = ServerFields.copy(c1.objects.get(service));
        lb.put("status", Map.of("loadBalancer", Map.of("ingress", List.of(Map.of("ip", "10.0.0.50")))));
        c1.put(service, lb);

        assertThat(apply(plan, real(null, Set.of())).status()).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(Node.of(c1.objects.get(config)).path("data", "prometheus.yml").text(""))
                .isEqualTo("url: http://10.0.0.50:19291/api/v1/receive");
    }

    @Test
    void receiveUrlReplacesTheWholePlaceholderUrl() {
        PlanFile plan = repointPlan();
        assertThat(apply(plan, real("https://receive.example.org/api/v1/receive", Set.of())).status())
                .isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(Node.of(c1.objects.get(config)).path("data", "prometheus.yml").text(""))
                .isEqualTo("url: https://receive.example.org/api/v1/receive");
    }

    @Test
    void aSecretIsNeverChanged() {
        Map<String, Object> secret = Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "objstore", "namespace", "monitoring"), "data", Map.of("k", "c2VjcmV0"));
        ApplyResult result = apply(plan(ObjectChange.create("c1", "v1", "Secret", "monitoring", "objstore",
                Node.of(secret))), real(null, Set.of()));

        assertThat(result.status()).isEqualTo(ApplyResult.Status.REFUSED);
        assertThat(result.reason()).contains("is a Secret");
        assertThat(c1.writes).isEmpty();
        assertThat(new JournalReader().read(dir.resolve("j.jsonl")).entries())
                .noneMatch(e -> e.type() == JournalEntry.Type.CHANGE);
    }

    @Test
    void anObjectChangedSinceThePlanIsRefused() {
        PlanFile plan = repointPlan();
        c1.put(config, cm("agent", "url: http://someone-else:19291"));
        ApplyResult result = apply(plan, real("https://r.example.org/api/v1/receive", Set.of()));
        assertThat(result.status()).isEqualTo(ApplyResult.Status.REFUSED);
        assertThat(result.reason()).contains("changed since the plan was made");
        assertThat(c1.writes).containsExactly("create c1:ConfigMap/monitoring/other");
    }

    @Test
    void aHelmStepStopsWithItsCommandUntilItIsMarkedApplied() {
        HelmValuesChange helm = new HelmValuesChange("c1", "stack", "monitoring", "repo/kube-prometheus-stack", "45.7.1",
                Map.of("prometheus.enabled", "false"), Map.of("prometheus.enabled", "true"));
        PlanFile plan = plan(helm);

        ApplyResult stopped = apply(plan, real(null, Set.of()));
        assertThat(stopped.status()).isEqualTo(ApplyResult.Status.STOPPED);
        assertThat(stopped.reason()).contains("helm --kube-context c1 upgrade stack repo/kube-prometheus-stack",
                "--helm-applied repoint-c1");

        ApplyResult applied = apply(plan, real(null, Set.of("repoint-c1")));
        assertThat(applied.status()).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(new JournalReader().read(dir.resolve("j.jsonl")).entries())
                .anyMatch(e -> e.type() == JournalEntry.Type.DONE && "external".equals(e.result()));
    }

    @Test
    void aChangeTheApiServerRejectsIsJournaledAsFailedAndRetriedOnResume() {
        c1.put(config, cm("agent", "url: http://old:19291"));
        PlanFile plan = plan(new ObjectChange("c1", "v1", "ConfigMap", "monitoring", "agent",
                Node.of(cm("agent", "url: http://old:19291")), Node.of(cm("agent", "url: http://new:19291"))));
        // The API server quotes the rejected value; a long one must not land whole in the journal.
        String quoted = "x".repeat(5000);
        String rejection = "replace c1:ConfigMap/monitoring/agent: HTTP 422: ConfigMap \"agent\" is invalid: "
                + "data[prometheus.yml]: Invalid value: \"" + quoted + "\"";

        ApplyResult failed = apply(plan, real(null, Set.of()), new Rejecting(c1, 422, rejection));

        assertThat(failed.status()).isEqualTo(ApplyResult.Status.FAILED);
        List<JournalEntry> lines = new JournalReader().read(dir.resolve("j.jsonl")).entries();
        JournalEntry change = lines.get(1);
        JournalEntry rejected = lines.get(2);
        assertThat(lines).hasSize(3);
        assertThat(change.type()).isEqualTo(JournalEntry.Type.CHANGE);
        assertThat(rejected.type()).isEqualTo(JournalEntry.Type.FAILED);
        assertThat(rejected.of()).isEqualTo(change.seq());
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.message()).startsWith("replace c1:ConfigMap/monitoring/agent: HTTP 422: ConfigMap \"agent\" is invalid")
                .hasSize(JournalEntry.MESSAGE_LIMIT + 1).endsWith("…");
        JournalState state = JournalState.of(lines);
        assertThat(state.changeDone("repoint-c1", 0)).isFalse();
        assertThat(state.rejected(change)).contains(rejected);

        ApplyResult resumed = apply(plan, real(null, Set.of()));

        assertThat(resumed.status()).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(resumed.log()).anyMatch(l -> l.contains("rejected in an earlier run (journal line 3, HTTP 422); trying again"));
        assertThat(c1.writes).containsExactly("replace c1:ConfigMap/monitoring/agent");
        assertThat(Node.of(c1.objects.get(config)).path("data", "prometheus.yml").text("")).isEqualTo("url: http://new:19291");
        assertThat(JournalState.of(new JournalReader().read(dir.resolve("j.jsonl")).entries()).changeDone("repoint-c1", 0))
                .isTrue();
    }

    /** An API server that refuses every write with {@code status}, without making it. */
    record Rejecting(KubeWriter reads, int status, String message) implements KubeWriter {
        KubeAccessException refusal() {
            return new KubeAccessException(KubeAccessException.Reason.OTHER, status, message, null);
        }

        @Override
        public String cluster() {
            return reads.cluster();
        }

        @Override
        public Optional<Map<String, Object>> get(ObjectRef ref) {
            return reads.get(ref);
        }

        @Override
        public Map<String, Object> create(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
            throw refusal();
        }

        @Override
        public Map<String, Object> replace(ObjectRef ref, Map<String, Object> object, boolean dryRun) {
            throw refusal();
        }

        @Override
        public void delete(ObjectRef ref, boolean dryRun) {
            throw refusal();
        }

        @Override
        public String proxy(ApiRequest request) {
            throw refusal();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDryRunIsNotResumedFrom() {
        PlanFile plan = repointPlan();
        ApplyResult dry = apply(plan, new ApplyOptions(true, false, null, "https://r.example.org/api/v1/receive", Set.of()));
        assertThat(dry.status()).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(c1.writes).allSatisfy(w -> assertThat(w).endsWith("dry-run"));

        ApplyResult real = apply(plan, real("https://r.example.org/api/v1/receive", Set.of()));
        assertThat(real.changed()).isEqualTo(2);
        assertThat(c1.writes).contains("replace c1:ConfigMap/monitoring/agent");
    }

    @Test
    void inKoreanADryRunWritesItsLogAndReasonInKoreanAndItsJournalInEnglish() throws java.io.IOException {
        PlanFile plan = repointPlan();
        ApplyResult korean;
        try (Journal journal = Journal.open(dir.resolve("ko.jsonl"))) {
            korean = new ApplyEngine((cluster, context) -> c1, (gate, context) -> GateResult.passed("x", "y"), null,
                    Clock.fixed(T, ZoneOffset.UTC), java.util.Locale.KOREAN)
                    .apply(plan, Map.of("c1", "ctx-1"), ApplyOptions.dryRunDefaults(), journal);
        }
        assertThat(korean.status()).isEqualTo(ApplyResult.Status.COMPLETED);
        assertThat(korean.log()).containsExactly(
                "단계 1 repoint-c1 (c1): replace ConfigMap/monitoring/agent: 검증하지 않음: 실제 apply라면 여기서 "
                        + "중단됩니다: ConfigMap/monitoring/agent에는 [c1:Service/monitoring/thanos-receive]의 주소가 "
                        + "필요하지만, 그 status.loadBalancer.ingress가 비어 있습니다(또는 아직 존재하지 않습니다). 주소가 "
                        + "생길 때까지 기다리거나 --receive-url을 지정하세요",
                "단계 1 repoint-c1 (c1): create ConfigMap/monitoring/other: API 서버의 드라이 런에서 승인됨");
        assertThat(java.nio.file.Files.readString(dir.resolve("ko.jsonl"))).doesNotContainPattern("\\p{IsHangul}");

        ApplyResult english = apply(plan, ApplyOptions.dryRunDefaults());
        assertThat(english.log()).containsExactly(
                "step 1 repoint-c1 (c1): replace ConfigMap/monitoring/agent: not validated: a real apply would stop "
                        + "here: ConfigMap/monitoring/agent needs the address of [c1:Service/monitoring/thanos-receive], "
                        + "whose status.loadBalancer.ingress is empty (or which does not exist yet); wait until it has "
                        + "one, or give --receive-url",
                "step 1 repoint-c1 (c1): create ConfigMap/monitoring/other: accepted by the API server's dry run");
    }

    @Test
    void theFacadeAppliesInTheLanguageOfItsSettings() {
        try (io.promfleet.core.Promfleet promfleet = io.promfleet.core.Promfleet.builder().builtIns(false)
                .clock(Clock.fixed(T, ZoneOffset.UTC))
                .setting(io.promfleet.api.InspectionContext.LANGUAGE_SETTING, "ko").build()) {
            ApplyResult result = promfleet.apply(repointPlan(), Map.of("c1", "ctx-1"), (cluster, context) -> c1,
                    (gate, context) -> GateResult.passed("x", "y"), real("https://r.example.org/api/v1/receive", Set.of()),
                    dir.resolve("facade.jsonl"));
            assertThat(result.changed()).isEqualTo(2);
            assertThat(result.log()).allSatisfy(line -> assertThat(line).startsWith("단계 1 repoint-c1 (c1): "));
            ApplyResult rolledBack = promfleet.rollback(dir.resolve("facade.jsonl"), (cluster, context) -> c1, true);
            assertThat(String.join("\n", rolledBack.log())).containsPattern("\\p{IsHangul}");
        }
    }

    @Test
    void inKoreanARefusalGivesItsReasonInKorean() {
        Map<String, Object> secret = Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "objstore", "namespace", "monitoring"), "data", Map.of("k", "c2VjcmV0"));
        ApplyResult result;
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"))) {
            result = new ApplyEngine((cluster, context) -> c1, (gate, context) -> GateResult.passed("x", "y"), null,
                    Clock.fixed(T, ZoneOffset.UTC), java.util.Locale.KOREAN)
                    .apply(plan(ObjectChange.create("c1", "v1", "Secret", "monitoring", "objstore", Node.of(secret))),
                            Map.of("c1", "ctx-1"), ApplyOptions.dryRunDefaults(), journal);
        }
        assertThat(result.status()).isEqualTo(ApplyResult.Status.REFUSED);
        assertThat(result.reason()).isEqualTo("Secret/monitoring/objstore은(는) Secret입니다. plan은 Secret을 이름으로만 "
                + "참조하고 변경하지 않으므로, 어떤 Secret도 저널에 기록될 수 없습니다");
        assertThat(result.log()).containsExactly("단계 1 repoint-c1 (c1): 거부됨: " + result.reason());
    }

    @Test
    void gateWindowRewritesAReceivingGatesWindowedQuery() {
        io.promfleet.api.plan.Gate gate = new io.promfleet.api.plan.Gate("receiving-c2", Phase.GATE_RECEIVING, "c2", "x",
                io.promfleet.api.plan.Gate.Api.THANOS_QUERY,
                "count_over_time((count(up{cluster=\"c2\"}) > 0)[2h:1m]) >= 120", Duration.ofHours(2));
        io.promfleet.api.plan.Gate longer = ApplyEngine.withWindow(gate, Duration.ofMinutes(270));
        assertThat(longer.query()).isEqualTo("count_over_time((count(up{cluster=\"c2\"}) > 0)[4h30m:1m]) >= 270");
        assertThat(longer.window()).isEqualTo(Duration.ofMinutes(270));
    }
}
