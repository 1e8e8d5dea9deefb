package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.promfleet.api.Finding;
import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
import io.promfleet.core.audit.AuditReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The waste estimate's arithmetic and prices, down to the evidence strings a reader checks by hand. */
class ResourceWasteInspectorTest {

    private static final String CHECK = "resource-waste";

    /** The price settings, as `promfleet audit` passes them. */
    private static Settings prices(String memoryGibMonth, String cpuCoreMonth, String storageGibMonth, String currency) {
        return Settings.empty()
                .with("price.memory.gib-month", memoryGibMonth)
                .with("price.cpu.core-month", cpuCoreMonth)
                .with("price.storage.gib-month", storageGibMonth)
                .with("price.currency", currency);
    }

    private static Finding finding(String caseName, Settings settings) {
        AuditReport report = FixtureAudit.audit(CHECK, caseName, settings);
        assertThat(report.coverageGaps()).isEmpty();
        assertThat(report.findings()).hasSize(1);
        return report.findings().get(0);
    }

    /**
     * Three edges, each: agent 200Mi; Prometheus 2Gi, 500m, 50Gi, 15d; Alertmanager 200Mi. Wasted memory
     * 3 × (2048 + 200) MiB = 6744 MiB = 6.59 GiB; CPU 1.5; storage 150 GiB; Prometheus memory 6.6 GiB → 600 MiB,
     * 6144 / 6744 = 91.1 % saved. Default prices: 6.5859375 × 2.13 + 1.5 × 15.92 + 150 × 0.10 = 52.91 USD.
     */
    @Test
    void seedLikeFleetAtDefaultPrices() {
        Finding f = finding("seed-like-three-edges", Settings.empty());

        assertThat(f.cluster()).isNull();
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.evidence()).containsExactly(
                entry("edges", "cluster-02, cluster-03, cluster-04"),
                entry("duplicates", "cluster-02 prometheus-kube-prometheus-stack-prometheus: 2.0 GiB × 1, 50.0 GiB storage, 15d retention; "
                        + "cluster-02 alertmanager-kube-prometheus-stack-alertmanager: 200 MiB × 1; "
                        + "cluster-03 prometheus-kube-prometheus-stack-prometheus: 2.0 GiB × 1, 50.0 GiB storage, 15d retention; "
                        + "cluster-03 alertmanager-kube-prometheus-stack-alertmanager: 200 MiB × 1; "
                        + "cluster-04 prometheus-kube-prometheus-stack-prometheus: 2.0 GiB × 1, 50.0 GiB storage, 15d retention; "
                        + "cluster-04 alertmanager-kube-prometheus-stack-alertmanager: 200 MiB × 1"),
                entry("edgePrometheusMemoryBefore", "6.6 GiB"),
                entry("edgePrometheusMemoryAfter", "600 MiB"),
                entry("memorySavedPercent", "91.1"),
                entry("memoryCost", "6.59 GiB × 2.13 USD = 14.03"),
                entry("cpuCost", "1.5 cores × 15.92 USD = 23.88"),
                entry("storageCost", "150.0 GiB × 0.1 USD = 15.00"),
                entry("monthlyCost", "52.91 USD"));
        assertThat(f.message()).isEqualTo("The duplicates on 3 edge(s) (cluster-02, cluster-03, cluster-04) request "
                + "6.6 GiB of memory, 1.5 CPU and 150.0 GiB of storage. Prometheus memory on the edges falls from "
                + "6.6 GiB to 600 MiB without the full servers (91% saved); estimated USD 52.91 per month at the "
                + "configured prices.");
    }

    /** 6.5859375 GiB × 5 = 32.93; 1.5 × 20 = 30.00; 150 × 0.25 = 37.50; total 100.43 EUR. */
    @Test
    void pricesAndCurrencyComeFromSettings() {
        Finding f = finding("seed-like-three-edges", prices("5", "20", "0.25", "EUR"));

        assertThat(f.evidence()).contains(
                entry("memoryCost", "6.59 GiB × 5 EUR = 32.93"),
                entry("cpuCost", "1.5 cores × 20 EUR = 30.00"),
                entry("storageCost", "150.0 GiB × 0.25 EUR = 37.50"),
                entry("monthlyCost", "100.43 EUR"));
        assertThat(f.message()).contains("estimated EUR 100.43 per month");
    }

    /**
     * Requests count once per replica: server 512Mi/250m/10Gi × 2 and a Helm Alertmanager 32Mi/10m × 1 beside
     * a 200Mi agent. Wasted memory 1024 + 32 = 1056 MiB = 1.03125 GiB; CPU 0.51; storage 20 GiB; Prometheus
     * memory 1224 MiB → 200 MiB, 1024 / 1224 = 83.7 % saved. At 8, 20 and 0.5 EUR: 8.25 + 10.20 + 10.00 = 28.45.
     */
    @Test
    void requestsAndStorageAreMultipliedByReplicas() {
        Finding f = finding("replicas-multiply-requests", prices("8", "20", "0.5", "EUR"));

        assertThat(f.evidence()).containsExactly(
                entry("edges", "cluster-02"),
                entry("duplicates", "cluster-02 prometheus: 512 MiB × 2, 10.0 GiB storage; "
                        + "cluster-02 prometheus-alertmanager: 32 MiB × 1"),
                entry("edgePrometheusMemoryBefore", "1.2 GiB"),
                entry("edgePrometheusMemoryAfter", "200 MiB"),
                entry("memorySavedPercent", "83.7"),
                entry("memoryCost", "1.03 GiB × 8 EUR = 8.25"),
                entry("cpuCost", "0.51 cores × 20 EUR = 10.20"),
                entry("storageCost", "20.0 GiB × 0.5 EUR = 10.00"),
                entry("monthlyCost", "28.45 EUR"));
        assertThat(f.message()).isEqualTo("The duplicates on 1 edge(s) (cluster-02) request 1.0 GiB of memory, "
                + "0.51 CPU and 20.0 GiB of storage. Prometheus memory on the edges falls from 1.2 GiB to 200 MiB "
                + "without the full servers (84% saved); estimated EUR 28.45 per month at the configured prices.");
    }

    @Test
    void aPriceThatIsNotANumberIsAGapNamingTheSetting() {
        AuditReport report = FixtureAudit.audit(CHECK, "seed-like-three-edges",
                Settings.empty().with("price.memory.gib-month", "two dollars"));

        assertThat(report.findings()).isEmpty();
        assertThat(report.coverageGaps()).singleElement()
                .satisfies(g -> assertThat(g.reason()).contains("price.memory.gib-month").contains("two dollars"));
    }

    @Test
    void evidenceKeysAreStableForReports() {
        Map<String, String> evidence = finding("alertmanager-only-on-edge", Settings.empty()).evidence();
        assertThat(evidence).containsKeys("edges", "duplicates", "memoryCost", "cpuCost", "storageCost", "monthlyCost");
        assertThat(evidence).containsEntry("duplicates",
                "cluster-02 alertmanager-kube-prometheus-stack-alertmanager: 200 MiB × 1");
    }
}
