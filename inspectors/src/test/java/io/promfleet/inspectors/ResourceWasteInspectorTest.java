package io.promfleet.inspectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.promfleet.api.Finding;
import io.promfleet.api.Settings;
import io.promfleet.api.Severity;
import io.promfleet.core.audit.AuditReport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        String perEdge = ": Prometheus StatefulSet/monitoring/prometheus-kube-prometheus-stack-prometheus (memory 2.0 GiB × 1 "
                + "= 2.0 GiB, CPU 0.5 × 1 = 0.5, storage 50.0 GiB × 1 = 50.0 GiB, retention 15d), Alertmanager "
                + "StatefulSet/monitoring/alertmanager-kube-prometheus-stack-alertmanager (memory 200 MiB × 1 = 200 MiB, "
                + "CPU none requested)";
        assertThat(f.evidence()).containsExactly(
                entry("edges", "cluster-02, cluster-03, cluster-04"),
                entry("duplicates", "cluster-02" + perEdge + "; cluster-03" + perEdge + "; cluster-04" + perEdge),
                entry("memoryWasted", "duplicate servers 6.0 GiB + edge Alertmanagers 600 MiB = 6.6 GiB"),
                entry("edgePrometheusMemoryBefore", "agents 600 MiB + duplicate servers 6.0 GiB = 6.6 GiB"),
                entry("edgePrometheusMemoryAfter", "agents 600 MiB"),
                entry("memorySaved", "6.0 GiB of 6.6 GiB"),
                entry("memorySavedPercent", "91.1"),
                entry("cpuWasted", "1.5 CPU"),
                entry("storageWasted", "150.0 GiB (15d retention)"),
                entry("prices", "memory 2.13 USD per GiB-month, CPU 15.92 USD per core-month, storage 0.10 USD per "
                        + "GiB-month (defaults: Google Compute Engine E2 memory and vCPU and balanced persistent disk, "
                        + "us-central1 on-demand list prices at 730 hours a month)"),
                entry("memoryCost", "6.59 GiB × 2.13 = 14.03 USD"),
                entry("cpuCost", "1.5 cores × 15.92 = 23.88 USD"),
                entry("storageCost", "150.00 GiB × 0.10 = 15.00 USD"),
                entry("monthlyCost", "14.03 + 23.88 + 15.00 = 52.91 USD"));
        assertThat(f.message()).isEqualTo("The duplicates on 3 edge(s) (cluster-02, cluster-03, cluster-04) — 3 full "
                + "Prometheus server(s) beside agents and 3 Alertmanager(s) — request 6.6 GiB of memory, 1.5 CPU and "
                + "150.0 GiB of storage (15d retention, duplicated TSDB). Without the full servers the edges' Prometheus "
                + "memory falls from 6.6 GiB to 600 MiB (6.0 GiB, 91% saved). They cost about 52.91 USD a month at the "
                + "default (public cloud list) prices.");
    }

    /** 6.5859375 GiB × 5 = 32.93; 1.5 × 20 = 30.00; 150 × 0.25 = 37.50; total 100.43 EUR. */
    @Test
    void pricesAndCurrencyComeFromSettings() {
        Finding f = finding("seed-like-three-edges", prices("5", "20", "0.25", "EUR"));

        assertThat(f.evidence()).contains(
                entry("prices", "memory 5.00 EUR per GiB-month, CPU 20.00 EUR per core-month, storage 0.25 EUR per "
                        + "GiB-month (as configured)"),
                entry("memoryCost", "6.59 GiB × 5.00 = 32.93 EUR"),
                entry("cpuCost", "1.5 cores × 20.00 = 30.00 EUR"),
                entry("storageCost", "150.00 GiB × 0.25 = 37.50 EUR"),
                entry("monthlyCost", "32.93 + 30.00 + 37.50 = 100.43 EUR"));
        assertThat(f.message()).contains("about 100.43 EUR a month at the configured prices");
    }

    /**
     * Requests count once per replica: server 512Mi/250m/10Gi × 2 and a Helm Alertmanager 32Mi/10m × 1 beside
     * a 200Mi agent. Wasted memory 1024 + 32 = 1056 MiB = 1.03125 GiB; CPU 0.51; storage 20 GiB; Prometheus
     * memory 1224 MiB → 200 MiB, 1024 / 1224 = 83.7 % saved. At 8, 20 and 0.5 EUR: 8.25 + 10.20 + 10.00 = 28.45.
     */
    @Test
    void requestsAndStorageAreMultipliedByReplicas() {
        Finding f = finding("replicas-multiply-requests", prices("8", "20", "0.5", "EUR"));

        assertThat(f.evidence()).contains(
                entry("duplicates", "cluster-02: Prometheus StatefulSet/monitoring/prometheus (memory 512 MiB × 2 = "
                        + "1.0 GiB, CPU 0.25 × 2 = 0.5, storage 10.0 GiB × 2 = 20.0 GiB, retention 15d (Prometheus' "
                        + "default)), Alertmanager StatefulSet/monitoring/prometheus-alertmanager (memory 32 MiB × 1 = "
                        + "32 MiB, CPU 0.01 × 1 = 0.01)"),
                entry("memoryWasted", "duplicate servers 1.0 GiB + edge Alertmanagers 32 MiB = 1.0 GiB"),
                entry("edgePrometheusMemoryBefore", "agents 200 MiB + duplicate servers 1.0 GiB = 1.2 GiB"),
                entry("edgePrometheusMemoryAfter", "agents 200 MiB"),
                entry("memorySavedPercent", "83.7"),
                entry("cpuWasted", "0.51 CPU"),
                entry("storageWasted", "20.0 GiB (15d default retention)"),
                entry("memoryCost", "1.03 GiB × 8.00 = 8.25 EUR"),
                entry("cpuCost", "0.51 cores × 20.00 = 10.20 EUR"),
                entry("storageCost", "20.00 GiB × 0.50 = 10.00 EUR"),
                entry("monthlyCost", "8.25 + 10.20 + 10.00 = 28.45 EUR"));
        assertThat(f.message()).isEqualTo("The duplicates on 1 edge(s) (cluster-02) — 1 full Prometheus server(s) "
                + "beside agents and 1 Alertmanager(s) — request 1.0 GiB of memory, 0.51 CPU and 20.0 GiB of storage "
                + "(15d default retention, duplicated TSDB). Without the full servers the edges' Prometheus memory "
                + "falls from 1.2 GiB to 200 MiB (1.0 GiB, 84% saved). They cost about 28.45 EUR a month at the "
                + "configured prices.");
    }

    /** With no duplicate server there is no before/after to claim: only the Alertmanager's cost. */
    @Test
    void anAlertmanagerAloneClaimsNoPrometheusSaving() {
        Finding f = finding("alertmanager-only-on-edge", Settings.empty());

        assertThat(f.message()).startsWith("The duplicates on 1 edge(s) (cluster-02) — 1 Alertmanager(s) — request "
                + "200 MiB of memory.").doesNotContain("falls from");
        assertThat(f.evidence()).containsEntry("storageWasted", "none")
                .containsEntry("monthlyCost", "0.42 + 0.00 + 0.00 = 0.42 USD");
    }

    /** A price that is not a number, or is negative, makes the estimate a gap naming the setting, not a guess. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"price.memory.gib-month, two dollars", "price.storage.gib-month, -1"})
    void anInvalidPriceIsAGapNamingTheSetting(String key, String value) {
        AuditReport report = FixtureAudit.audit(CHECK, "seed-like-three-edges", Settings.empty().with(key, value));

        assertThat(report.findings()).isEmpty();
        assertThat(report.coverageGaps()).singleElement()
                .satisfies(g -> assertThat(g.reason()).contains(key).contains(value));
    }

    @Test
    void evidenceKeysAreStableForReports() {
        Map<String, String> evidence = finding("alertmanager-only-on-edge", Settings.empty()).evidence();
        assertThat(evidence).containsKeys("edges", "duplicates", "memoryWasted", "edgePrometheusMemoryBefore",
                "edgePrometheusMemoryAfter", "memorySavedPercent", "prices", "memoryCost", "cpuCost", "storageCost",
                "monthlyCost");
        assertThat(evidence).containsEntry("duplicates", "cluster-02: Alertmanager "
                + "StatefulSet/monitoring/alertmanager-kube-prometheus-stack-alertmanager (memory 200 MiB × 1 = 200 MiB, "
                + "CPU none requested)");
    }
}
