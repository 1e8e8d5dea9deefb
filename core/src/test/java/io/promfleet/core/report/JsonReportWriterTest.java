package io.promfleet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {

    private static JsonNode json() throws Exception {
        return new ObjectMapper().readTree(ReportFixtures.render(ReportFormat.JSON, Language.KO, ReportFixtures.report()));
    }

    @Test
    void topLevelFieldsFollowTheContract() throws Exception {
        JsonNode root = json();
        assertThat(root.get("fleet").asText()).isEqualTo("lab-fleet");
        String generatedAt = root.get("generatedAt").asText();
        assertThat(generatedAt).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(Instant.parse(generatedAt)).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void summaryCountsBySeverity() throws Exception {
        JsonNode summary = json().get("summary");
        assertThat(summary.get("severity").asText()).isEqualTo("high");
        assertThat(summary.get("findings").asInt()).isEqualTo(2);
        assertThat(summary.get("bySeverity").properties()).extracting(e -> e.getKey() + "=" + e.getValue().asInt())
                .containsExactly("high=1", "medium=1");
    }

    @Test
    void eachFindingHasTheContractFieldsAndAFleetLevelOneHasANullCluster() throws Exception {
        JsonNode findings = json().get("findings");
        assertThat(findings).hasSize(2);
        JsonNode first = findings.get(0);
        assertThat(List.of("check", "severity", "cluster", "namespace", "kind", "name", "message", "remediation"))
                .allSatisfy(field -> assertThat(first.has(field)).as(field).isTrue());
        assertThat(first.get("check").asText()).isEqualTo("remote-write-unresolvable");
        assertThat(first.get("severity").asText()).isEqualTo("high");
        assertThat(first.get("cluster").asText()).isEqualTo("cluster-02");
        assertThat(first.get("namespace").asText()).isEqualTo("monitoring");
        assertThat(first.get("kind").asText()).isEqualTo("ConfigMap");
        assertThat(first.get("name").asText()).isEqualTo("prometheus-agent-config");
        assertThat(first.get("message").asText()).isEqualTo("the host a|b cannot resolve\nfrom cluster-02");
        assertThat(first.get("remediation").asText()).isEqualTo("point it elsewhere");

        JsonNode fleetLevel = findings.get(1);
        assertThat(fleetLevel.get("check").asText()).isEqualTo("resource-waste");
        assertThat(fleetLevel.has("cluster")).isTrue();
        assertThat(fleetLevel.get("cluster").isNull()).isTrue();
    }

    @Test
    void coverageGapsAndChecksAreReported() throws Exception {
        JsonNode root = json();
        JsonNode gap = root.get("coverageGaps").get(0);
        assertThat(gap.get("check").asText()).isEqualTo("pod-failed");
        assertThat(gap.get("cluster").asText()).isEqualTo("cluster-01");
        assertThat(root.get("suppressed").asInt()).isZero();
        assertThat(root.get("checks")).extracting(c -> c.get("id").asText())
                .containsExactly("remote-write-unresolvable", "resource-waste", "pod-failed");
    }
}
