package io.promfleet.remediators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promfleet.api.model.Fleet;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.Promfleet;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanJsonWriter;
import io.promfleet.core.plan.PlanMarkdownWriter;
import io.promfleet.core.plan.PlanStep;
import io.promfleet.core.report.Language;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plan for the seed fleet (examples/seed-fleet): the phases of issue 9, in order, and safe. */
class SeedFleetPlanTest {

    private static final Path SEED = Path.of("..", "examples", "seed-fleet", "fleet.yaml");
    private static final List<String> EDGES = List.of("cluster-02", "cluster-03", "cluster-04");

    private static Fleet fleet;
    private static Plan plan;

    @BeforeAll
    static void plan() {
        fleet = FleetLoader.load(SEED);
        try (Promfleet promfleet = Promfleet.builder().classLoader(SeedFleetPlanTest.class.getClassLoader())
                .clock(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC)).build()) {
            plan = promfleet.plan(fleet);
        }
    }

    private static List<Action> actions() {
        return plan.steps().stream().filter(s -> !s.isGate()).map(PlanStep::action).toList();
    }

    @Test
    void actionsComeInTheSeedAuditsPhasesAndOrder() {
        assertThat(actions()).extracting(Action::id).containsExactly(
                "deploy-receive-cluster-01",
                "repoint-remote-write-cluster-02-prometheus-agent",
                "repoint-remote-write-cluster-03-prometheus-agent",
                "repoint-remote-write-cluster-04-prometheus-agent",
                "deploy-ruler-cluster-01",
                "move-rules-cluster-02",
                "move-rules-cluster-03",
                "move-rules-cluster-04",
                "delete-pod-cluster-02-kube-prometheus-stack-grafana-test",
                "backup-cluster-02-prometheus-kube-prometheus-stack-prometheus",
                "remove-duplicates-cluster-02-kube-prometheus-stack",
                "backup-cluster-03-prometheus-kube-prometheus-stack-prometheus",
                "remove-duplicates-cluster-03-kube-prometheus-stack",
                "backup-cluster-04-prometheus-kube-prometheus-stack-prometheus",
                "remove-duplicates-cluster-04-kube-prometheus-stack");
        List<Phase> phases = plan.steps().stream().map(PlanStep::phase).toList();
        for (int i = 1; i < phases.size(); i++) {
            assertThat(phases.get(i)).isGreaterThanOrEqualTo(phases.get(i - 1));
        }
        assertThat(new LinkedHashSet<>(phases)).containsExactly(Phase.values());
        assertThat(plan.steps()).extracting(PlanStep::number)
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, plan.steps().size()).boxed().toList());
    }

    @Test
    void everyEdgeIsGatedOnReceivingAndOnItsRulesBeforeAnyRemoval() {
        for (String edge : EDGES) {
            int receiving = indexOf(s -> s.isGate() && s.gate().id().equals("receiving-" + edge));
            int rules = indexOf(s -> s.isGate() && s.gate().id().equals("rules-evaluated-move-rules-" + edge));
            int firstRemoval = indexOf(s -> !s.isGate() && s.phase() == Phase.REMOVE_DUPLICATES && s.cluster().equals(edge));
            int repoint = indexOf(s -> !s.isGate() && s.action().id().startsWith("repoint-remote-write-" + edge));
            assertThat(repoint).isLessThan(receiving);
            assertThat(receiving).isLessThan(rules);
            assertThat(rules).isLessThan(firstRemoval);
            Gate gate = plan.steps().get(receiving).gate();
            assertThat(gate.api()).isEqualTo(Gate.Api.THANOS_QUERY);
            assertThat(gate.window()).isEqualTo(Gate.DEFAULT_WINDOW);
            assertThat(gate.query()).contains("cluster=\"" + edge + "\"").contains("[2h:1m]");
        }
    }

    @Test
    void removalsGoOneClusterAtATimeEachClosedByAGate() {
        List<PlanStep> removal = plan.steps().stream().filter(s -> s.phase() == Phase.REMOVE_DUPLICATES).toList();
        List<String> order = new ArrayList<>();
        for (PlanStep step : removal) {
            if (step.isGate()) {
                order.add("gate:" + step.cluster());
            } else if (order.isEmpty() || !order.get(order.size() - 1).equals(step.cluster())) {
                order.add(step.cluster());
            }
        }
        assertThat(order).containsExactly("cluster-02", "gate:cluster-02", "cluster-03", "gate:cluster-03",
                "cluster-04", "gate:cluster-04");
        actions().forEach(a -> assertThat(a.changes()).allMatch(c -> c.cluster().equals(a.cluster())));
    }

    @Test
    void operatorOwnedStatefulSetsAreNeverTargetedTheHelmValuesAreChanged() {
        for (Action action : actions()) {
            for (Change change : action.changes()) {
                if (change instanceof ObjectChange o) {
                    assertThat(o.name()).as(action.id()).isNotIn("prometheus-kube-prometheus-stack-prometheus",
                            "alertmanager-kube-prometheus-stack-alertmanager");
                    if (o.operation() == ObjectChange.Operation.DELETE) {
                        KubeObject target = fleet.cluster(o.cluster()).orElseThrow()
                                .object(o.kind(), o.namespace(), o.name()).orElseThrow();
                        assertThat(target.controller()).as(o.ref()).isEmpty();
                    }
                }
            }
        }
        for (String edge : EDGES) {
            HelmValuesChange helm = actions().stream()
                    .filter(a -> a.id().equals("remove-duplicates-" + edge + "-kube-prometheus-stack"))
                    .flatMap(a -> a.changes().stream()).map(HelmValuesChange.class::cast).findFirst().orElseThrow();
            assertThat(helm.set()).containsEntry("prometheus.enabled", "false").containsEntry("alertmanager.enabled", "false");
            assertThat(helm.command()).isEqualTo("helm --kube-context " + edge + " upgrade kube-prometheus-stack "
                    + "prometheus-community/kube-prometheus-stack --namespace monitoring --reuse-values --version 45.7.1 "
                    + "--set prometheus.enabled=false --set alertmanager.enabled=false");
        }
        // Without --purge-data no volume is deleted.
        assertThat(actions()).flatMap(Action::changes).filteredOn(ObjectChange.class::isInstance)
                .map(ObjectChange.class::cast).noneMatch(o -> o.kind().equals("PersistentVolumeClaim"));
    }

    @Test
    void whatTheEdgesStillNeedIsNeverRemovedAndOnlyTheAgentsConfigurationChanges() {
        Pattern essential = Pattern.compile(".*(kube-state-metrics|node-exporter|operator).*");
        for (Action action : actions()) {
            for (Change change : action.changes()) {
                if (change instanceof ObjectChange o && !o.before().isMissing()) {
                    assertThat(o.name()).as(action.id()).doesNotMatch(essential);
                    assertThat(o.kind()).isNotEqualTo("CustomResourceDefinition");
                    if (o.name().startsWith("prometheus-agent")) {
                        assertThat(action.phase()).isEqualTo(Phase.REPOINT_REMOTE_WRITE);
                        assertThat(o.operation()).isEqualTo(ObjectChange.Operation.REPLACE);
                        assertThat(o.after().path("spec", "replicas").asLong(1)).isNotZero();
                    }
                }
            }
        }
    }

    @Test
    void theAgentsArePointedAtTheCentralReceiveTheDeployStepCreates() {
        Action repoint = actions().stream().filter(a -> a.id().startsWith("repoint-remote-write-cluster-02")).findFirst().orElseThrow();
        ObjectChange config = (ObjectChange) repoint.changes().get(0);
        String after = config.after().path("data", "prometheus.yml").text("");
        assertThat(after).contains("url: http://${loadBalancer:cluster-01/monitoring/thanos-receive}:19291/api/v1/receive")
                .doesNotContain("thanos-receiver.monitoring.svc.cluster-01.local");
        assertThat(repoint.changes().get(1)).isInstanceOfSatisfying(ObjectChange.class, o ->
                assertThat(o.ref()).isEqualTo("StatefulSet/monitoring/prometheus-agent"));
        Action receive = actions().get(0);
        assertThat(receive.changes()).filteredOn(ObjectChange.class::isInstance).map(c -> ((ObjectChange) c).ref())
                .contains("ConfigMap/monitoring/thanos-receive-hashring", "Service/monitoring/thanos-receive",
                        "StatefulSet/monitoring/thanos-receive", "Deployment/monitoring/thanos-query");
    }

    @Test
    void movedRulesAreScopedToTheirEdge() {
        Action move = actions().stream().filter(a -> a.id().equals("move-rules-cluster-03")).findFirst().orElseThrow();
        assertThat(move.cluster()).isEqualTo("cluster-01");
        ObjectChange rule = (ObjectChange) move.changes().get(0);
        assertThat(rule.after().path("metadata", "labels").textFields())
                .containsEntry("promfleet.io/source-cluster", "cluster-03").doesNotContainKey("release");
        rule.after().path("spec", "groups").elements().forEach(g -> g.get("rules").elements().forEach(r -> {
            String expr = r.get("expr").text("");
            // vector(1) (Watchdog) selects no series: nothing to scope.
            assertThat(expr.startsWith("vector(") || expr.contains("cluster=\"cluster-03\"")).as(expr).isTrue();
            assertThat(r.path("labels", "cluster").text("")).isEqualTo("cluster-03");
        }));
    }

    @Test
    void noGeneratedTextCarriesACredential() throws IOException {
        StringWriter json = new StringWriter();
        new PlanJsonWriter().write(plan, json);
        StringBuilder all = new StringBuilder(json.toString());
        for (Language language : Language.values()) {
            StringWriter md = new StringWriter();
            new PlanMarkdownWriter().write(plan, language, md);
            all.append(md);
        }
        String text = all.toString();
        Set<String> secrets = seedSecretValues();
        assertThat(secrets).contains("fake-secret-key", "fake-db-password");
        for (String secret : secrets) {
            assertThat(text).as("a Secret value of the seed").doesNotContain(secret);
        }
        java.util.regex.Matcher credential = Pattern.compile(
                "(?i)(?<![a-z])(password|secret_key|access_key|token)\"?\\s*[:=]\\s*\\S").matcher(text);
        assertThat(credential.find() ? text.substring(Math.max(0, credential.start() - 200), credential.end() + 40) : "")
                .as("a credential-looking assignment").isEmpty();
        assertThat(text).contains("secretName").contains("thanos-objstore-config");
    }

    /** Every value of every Secret in the seed's snapshot files, as written (base64) and decoded. */
    private static Set<String> seedSecretValues() throws IOException {
        Set<String> values = new LinkedHashSet<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.walk(SEED.getParent())) {
            for (Path file : files.filter(p -> p.toString().matches(".*\\.(ya?ml|json)")).toList()) {
                try (JsonParser parser = yaml.getFactory().createParser(Files.readString(file))) {
                    MappingIterator<JsonNode> docs = yaml.readValues(parser, JsonNode.class);
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        List<JsonNode> objects = doc.has("items") ? toList(doc.get("items")) : List.of(doc);
                        for (JsonNode o : objects) {
                            if (!"Secret".equals(o.path("kind").asText())) {
                                continue;
                            }
                            o.path("data").forEach(v -> {
                                values.add(v.asText());
                                String decoded = new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8);
                                // Credential-looking entries of a decoded configuration, e.g. objstore.yml's secret_key.
                                decoded.lines().map(String::strip)
                                        .filter(l -> l.matches("(?i)[\\w.-]*(key|secret|pass|token)[\\w.-]*:\\s*\\S.*"))
                                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).forEach(values::add);
                                values.add(decoded);
                            });
                            o.path("stringData").forEach(v -> values.add(v.asText()));
                        }
                    }
                }
            }
        }
        values.removeIf(v -> v.length() < 6);
        return values;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static int indexOf(java.util.function.Predicate<PlanStep> p) {
        for (int i = 0; i < plan.steps().size(); i++) {
            if (p.test(plan.steps().get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such step");
    }
}
