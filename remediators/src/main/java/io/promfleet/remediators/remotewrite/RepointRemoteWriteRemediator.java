package io.promfleet.remediators.remotewrite;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.remediators.support.CentralReceive;
import io.promfleet.remediators.support.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers the remote-write checks and {@code external-labels-missing}, one action per edge agent: its
 * configuration (the ConfigMap behind {@code --config.file}, or its {@code PrometheusAgent} resource) gets
 * the central Receive's URL and a {@code cluster} external label, and a ConfigMap-configured agent is
 * restarted to read it. One action per agent, because both changes edit the same object.
 */
public final class RepointRemoteWriteRemediator implements Remediator {

    private static final Set<String> REPOINT = Set.of("remote-write-unresolvable", "remote-write-target-unknown");
    private static final String LABELS = "external-labels-missing";
    /** A pod-template annotation whose change makes the StatefulSet controller roll the pods, as {@code kubectl rollout restart} does. */
    static final String RESTART_ANNOTATION = "promfleet.io/config-revision";

    @Override
    public String id() {
        return "repoint-remote-write";
    }

    @Override
    public String description() {
        return "Points each edge agent's remote-write at the central Receive and adds a cluster external label.";
    }

    @Override
    public Set<String> answers() {
        return Set.of("remote-write-unresolvable", "remote-write-target-unknown", LABELS);
    }

    @Override
    public List<Action> plan(RemediationContext context, List<Finding> findings) {
        Optional<CentralReceive> receive = CentralReceive.of(context);
        List<Action> actions = new ArrayList<>();
        for (Cluster edge : context.fleet().edges()) {
            List<Finding> mine = findings.stream().filter(f -> edge.name().equals(f.cluster())).toList();
            for (PrometheusInstance agent : edge.topology().agents()) {
                Set<String> urls = new LinkedHashSet<>();
                Set<String> checks = new TreeSet<>();
                boolean label = false;
                for (Finding f : mine) {
                    if (!concerns(f, agent)) {
                        continue;
                    }
                    if (REPOINT.contains(f.check()) && receive.isPresent()) {
                        Optional.ofNullable(f.evidence().get("url")).ifPresent(urls::add);
                        checks.add(f.check());
                    } else if (f.check().equals(LABELS)) {
                        label = !agent.config().externalLabels().containsKey("cluster");
                        checks.add(f.check());
                    }
                }
                if (urls.isEmpty() && !label) {
                    continue;
                }
                String url = receive.map(CentralReceive::url).orElse(null);
                action(edge, agent, urls, url, label, List.copyOf(checks)).ifPresent(actions::add);
            }
        }
        return actions;
    }

    /** True when the finding is about this agent (its workload or its configuration object). */
    private static boolean concerns(Finding f, PrometheusInstance agent) {
        String workload = f.evidence().get("prometheus");
        if (workload != null) {
            return workload.equals(agent.workload().toString());
        }
        ConfigSource source = agent.config().source();
        return source != null && Objects.equals(f.name(), source.name()) && Objects.equals(f.kind(), source.kind())
                || Objects.equals(f.name(), agent.workload().name());
    }

    private Optional<Action> action(Cluster edge, PrometheusInstance agent, Set<String> oldUrls, String url,
            boolean addLabel, List<String> checks) {
        ConfigSource source = agent.config().source();
        if (source == null) {
            return Optional.empty();
        }
        Optional<KubeObject> object = edge.object(source.kind(), source.namespace(), source.name());
        if (object.isEmpty()) {
            return Optional.empty();
        }
        KubeObject config = object.get();
        List<Change> changes = new ArrayList<>();
        Map<String, Object> after = Trees.editable(config.body());
        String what;
        if (config.kind().equals("ConfigMap") && source.key() != null) {
            Map<String, Object> data = Trees.child(after, "data");
            String text = String.valueOf(data.getOrDefault(source.key(), ""));
            String edited = PrometheusYaml.replaceUrls(text, oldUrls, url);
            if (addLabel) {
                edited = PrometheusYaml.addExternalLabel(edited, "cluster", edge.name());
            }
            data.put(source.key(), edited);
            changes.add(new ObjectChange(edge.name(), config.apiVersion(), config.kind(), config.namespace(),
                    config.name(), config.body(), Node.of(after)));
            restart(edge, agent, Integer.toHexString(edited.hashCode())).ifPresent(changes::add);
            what = "ConfigMap " + config.namespace() + "/" + config.name() + " key " + source.key();
        } else {
            // An operator resource: the operator regenerates the configuration and reloads Prometheus.
            Map<String, Object> spec = Trees.child(after, "spec");
            if (spec.get("remoteWrite") instanceof List<?> list) {
                for (Object entry : list) {
                    if (entry instanceof Map<?, ?> rw && oldUrls.contains(String.valueOf(rw.get("url")))) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> writable = (Map<String, Object>) rw;
                        writable.put("url", url);
                    }
                }
            }
            if (addLabel) {
                Trees.child(spec, "externalLabels").put("cluster", edge.name());
            }
            changes.add(new ObjectChange(edge.name(), config.apiVersion(), config.kind(), config.namespace(),
                    config.name(), config.body(), Node.of(after)));
            what = config.kind() + " " + config.namespace() + "/" + config.name();
        }
        StringBuilder description = new StringBuilder();
        if (!oldUrls.isEmpty()) {
            description.append("Repoint remote-write of ").append(agent.workload()).append(" from ")
                    .append(String.join(", ", oldUrls)).append(" to ").append(url).append(". ");
        }
        if (addLabel) {
            description.append("Add external label cluster=").append(edge.name()).append(". ");
        }
        description.append("Changes ").append(what).append(
                config.kind().equals("ConfigMap") ? " and restarts the agent to read it." : ".");
        String ns = agent.workload().namespace();
        String verification = "kubectl --context " + edge.name() + " -n " + ns + " exec " + agent.workload().kind()
                .toLowerCase(java.util.Locale.ROOT) + "/" + agent.workload().name()
                + " -- wget -qO- http://localhost:9090/metrics | grep -E "
                + "'prometheus_remote_storage_(samples_failed_total|highest_timestamp_in_seconds)'";
        return Optional.of(new Action("repoint-remote-write-" + Trees.slug(edge.name()) + "-" + Trees.slug(agent.workload().name()),
                Phase.REPOINT_REMOTE_WRITE, edge.name(), description.toString().trim(), changes, verification,
                "Restore the configuration's before-state" + (config.kind().equals("ConfigMap") ? " and restart the agent." : "."),
                checks));
    }

    /** The agent's workload with a new pod-template annotation, so that it restarts with the new configuration. */
    private static Optional<Change> restart(Cluster edge, PrometheusInstance agent, String revision) {
        return edge.object(agent.workload().kind(), agent.workload().namespace(), agent.workload().name()).map(o -> {
            Map<String, Object> after = Trees.editable(o.body());
            Trees.child(after, "spec", "template", "metadata", "annotations").put(RESTART_ANNOTATION, revision);
            return new ObjectChange(edge.name(), o.apiVersion(), o.kind(), o.namespace(), o.name(), o.body(),
                    Node.of(after));
        });
    }
}
