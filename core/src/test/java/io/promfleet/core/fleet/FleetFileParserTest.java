package io.promfleet.core.fleet;

import static io.promfleet.core.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.api.model.ClusterRole;
import io.promfleet.core.InputException;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetFileParserTest {

    @TempDir
    Path dir;

    private Path fleet(String text) {
        return write(dir, "fleet.yaml", text);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String text) {
        Path file = fleet(text);
        return assertThatThrownBy(() -> new FleetFileParser().parse(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void readsAValidFileWithDefaults() {
        Path file = fleet("""
                name: lab-fleet
                clusters:
                  - name: cluster-01
                    role: central
                    context: ctx-01
                    snapshot: snapshots/cluster-01
                    domain: cluster-01.local
                  - name: cluster-02
                    role: EDGE
                    snapshot: /abs/cluster-02
                """);
        FleetSpec spec = new FleetFileParser().parse(file);
        assertThat(spec.name()).isEqualTo("lab-fleet");
        assertThat(spec.file()).isEqualTo(file);
        ClusterSpec central = spec.clusters().get(0);
        assertThat(central).isEqualTo(new ClusterSpec("cluster-01", ClusterRole.CENTRAL, "ctx-01",
                dir.toAbsolutePath().resolve("snapshots/cluster-01"), "cluster-01.local", 3));
        ClusterSpec edge = spec.clusters().get(1);
        assertThat(edge.role()).isEqualTo(ClusterRole.EDGE);
        assertThat(edge.context()).isNull();
        assertThat(edge.domain()).isEqualTo("cluster.local");
        assertThat(edge.snapshot()).isEqualTo(Path.of("/abs/cluster-02"));
        assertThat(edge.line()).isEqualTo(8);
    }

    @Test
    void snapshotIsResolvedAgainstTheFleetFilesDirectoryNotTheWorkingDirectory() {
        Path file = write(dir, "conf/fleet.yaml", "name: f\nclusters:\n  - {name: a, role: edge, snapshot: ../snap}\n");
        assertThat(new FleetFileParser().parse(file).clusters().get(0).snapshot())
                .isEqualTo(dir.toAbsolutePath().resolve("snap"));
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new FleetFileParser().parse(missing)).isInstanceOf(InputException.class)
                .hasMessage(missing + ": fleet file does not exist");
    }

    @Test
    void aDirectoryIsNotAFleetFile() {
        assertThatThrownBy(() -> new FleetFileParser().parse(dir)).isInstanceOf(InputException.class)
                .hasMessage(dir + ": fleet file is not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "- a\n- b\n", "just text\n", "name: a\n---\nname: b\n"})
    void anEmptyFileOrARootThatIsNotOneMappingIsAnError(String text) {
        assertRefused(text).hasMessageContaining("exactly one YAML mapping");
    }

    @Test
    void aSyntaxErrorNamesTheLine() {
        assertRefused("name: f\nclusters:\n  - name: a\n    role: [edge\n").hasMessageMatching(".*fleet.yaml:\\d+: invalid YAML: .+");
    }

    @Test
    void theNameIsRequired() {
        assertRefused("clusters:\n  - {name: a, role: edge}\n").hasMessageEndingWith(":1: name is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name: f\n", "name: f\nclusters: []\n", "name: f\nclusters: cluster-01\n",
        "name: f\nclusters:\n  name: a\n"})
    void clustersMustBeANonEmptyList(String text) {
        assertRefused(text).hasMessageContaining("'clusters' must be a non-empty list");
    }

    @Test
    void aClusterEntryMustBeAMapping() {
        assertRefused("name: f\nclusters:\n  - {name: a, role: edge}\n  - cluster-02\n")
                .hasMessageEndingWith(":3: clusters[1] must be a mapping");
    }

    @Test
    void aClusterNeedsAName() {
        assertRefused("name: f\nclusters:\n  - role: edge\n").hasMessageEndingWith(":3: clusters[0].name is required");
    }

    @Test
    void clusterNamesAreUnique() {
        assertRefused("name: f\nclusters:\n  - {name: a, role: edge}\n  - {name: a, role: central}\n")
                .hasMessageEndingWith(":4: clusters[1].name: cluster 'a' is listed twice");
    }

    @Test
    void anUnknownRoleNamesTheRoleTheClusterTheFieldAndTheLine() {
        assertRefused("name: f\nclusters:\n  - name: a\n    role: edge\n  - name: hub\n    role: centre\n")
                .hasMessageEndingWith(":5: clusters[1].role: unknown role 'centre' for cluster 'hub' "
                        + "(expected central or edge)");
    }

    @Test
    void aRoleIsRequired() {
        assertRefused("name: f\nclusters:\n  - name: a\n").hasMessageEndingWith(":3: clusters[0].role is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cluster_Local", "-bad.local", "a..b", "\"\""})
    void aBadDomainIsAnError(String domain) {
        assertRefused("name: f\nclusters:\n  - {name: a, role: edge, domain: " + domain + "}\n")
                .hasMessageContaining(":3: clusters[0].domain");
    }

    @Test
    void aFieldThatMustBeTextCannotBeAMapping() {
        assertRefused("name: f\nclusters:\n  - name: a\n    role: edge\n    snapshot: {dir: x}\n")
                .hasMessageEndingWith(":3: clusters[0].snapshot must be a string");
    }

    @Test
    void aMisspeltFieldIsWarnedAboutRatherThanSilentlyDefaulted() {
        Path file = fleet("name: f\nowner: team-x\nclusters:\n  - name: a\n    role: edge\n    domian: edge.local\n");
        FleetSpec spec = new FleetFileParser().parse(file);
        assertThat(spec.clusters().get(0).domain()).isEqualTo("cluster.local");
        assertThat(spec.warnings()).containsExactly(
                file + ":1: owner: unknown field, ignored (known fields: clusters, name)",
                file + ":4: clusters[0].domian: unknown field, ignored (known fields: context, domain, name, role, snapshot)");
    }
}
