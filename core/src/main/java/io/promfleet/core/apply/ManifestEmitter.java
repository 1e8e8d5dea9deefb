package io.promfleet.core.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.core.InputException;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code apply --emit-manifests DIR}: the plan's changes as kustomize-ready YAML for a GitOps pipeline, instead of
 * applying them. Per cluster, {@code DIR/<cluster>/}: {@code kustomization.yaml}; {@code resources/} with the
 * objects the plan creates; {@code patches/} with the objects it replaces (the whole after-state, as a strategic
 * merge patch) and those it deletes (a {@code $patch: delete} patch, which kustomize applies to an object its
 * base declares); {@code helm/} with each Helm values change as a values file; and a {@code README.md} that lists
 * every deletion, the {@code helm upgrade} commands, the component API requests, and the gates to wait for
 * between the steps (a pipeline that applies everything at once skips them: apply step by step).
 *
 * <p>Nothing emitted holds a credential: the plan holds none (Secrets are referenced by name; a Secret change is
 * refused here as in {@code apply}), and server-managed fields are left out.
 */
public final class ManifestEmitter {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /**
     * @param receiveUrl replaces the LoadBalancer placeholders when given; otherwise they stay, and the README says so
     * @return the files written
     */
    public List<Path> emit(Plan plan, Path directory, String receiveUrl) {
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        List<String> gates = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            if (step.isGate()) {
                gates.add("- step " + step.number() + ", gate `" + step.id() + "`" + (step.cluster() == null ? ""
                        : " (" + step.cluster() + ")") + ": " + step.gate().description());
                clusters.values().forEach(c -> c.readme.add("- step " + step.number() + ": wait for gate `"
                        + step.id() + "`: " + step.gate().description()));
                continue;
            }
            Cluster cluster = clusters.computeIfAbsent(step.cluster(), Cluster::new);
            for (Change change : step.action().changes()) {
                cluster.add(step, change, receiveUrl);
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            for (Cluster cluster : clusters.values()) {
                cluster.write(directory.resolve(safe(cluster.name)), written);
            }
        } catch (IOException e) {
            throw new InputException("--emit-manifests " + directory + ": cannot write: " + e.getMessage(), e);
        }
        return written;
    }

    /** What one cluster's directory holds. */
    private final class Cluster {
        final String name;
        final Map<String, Object> resources = new LinkedHashMap<>();
        final Map<String, Object> patches = new LinkedHashMap<>();
        final Map<String, Object> values = new LinkedHashMap<>();
        final List<String> readme = new ArrayList<>();
        final List<String> deletions = new ArrayList<>();
        boolean placeholders;

        Cluster(String name) {
            this.name = name;
        }

        void add(PlanStep step, Change change, String receiveUrl) {
            if (change instanceof ObjectChange o) {
                if (o.kind().equals("Secret")) {
                    throw new ApplyRefusedException(o.ref() + " is a Secret; promfleet never emits one");
                }
                String file = safe(o.kind() + "-" + (o.namespace() == null ? "" : o.namespace() + "-") + o.name()) + ".yaml";
                switch (o.operation()) {
                    case CREATE -> resources.put("resources/" + file, after(o, receiveUrl));
                    case REPLACE -> patches.put("patches/" + file, after(o, receiveUrl));
                    case DELETE -> {
                        Map<String, Object> delete = new LinkedHashMap<>();
                        delete.put("$patch", "delete");
                        delete.put("apiVersion", o.apiVersion());
                        delete.put("kind", o.kind());
                        Map<String, Object> metadata = new LinkedHashMap<>();
                        metadata.put("name", o.name());
                        if (o.namespace() != null) {
                            metadata.put("namespace", o.namespace());
                        }
                        delete.put("metadata", metadata);
                        patches.put("patches/delete-" + file, delete);
                        deletions.add("- " + o.ref() + " (step " + step.number() + ", " + step.id() + ")");
                    }
                }
                readme.add("- step " + step.number() + " `" + step.id() + "`: " + o.summary());
            } else if (change instanceof HelmValuesChange h) {
                String file = "helm/" + safe(h.release()) + "-values.yaml";
                values.put(file, nested(h.set()));
                readme.add("- step " + step.number() + " `" + step.id() + "`: Helm values of release " + h.namespace()
                        + "/" + h.release() + " (" + file + "):\n\n      " + h.command() + "\n\n  undo:\n\n      "
                        + h.undoCommand());
            } else if (change instanceof ApiRequest r) {
                readme.add("- step " + step.number() + " `" + step.id() + "`: " + r.purpose() + ":\n\n      "
                        + r.command());
            }
        }

        Map<String, Object> after(ObjectChange o, String receiveUrl) {
            Map<String, Object> after = ServerFields.strip(ApplyEngine.tree(o.after()));
            if (!Placeholders.find(after).isEmpty()) {
                if (receiveUrl != null) {
                    return ApplyEngine.cast(Placeholders.withUrl(after, receiveUrl));
                }
                placeholders = true;
            }
            return after;
        }

        void write(Path dir, List<Path> written) throws IOException {
            Files.createDirectories(dir);
            Map<String, Object> all = new LinkedHashMap<>(resources);
            all.putAll(patches);
            all.putAll(values);
            for (Map.Entry<String, Object> e : all.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, yaml.writeValueAsString(e.getValue()));
                written.add(file);
            }
            StringBuilder k = new StringBuilder("# Written by `promfleet apply --emit-manifests` for cluster ")
                    .append(name).append(".\n# The patches change objects your own manifests of this cluster declare: "
                            + "add them (e.g. ../base) to resources.\n")
                    .append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n")
                    .append("# - ../base\n");
            resources.keySet().forEach(r -> k.append("- ").append(r).append('\n'));
            if (!patches.isEmpty()) {
                k.append("patches:\n");
                patches.keySet().forEach(p -> k.append("- path: ").append(p).append('\n'));
            }
            Path kustomization = dir.resolve("kustomization.yaml");
            Files.writeString(kustomization, k.toString());
            written.add(kustomization);
            StringBuilder r = new StringBuilder("# Changes for cluster ").append(name).append("\n\n");
            r.append("Apply them in the order below, one step at a time, waiting for each gate: the order is what "
                    + "keeps data and alerts safe.\n\n");
            if (!deletions.isEmpty()) {
                r.append("## Deletions\n\nThese objects are deleted (a `$patch: delete` patch each, in patches/):\n\n");
                deletions.forEach(d -> r.append(d).append('\n'));
                r.append('\n');
            }
            if (placeholders) {
                r.append("## Address to fill in\n\nSome objects hold `${loadBalancer:CLUSTER/NAMESPACE/SERVICE}`: "
                        + "replace it with that Service's LoadBalancer address once it has one (or emit again with "
                        + "--receive-url).\n\n");
            }
            r.append("## Steps\n\n");
            readme.forEach(line -> r.append(line).append('\n'));
            Path file = dir.resolve("README.md");
            Files.writeString(file, r.toString());
            written.add(file);
        }
    }

    /** {@code prometheus.enabled=false} as a values tree. */
    private static Map<String, Object> nested(Map<String, String> set) {
        Map<String, Object> root = new LinkedHashMap<>();
        set.forEach((key, value) -> {
            Map<String, Object> at = root;
            String[] parts = key.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                at = ApplyEngine.cast(at.computeIfAbsent(parts[i], p -> new LinkedHashMap<String, Object>()));
            }
            at.put(parts[parts.length - 1], value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value);
        });
        return root;
    }

    /** A file name from names a plan gives: lower case, no path separators. */
    private static String safe(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[.-]+", "");
    }
}
