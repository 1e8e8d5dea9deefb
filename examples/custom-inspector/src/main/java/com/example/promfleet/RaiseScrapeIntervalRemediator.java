package com.example.promfleet;

import io.promfleet.api.Finding;
import io.promfleet.api.RemediationContext;
import io.promfleet.api.Remediator;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code scrape-interval-too-short}: raises every {@code scrape_interval} of the edge agent's
 * configuration that is below the minimum to the minimum, and restarts the agent to read it.
 *
 * <p>Only agents configured by a ConfigMap ({@code --config.file}) are planned for. An agent that the
 * Prometheus Operator configures from a {@code PrometheusAgent} resource keeps its finding for a person:
 * its intervals also live in ServiceMonitors, which a plan should not rewrite on a guess.
 */
public final class RaiseScrapeIntervalRemediator implements Remediator {

    public static final String ID = "raise-scrape-interval";

    /** A pod-template annotation whose change rolls the agent's pods, as {@code kubectl rollout restart} does. */
    static final String RESTART_ANNOTATION = "promfleet.example.com/scrape-interval";

    /** {@code scrape_interval: 5s}, alone on its line (global or per job), perhaps quoted, perhaps commented. */
    private static final Pattern INTERVAL = Pattern.compile(
            "(?m)^(\\s*scrape_interval:\\s*)([\"']?)([0-9a-z]+)\\2([ \\t]*(#.*)?)$");

    /** What the API server owns: an after-state carries none of it, so applying it changes only what we mean. */
    private static final List<String> SERVER_MANAGED = List.of("creationTimestamp", "resourceVersion", "uid",
            "generation", "managedFields");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Raises an edge agent's too-short scrape intervals to the minimum in its ConfigMap, and restarts it.";
    }

    @Override
    public Set<String> answers() {
        return Set.of(ScrapeIntervalTooShortInspector.ID);
    }

    @Override
    public List<Action> plan(RemediationContext context, List<Finding> findings) {
        Duration minimum = context.settings().get(ScrapeIntervalTooShortInspector.MINIMUM_SETTING)
                .map(PromDuration::parse).orElse(ScrapeIntervalTooShortInspector.DEFAULT_MINIMUM);
        List<Action> actions = new ArrayList<>();
        for (Finding finding : findings) {
            Optional<Cluster> cluster = context.fleet().cluster(finding.cluster());
            if (cluster.isEmpty()) {
                continue;
            }
            for (PrometheusInstance agent : cluster.get().topology().agents()) {
                if (agent.workload().name().equals(finding.name())
                        && agent.workload().namespace().equals(finding.namespace())) {
                    action(cluster.get(), agent, minimum).ifPresent(actions::add);
                }
            }
        }
        return actions;
    }

    private static Optional<Action> action(Cluster edge, PrometheusInstance agent, Duration minimum) {
        ConfigSource source = agent.config().source();
        if (source == null || !source.kind().equals("ConfigMap") || source.key() == null) {
            return Optional.empty();
        }
        Optional<KubeObject> configMap = edge.object("ConfigMap", source.namespace(), source.name());
        if (configMap.isEmpty()) {
            return Optional.empty();
        }
        KubeObject config = configMap.get();
        String before = config.at("data", source.key()).text("");
        String after = raise(before, minimum);
        if (after.equals(before)) {
            return Optional.empty();
        }
        Map<String, Object> edited = editable(config.body());
        child(edited, "data").put(source.key(), after);
        List<Change> changes = new ArrayList<>();
        changes.add(new ObjectChange(edge.name(), config.apiVersion(), "ConfigMap", config.namespace(), config.name(),
                config.body(), Node.of(edited)));
        // The agent reads its configuration at start (or on /-/reload, which needs --web.enable-lifecycle):
        // a new pod-template annotation restarts it the way every Kubernetes user can review.
        edge.object(agent.workload().kind(), agent.workload().namespace(), agent.workload().name()).ifPresent(w -> {
            Map<String, Object> restarted = editable(w.body());
            child(restarted, "spec", "template", "metadata", "annotations")
                    .put(RESTART_ANNOTATION, PromDuration.format(minimum));
            changes.add(new ObjectChange(edge.name(), w.apiVersion(), w.kind(), w.namespace(), w.name(), w.body(),
                    Node.of(restarted)));
        });
        String workload = agent.workload().kind().toLowerCase(Locale.ROOT) + "/" + agent.workload().name();
        // Phase: the agent's configuration is changed in the remote-write phase, the one phase in which a plan
        // may edit what an edge still needs (its agent); promfleet refuses such a change in any other phase.
        return Optional.of(new Action(ID + "-" + slug(edge.name()) + "-" + slug(agent.workload().name()),
                Phase.REPOINT_REMOTE_WRITE, edge.name(),
                "Raise the scrape intervals below " + PromDuration.format(minimum) + " of " + workload + " to "
                        + PromDuration.format(minimum) + " in ConfigMap " + config.namespace() + "/" + config.name()
                        + " (key " + source.key() + "), and restart the agent to read it. If another action of this"
                        + " plan edits the same ConfigMap, apply the plan, then plan again for this one.",
                changes,
                "kubectl --context " + edge.name() + " -n " + agent.workload().namespace() + " exec " + workload
                        + " -- wget -qO- http://localhost:9090/api/v1/status/config | grep scrape_interval",
                "Restore the ConfigMap's before-state and restart the agent.",
                List.of(ScrapeIntervalTooShortInspector.ID)));
    }

    /** {@code config} with every scrape_interval below {@code minimum} set to it; comments and layout kept. */
    static String raise(String config, Duration minimum) {
        Matcher m = INTERVAL.matcher(config);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group();
            try {
                if (PromDuration.parse(m.group(3)).compareTo(minimum) < 0) {
                    replacement = m.group(1) + m.group(2) + PromDuration.format(minimum) + m.group(2) + m.group(4);
                }
            } catch (IllegalArgumentException notADuration) {
                // Left as it is: Prometheus itself would refuse it, and that is another finding.
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A deep, modifiable copy of an object's tree, without its status and server-managed metadata. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> editable(Node body) {
        Map<String, Object> copy = (Map<String, Object>) copy(body.unwrap());
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> metadata) {
            SERVER_MANAGED.forEach(metadata::remove);
        }
        return copy;
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> root, String... path) {
        Map<String, Object> current = root;
        for (String key : path) {
            current = (Map<String, Object>) current.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        }
        return current;
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
