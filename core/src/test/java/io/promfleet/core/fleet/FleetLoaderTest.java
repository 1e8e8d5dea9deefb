package io.promfleet.core.fleet;

import static io.promfleet.core.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.InputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsEveryClustersSnapshotRelativeToTheFleetFile() {
        write(dir, "snap/hub/pods.yaml", "kind: Pod\nmetadata: {name: p, namespace: monitoring}\n");
        write(dir, "snap/edge-1/empty.yaml", "");
        Path file = write(dir, "fleet.yaml", """
                name: f
                clusters:
                  - {name: hub, role: central, snapshot: snap/hub}
                  - {name: edge-1, role: edge, snapshot: snap/edge-1, domain: edge-1.local}
                """);
        Fleet fleet = FleetLoader.load(file);
        assertThat(fleet.name()).isEqualTo("f");
        assertThat(fleet.clusters()).extracting(Cluster::name, Cluster::role, Cluster::domain)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hub", ClusterRole.CENTRAL, "cluster.local"),
                        org.assertj.core.groups.Tuple.tuple("edge-1", ClusterRole.EDGE, "edge-1.local"));
        assertThat(fleet.cluster("hub").orElseThrow().objects()).hasSize(1);
        assertThat(fleet.cluster("edge-1").orElseThrow().objects()).isEmpty();
    }

    @Test
    void aClusterWithoutSnapshotIsAnErrorForAnOfflineAudit() {
        write(dir, "hub/x.yaml", "");
        Path file = write(dir, "fleet.yaml",
                "name: f\nclusters:\n  - {name: hub, role: central, snapshot: hub}\n  - name: edge-1\n    role: edge\n    context: ctx\n");
        assertThatThrownBy(() -> FleetLoader.load(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":4: clusters[1].snapshot: cluster 'edge-1' has no snapshot directory");
    }

    @Test
    void aSnapshotDirectoryThatDoesNotExistNamesTheFleetFileTheClusterAndThePath() {
        Path file = write(dir, "fleet.yaml", "name: f\nclusters:\n  - {name: hub, role: central, snapshot: gone}\n");
        assertThatThrownBy(() -> FleetLoader.load(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":3: clusters[0].snapshot: snapshot directory " + dir.toAbsolutePath().resolve("gone")
                        + " of cluster 'hub' does not exist");
    }

    @Test
    void aSnapshotThatIsAFileIsAnError() {
        write(dir, "hub.yaml", "kind: Pod\nmetadata: {name: p}\n");
        Path file = write(dir, "fleet.yaml", "name: f\nclusters:\n  - {name: hub, role: central, snapshot: hub.yaml}\n");
        assertThatThrownBy(() -> FleetLoader.load(file)).isInstanceOf(InputException.class)
                .hasMessageEndingWith(" of cluster 'hub' is not a directory");
    }

    @Test
    void aMalformedSnapshotFileIsNamedWithItsLine() {
        Path bad = write(dir, "hub/bad.yaml", "kind: Pod\nmetadata: {name: p\n");
        Path file = write(dir, "fleet.yaml", "name: f\nclusters:\n  - {name: hub, role: central, snapshot: hub}\n");
        assertThatThrownBy(() -> FleetLoader.load(file)).isInstanceOf(InputException.class)
                .hasMessageMatching("\\Q" + bad.toAbsolutePath() + "\\E:\\d+: invalid YAML: .+");
    }
}
