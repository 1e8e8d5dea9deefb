package io.promfleet.core.fleet;

import io.promfleet.api.model.ClusterRole;
import io.promfleet.core.InputException;
import io.promfleet.core.tree.LocatedTree;
import io.promfleet.core.tree.TreeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses and validates a {@code fleet.yaml}; every error names the file, line and field at fault. */
public final class FleetFileParser {

    /** An RFC 1123 DNS name, which is what a cluster domain must be. */
    private static final Pattern DNS_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static final Set<String> FLEET_FIELDS = Set.of("name", "clusters");
    private static final Set<String> CLUSTER_FIELDS = Set.of("name", "role", "context", "snapshot", "domain");

    private final TreeReader reader = new TreeReader();

    public FleetSpec parse(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file + ": fleet file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": fleet file is not a regular file");
        }
        LocatedTree tree = reader.read(file);
        if (tree.documents().size() != 1 || !(tree.documents().get(0) instanceof Map<?, ?> root)) {
            throw InputException.at(file, 0, "a fleet file must hold exactly one YAML mapping with 'name' and 'clusters'");
        }
        List<String> warnings = new java.util.ArrayList<>();
        warnUnknownFields(root, FLEET_FIELDS, file, tree.lineOf(root), "", warnings);
        String name = requireText(root, "name", file, tree.lineOf(root), "name");
        Object clustersValue = root.get("clusters");
        if (!(clustersValue instanceof List<?> entries) || entries.isEmpty()) {
            throw InputException.at(file, tree.lineOf(root), "'clusters' must be a non-empty list");
        }
        Path base = file.toAbsolutePath().getParent();
        Set<String> names = new HashSet<>();
        List<ClusterSpec> clusters = new java.util.ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String field = "clusters[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw InputException.at(file, tree.lineOf(clustersValue), field + " must be a mapping");
            }
            int line = tree.lineOf(entry);
            warnUnknownFields(entry, CLUSTER_FIELDS, file, line, field + ".", warnings);
            String clusterName = requireText(entry, "name", file, line, field + ".name");
            if (!names.add(clusterName)) {
                throw InputException.at(file, line, field + ".name: cluster '" + clusterName + "' is listed twice");
            }
            String roleText = requireText(entry, "role", file, line, field + ".role");
            ClusterRole role = ClusterRole.parseOrNull(roleText);
            if (role == null) {
                throw InputException.at(file, line, field + ".role: unknown role '" + roleText
                        + "' for cluster '" + clusterName + "' (expected central or edge)");
            }
            String context = optionalText(entry, "context", file, line, field + ".context");
            String snapshotText = optionalText(entry, "snapshot", file, line, field + ".snapshot");
            Path snapshot = snapshotText == null ? null : base.resolve(snapshotText).normalize();
            String domain = optionalText(entry, "domain", file, line, field + ".domain");
            domain = domain == null ? ClusterSpec.DEFAULT_DOMAIN : domain;
            if (!DNS_NAME.matcher(domain).matches()) {
                throw InputException.at(file, line, field + ".domain: '" + domain + "' is not a DNS domain");
            }
            clusters.add(new ClusterSpec(clusterName, role, context, snapshot, domain, line));
        }
        return new FleetSpec(file, name, clusters, warnings);
    }

    /**
     * A misspelt field ({@code domian:}) would otherwise fall back to a default without a word; it is not
     * an error, because fleet files shared with other tools may carry fields of their own.
     */
    private static void warnUnknownFields(Map<?, ?> map, Set<String> known, Path file, int line, String prefix,
            List<String> warnings) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                warnings.add(file + ":" + line + ": " + prefix + key + ": unknown field, ignored (known fields: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String requireText(Map<?, ?> map, String key, Path file, int line, String field) {
        String value = optionalText(map, key, file, line, field);
        if (value == null) {
            throw InputException.at(file, line, field + " is required");
        }
        return value;
    }

    private static String optionalText(Map<?, ?> map, String key, Path file, int line, String field) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw InputException.at(file, line, field + " must be a string");
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            throw InputException.at(file, line, field + " must not be empty");
        }
        return text;
    }
}
