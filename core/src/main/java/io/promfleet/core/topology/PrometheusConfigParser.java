package io.promfleet.core.topology;

import io.promfleet.api.model.Node;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.topology.ConfigSource;
import io.promfleet.api.topology.PrometheusConfig;
import io.promfleet.api.topology.QueueConfig;
import io.promfleet.api.topology.RemoteWriteAuth;
import io.promfleet.api.topology.RemoteWriteTarget;
import io.promfleet.api.topology.ScrapeJob;
import io.promfleet.core.InputException;
import io.promfleet.core.tree.LocatedTree;
import io.promfleet.core.tree.TreeReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the parts of a Prometheus configuration file (prometheus.yml) that checks need. Field names are
 * those of the Prometheus configuration reference.
 */
final class PrometheusConfigParser {

    private final TreeReader reader;

    PrometheusConfigParser(TreeReader reader) {
        this.reader = reader;
    }

    PrometheusConfig parse(String yaml, ConfigSource source) {
        LocatedTree tree;
        try {
            tree = reader.readYaml(yaml, source.toString());
        } catch (InputException e) {
            return PrometheusConfig.unreadable(source, e.getMessage());
        }
        if (tree.documents().isEmpty() || tree.documents().get(0) == null) {
            return PrometheusConfig.unreadable(source, source + ": the configuration is empty");
        }
        if (!(tree.documents().get(0) instanceof Map<?, ?>)) {
            return PrometheusConfig.unreadable(source, source + ": the configuration is not a YAML mapping");
        }
        Node root = Node.of(tree.documents().get(0));
        List<String> problems = new ArrayList<>();
        Duration globalInterval = duration(root.path("global", "scrape_interval"), "global.scrape_interval", problems);
        List<ScrapeJob> jobs = new ArrayList<>();
        List<Node> scrapeConfigs = root.get("scrape_configs").elements();
        for (int i = 0; i < scrapeConfigs.size(); i++) {
            jobs.add(scrapeJob(scrapeConfigs.get(i), "scrape_configs[" + i + "]", globalInterval, problems));
        }
        List<RemoteWriteTarget> remoteWrites = new ArrayList<>();
        List<Node> writes = root.get("remote_write").elements();
        for (int i = 0; i < writes.size(); i++) {
            String location = "remote_write[" + i + "]";
            Node write = writes.get(i);
            String url = write.get("url").text(null);
            if (url == null) {
                problems.add(source + ": " + location + " has no url");
                continue;
            }
            remoteWrites.add(new RemoteWriteTarget(url, write.get("name").text(null),
                    queue(write.get("queue_config"), location + ".queue_config", problems),
                    auth(write, location), location));
        }
        return new PrometheusConfig(source, root.path("global", "external_labels").textFields(), globalInterval,
                jobs, remoteWrites, root.get("rule_files").textElements(), problems);
    }

    private static ScrapeJob scrapeJob(Node job, String location, Duration globalInterval, List<String> problems) {
        Duration interval = duration(job.get("scrape_interval"), location + ".scrape_interval", problems);
        List<String> targets = new ArrayList<>();
        for (Node staticConfig : job.get("static_configs").elements()) {
            targets.addAll(staticConfig.get("targets").textElements());
        }
        List<String> discovery = new ArrayList<>();
        job.fields().forEach((key, value) -> {
            if (key.endsWith("_sd_configs")) {
                for (Node sd : value.elements()) {
                    discovery.add(key + sd.get("role").text().map(r -> ":" + r).orElse(""));
                }
            }
        });
        return new ScrapeJob(job.get("job_name").text("(unnamed)"), interval != null ? interval : globalInterval,
                targets, discovery);
    }

    static QueueConfig queue(Node queue, String location, List<String> problems) {
        if (queue.isNullOrMissing()) {
            return QueueConfig.UNSET;
        }
        return new QueueConfig(
                integer(queue.get("capacity")),
                integer(queue.get("max_shards")),
                integer(queue.get("min_shards")),
                integer(queue.get("max_samples_per_send")),
                duration(queue.get("batch_send_deadline"), location + ".batch_send_deadline", problems));
    }

    /**
     * How a remote_write entry authenticates, and whether a secret is written inline. Prometheus accepts
     * a secret either inline ({@code password}, {@code credentials}, {@code bearer_token},
     * {@code client_secret}, {@code secret_key}) or by file ({@code *_file}); only the inline form leaks.
     */
    private static RemoteWriteAuth auth(Node write, String location) {
        record Candidate(String method, String block, String inlineField) {}
        List<Candidate> candidates = List.of(
                new Candidate("basic", "basic_auth", "password"),
                new Candidate("bearer", "authorization", "credentials"),
                new Candidate("oauth2", "oauth2", "client_secret"),
                new Candidate("sigv4", "sigv4", "secret_key"));
        if (write.get("bearer_token").isScalar()) {
            return new RemoteWriteAuth("bearer", true, location + ".bearer_token");
        }
        if (write.get("bearer_token_file").isScalar()) {
            return new RemoteWriteAuth("bearer", false, null);
        }
        for (Candidate c : candidates) {
            Node block = write.get(c.block());
            if (block.isObject()) {
                boolean inline = block.get(c.inlineField()).isScalar()
                        && !block.get(c.inlineField()).text("").isBlank();
                return new RemoteWriteAuth(c.method(), inline, inline ? location + "." + c.block() + "." + c.inlineField() : null);
            }
        }
        if (write.get("azuread").isObject()) {
            return new RemoteWriteAuth("azuread", false, null);
        }
        return RemoteWriteAuth.NONE;
    }

    static Integer integer(Node node) {
        if (!node.isScalar()) {
            return null;
        }
        long value = node.asLong(Long.MIN_VALUE);
        return value == Long.MIN_VALUE || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : (int) value;
    }

    static Duration duration(Node node, String location, List<String> problems) {
        if (!node.isScalar()) {
            return null;
        }
        try {
            return PromDuration.parse(node.text(""));
        } catch (IllegalArgumentException e) {
            problems.add(location + ": " + e.getMessage());
            return null;
        }
    }
}
