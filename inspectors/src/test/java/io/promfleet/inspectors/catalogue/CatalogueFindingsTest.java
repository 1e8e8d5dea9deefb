package io.promfleet.inspectors.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.Finding;
import io.promfleet.api.Inspector;
import io.promfleet.api.Settings;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.fleet.FleetLoader;
import io.promfleet.core.plugin.InspectorRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the catalogue's findings say, beyond the objects the fixture cases pin: figures, and no secret. */
class CatalogueFindingsTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    private static List<Finding> audit(String check, String fixture, Settings settings) {
        Inspector inspector = InspectorRegistry.discover(CatalogueFindingsTest.class.getClassLoader()).inspectors()
                .stream().filter(i -> i.id().equals(check)).findFirst().orElseThrow();
        return new AuditEngine(List.of(inspector), settings)
                .audit(FleetLoader.load(FIXTURES.resolve(check).resolve(fixture).resolve("fleet.yaml"))).findings();
    }

    @Test
    void plaintextCredentialsNameWhereNeverTheValue() {
        for (String fixture : List.of("password-in-configmap", "env-value", "flag-value")) {
            Finding f = audit("plaintext-credentials", fixture, Settings.empty()).get(0);
            assertThat(f.toString()).as(fixture).doesNotContain("hunter2", "prom-operator", "s3cr3t");
            assertThat(f.evidence().get("locations")).as(fixture).isNotBlank();
        }
        assertThat(audit("plaintext-credentials", "env-value", Settings.empty()).get(0).evidence().get("locations"))
                .isEqualTo("container prometheus env GF_SECURITY_ADMIN_PASSWORD");
    }

    @Test
    void insecureInlineCredentialNeverPrintsIt() {
        Finding f = audit("remote-write-insecure", "inline-basic-auth-password-over-https", Settings.empty()).get(0);
        assertThat(f.toString()).doesNotContain("hunter2");
        assertThat(f.evidence()).containsEntry("inlineCredentialAt", "remote_write[0].basic_auth.password");
    }

    @Test
    void queueConfigShowsItsArithmetic() {
        Finding rate = audit("queue-config", "shards-cannot-carry-rate", Settings.empty()).get(0);
        assertThat(rate.evidence()).containsEntry("throughputPerSecond", "1000")
                .containsEntry("sampleRatePerSecond", "1333 (estimated: 40 pods × 1000 series / 30s)")
                .containsEntry("defaultsOf", "v2.x before v2.44");
        Finding old = audit("queue-config", "old-version-default-capacity-below-batch", Settings.empty()).get(0);
        assertThat(old.evidence()).containsEntry("capacity", "2500 (default)");
    }

    @Test
    void aMeasuredRateOverridesTheEstimate() {
        Settings measured = Settings.empty().with("queue-config.samples-per-second.cluster-02", "500");
        assertThat(audit("queue-config", "shards-cannot-carry-rate", measured)).isEmpty();
        Settings high = Settings.empty().with("queue-config.samples-per-second.cluster-02", "2000000");
        assertThat(audit("queue-config", "seed-queue", high)).singleElement()
                .satisfies(f -> assertThat(f.evidence().get("sampleRatePerSecond")).endsWith("(measured)"));
    }

    @Test
    void strandedRulesAreCountedByKind() {
        Finding f = audit("edge-rules-stranded", "selected-by-release-label", Settings.empty()).get(0);
        assertThat(f.evidence()).containsEntry("alertingRules", "1").containsEntry("recordingRules", "1")
                .containsEntry("groups", "node.rules")
                .containsEntry("prometheusRules", "monitoring/kube-prometheus-stack-node");
    }

    @Test
    void sharedLabelsNameTheOtherEdge() {
        List<Finding> findings = audit("external-labels-missing", "two-edges-share-cluster-label", Settings.empty());
        assertThat(findings).anySatisfy(f -> assertThat(f.evidence()).containsEntry("sharedWith", "cluster-03"));
    }
}
