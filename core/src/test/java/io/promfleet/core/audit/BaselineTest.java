package io.promfleet.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Fleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    @TempDir
    Path temp;

    private static Finding finding(String check, String cluster, String name, String message) {
        return Finding.builder(check, Severity.HIGH).cluster(cluster).object("monitoring", "ConfigMap", name)
                .message(message).build();
    }

    private static AuditReport report(Finding... findings) {
        return new AuditReport(new Fleet("f", List.of()), Instant.EPOCH, List.of(), List.of(findings), List.of(), 0);
    }

    @Test
    void reportsOnlyFindingsTheBaselineDoesNotHold() {
        Path file = temp.resolve("baseline.txt");
        Baseline.of(report(finding("a", "c1", "x", "one"), finding("b", null, null, "fleet"))).write(file);

        Baseline.Result result = Baseline.read(file).apply(report(
                finding("a", "c1", "x", "reworded, in another language"),
                finding("b", null, null, "fleet"),
                finding("a", "c2", "x", "new cluster")));

        assertThat(result.report().findings()).extracting(Finding::cluster).containsExactly("c2");
        assertThat(result.known()).isEqualTo(2);
        assertThat(result.gone()).isEmpty();
    }

    @Test
    void aRepeatedKeyAbsorbsOnlyAsManyFindingsAsRecorded() {
        Baseline baseline = Baseline.of(report(finding("a", "c1", "x", "m")));
        Baseline.Result result = baseline.apply(report(finding("a", "c1", "x", "m"), finding("a", "c1", "x", "m")));
        assertThat(result.report().findings()).hasSize(1);
    }

    @Test
    void entriesNoLongerFoundAreListedAsGone() {
        Baseline baseline = Baseline.of(report(finding("a", "c1", "x", "m"), finding("a", "c1", "y", "m")));
        Baseline.Result result = baseline.apply(report(finding("a", "c1", "x", "m")));
        assertThat(result.gone()).extracting(Baseline.Key::name).containsExactly("y");
    }

    @Test
    void theFileIsSortedTabSeparatedAndCommented() throws Exception {
        Path file = temp.resolve("b.txt");
        Baseline.of(report(finding("z", "c1", "x", "m"), finding("a", null, null, "m"))).write(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("# promfleet baseline");
        assertThat(lines.subList(1, lines.size())).containsExactly("a\t-\tmonitoring\tConfigMap\t-", "z\tc1\tmonitoring\tConfigMap\tx");
    }

    @Test
    void aMalformedLineNamesFileAndLine() throws Exception {
        Path file = temp.resolve("bad.txt");
        Files.writeString(file, "# header\nonly two\tfields\n");
        assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.txt:2");
    }
}
