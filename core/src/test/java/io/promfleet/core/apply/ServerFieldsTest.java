package io.promfleet.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What apply compares: the live object holds what the plan wants, minus what the server manages. */
class ServerFieldsTest {

    static Map<String, Object> cm(Map<String, Object> metadata, Map<String, Object> data) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", metadata, "data", data);
    }

    @Test
    void serverManagedFieldsAndDefaultsDoNotCountAsDifferences() {
        Map<String, Object> want = cm(Map.of("name", "a", "namespace", "m"), Map.of("k", "v"));
        Map<String, Object> live = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "a", "namespace", "m", "uid", "u-1", "resourceVersion", "42",
                        "creationTimestamp", "2026-11-24T10:00:00Z", "managedFields", List.of(Map.of("manager", "x"))),
                "data", Map.of("k", "v"), "status", Map.of("phase", "whatever"));
        assertThat(ServerFields.converged(live, null, want)).isTrue();
        assertThat(ServerFields.strip(live)).isEqualTo(want);
    }

    @Test
    void aChangedValueOrAFieldThePlanRemovedIsADifference() {
        Map<String, Object> before = cm(Map.of("name", "a"), Map.of("k", "v", "old", "x"));
        Map<String, Object> after = cm(Map.of("name", "a"), Map.of("k", "w"));
        assertThat(ServerFields.converged(before, before, after)).isFalse();
        assertThat(ServerFields.converged(cm(Map.of("name", "a"), Map.of("k", "w", "old", "x")), before, after)).isFalse();
        assertThat(ServerFields.converged(cm(Map.of("name", "a"), Map.of("k", "w")), before, after)).isTrue();
        assertThat(ServerFields.converged(null, before, null)).isTrue();
        assertThat(ServerFields.converged(before, before, null)).isFalse();
    }

    @Test
    void numbersCompareByValue() {
        assertThat(ServerFields.contains(Map.of("replicas", 2L), Map.of("replicas", 2))).isTrue();
        assertThat(ServerFields.contains(Map.of("replicas", 2.0), Map.of("replicas", 2))).isTrue();
        assertThat(ServerFields.contains(Map.of("replicas", 1), Map.of("replicas", 2))).isFalse();
    }

    @Test
    void aTerminatingObjectCountsAsDeletedNotAsPresent() {
        Map<String, Object> terminating = cm(Map.of("name", "a", "deletionTimestamp", "2026-11-24T10:00:00Z",
                "finalizers", List.of("kubernetes.io/pvc-protection")), Map.of("k", "v"));
        Map<String, Object> want = cm(Map.of("name", "a"), Map.of("k", "v"));
        assertThat(ServerFields.converged(terminating, want, null)).isTrue();
        assertThat(ServerFields.converged(terminating, null, want)).isFalse();
        assertThat(ServerFields.terminating(terminating)).isTrue();
        assertThat(ServerFields.terminating(want)).isFalse();
    }
}
