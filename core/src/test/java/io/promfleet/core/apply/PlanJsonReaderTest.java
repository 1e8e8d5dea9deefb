package io.promfleet.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.InputException;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanJsonReader;
import io.promfleet.core.plan.PlanJsonWriter;
import io.promfleet.core.plan.PlanStep;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan reader: what the writer wrote reads back equal; malformed and hostile files fail naming file and field. */
class PlanJsonReaderTest {

    @TempDir
    Path dir;

    static Plan plan() {
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "cfg", "namespace", "monitoring"), "data", Map.of("a", "1"));
        Action action = new Action("change-cfg-c1", Phase.REPOINT_REMOTE_WRITE, "c1", "changes cfg",
                List.of(new ObjectChange("c1", "v1", "ConfigMap", "monitoring", "cfg", Node.of(cm),
                        Node.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                                "metadata", Map.of("name", "cfg", "namespace", "monitoring"), "data", Map.of("a", "2")))),
                        new HelmValuesChange("c1", "stack", "monitoring", "repo/chart", "1.0", Map.of("x.enabled", "false"),
                                Map.of("x.enabled", "true"))),
                "kubectl get cm", "undo it", List.of("remote-write-unresolvable"));
        Gate gate = new Gate("receiving-c1", Phase.GATE_RECEIVING, "c1", "receiving", Gate.Api.THANOS_QUERY,
                "up > 0", Duration.ofHours(2));
        return new Plan("fleet", Instant.parse("2026-11-24T10:00:00Z"), Duration.ofHours(2), false,
                List.of(new PlanStep(1, Phase.REPOINT_REMOTE_WRITE, "c1", action, null),
                        new PlanStep(2, Phase.GATE_RECEIVING, "c1", null, gate)), List.of());
    }

    Path write(String json) throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, json);
        return file;
    }

    static String json(Plan plan) throws IOException {
        StringWriter out = new StringWriter();
        new PlanJsonWriter().write(plan, out);
        return out.toString();
    }

    @Test
    void readsBackWhatTheWriterWrote() throws IOException {
        Plan read = new PlanJsonReader().read(write(json(plan())));
        assertThat(read.steps()).isEqualTo(plan().steps());
        assertThat(read.fleet()).isEqualTo("fleet");
        assertThat(read.gateWindow()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path file = write("{\n  \"format\": \"promfleet-plan/1\",\n  \"steps\": [ oops ]\n}");
        assertThatThrownBy(() -> new PlanJsonReader().read(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":3: not valid JSON");
    }

    @Test
    void aMissingOrWrongFieldIsNamedWithItsStep() throws IOException {
        String good = json(plan());
        assertThatThrownBy(() -> new PlanJsonReader().read(write(good.replace("\"kind\" : \"ConfigMap\",\n      \"namespace\"",
                "\"namespace\"")))).isInstanceOf(InputException.class)
                .hasMessageContaining("steps[0] (change-cfg-c1): changes[0]: kind: missing");
        assertThatThrownBy(() -> new PlanJsonReader().read(write(good.replace("\"step\" : 2", "\"step\" : 7"))))
                .hasMessageContaining("steps[1] (receiving-c1): step: is 7, expected 2");
        assertThatThrownBy(() -> new PlanJsonReader().read(write(good.replace("\"api\" : \"thanos-query\"",
                "\"api\" : \"shell\"")))).hasMessageContaining("api: unknown API 'shell'");
        assertThatThrownBy(() -> new PlanJsonReader().read(write(good.replace("promfleet-plan/1", "promfleet-plan/9"))))
                .hasMessageContaining("format: 'promfleet-plan/9' is not promfleet-plan/1");
        assertThatThrownBy(() -> new PlanJsonReader().read(write("[1, 2]"))).hasMessageContaining("not a JSON object");
    }

    @Test
    void hostilePlansAreRefused() throws IOException {
        String good = json(plan());
        // An operation that does not match before/after: someone edited what the reviewer saw.
        assertThatThrownBy(() -> new PlanJsonReader().read(write(good.replace("\"operation\" : \"replace\"",
                "\"operation\" : \"delete\"")))).hasMessageContaining("operation: says delete but before/after make it a replace");
        // An action id that is not lower-case words (e.g. a path or a shell fragment).
        assertThatThrownBy(() -> new PlanJsonReader().read(write(good.replace("\"id\" : \"change-cfg-c1\"",
                "\"id\" : \"../../x; rm -rf\"")))).isInstanceOf(InputException.class).hasMessageContaining("not lower-case");
        // A duplicated key hides a value from the reviewer.
        assertThatThrownBy(() -> new PlanJsonReader().read(write(good.replace("\"fleet\" : \"fleet\",",
                "\"fleet\" : \"fleet\", \"fleet\" : \"other\",")))).hasMessageContaining("Duplicate field 'fleet'");
        // Nesting deep enough to overflow a naive recursive reader.
        assertThatThrownBy(() -> new PlanJsonReader().read(write("[".repeat(5000) + "]".repeat(5000))))
                .isInstanceOf(InputException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> new PlanJsonReader().read(dir.resolve("absent.json")))
                .hasMessageContaining("absent.json: no such plan file");
    }
}
