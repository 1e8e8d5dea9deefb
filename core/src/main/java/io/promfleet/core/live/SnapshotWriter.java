package io.promfleet.core.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.core.fleet.ClusterSpec;
import io.promfleet.core.fleet.FleetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a live read in the offline format, so that an audit can be shared and repeated without cluster
 * access: {@code DIR/fleet.yaml} and, per cluster read, {@code DIR/<cluster>/<plural>.yaml} holding a
 * {@code kind: List} of that kind's objects, as {@code kubectl get <plural> -A -o yaml} writes it. The
 * objects are those {@link io.promfleet.core.snapshot.KubeObjectFactory} kept, so Secrets carry their keys
 * and never their values. A cluster that could not be read is left out of the fleet file, and named in
 * a comment at its top.
 */
public final class SnapshotWriter {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** @return the fleet file written */
    public Path write(FleetSpec spec, LiveFleet live, Path directory) {
        try {
            Files.createDirectories(directory);
            List<Map<String, Object>> clusters = new ArrayList<>();
            for (ClusterSpec clusterSpec : spec.clusters()) {
                Cluster cluster = live.fleet().cluster(clusterSpec.name()).orElse(null);
                if (cluster == null) {
                    continue;
                }
                writeCluster(cluster, directory.resolve(cluster.name()));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", cluster.name());
                entry.put("role", cluster.role().id());
                entry.put("context", clusterSpec.context());
                entry.put("snapshot", cluster.name());
                entry.put("domain", cluster.domain());
                clusters.add(entry);
            }
            Map<String, Object> fleet = new LinkedHashMap<>();
            fleet.put("name", spec.name());
            fleet.put("clusters", clusters);
            StringBuilder header = new StringBuilder("# Written by `promfleet snapshot` from the live clusters; Secret values removed.\n");
            for (ClusterFailure failure : live.unreachable()) {
                header.append("# Not included, could not be read: ").append(failure.cluster()).append(" (")
                        .append(failure.reason().id()).append(")\n");
            }
            Path file = directory.resolve("fleet.yaml");
            Files.writeString(file, header + yaml.writeValueAsString(fleet));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot to " + directory, e);
        }
    }

    private void writeCluster(Cluster cluster, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (KubeKind kind : KubeKind.ALL) {
            List<Object> items = cluster.objectsOfKind(kind.kind()).map(KubeObject::body)
                    .map(io.promfleet.api.model.Node::unwrap).toList();
            if (items.isEmpty()) {
                continue;
            }
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("apiVersion", "v1");
            list.put("kind", "List");
            list.put("items", items);
            // Grouped by API group too, so Prometheus and prometheuses of another group could not collide.
            String name = kind.isCustomResource() ? kind.plural() + "." + kind.group() : kind.plural();
            Files.writeString(directory.resolve(name + ".yaml"), yaml.writeValueAsString(list));
        }
    }
}
