package io.promfleet.api.topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parts of a Prometheus configuration checks read.
 *
 * @param source          where it was read from, or {@code null} when it could not be found
 * @param externalLabels  {@code global.external_labels} (or the operator's {@code spec.externalLabels})
 * @param scrapeInterval  the global scrape interval, or {@code null} when unset
 * @param scrapeJobs      the scrape jobs
 * @param remoteWrites    the remote_write targets
 * @param ruleFiles       {@code rule_files} patterns
 * @param problems        why parts could not be read (a missing ConfigMap, a YAML error), for coverage gaps
 */
public record PrometheusConfig(
        ConfigSource source,
        Map<String, String> externalLabels,
        Duration scrapeInterval,
        List<ScrapeJob> scrapeJobs,
        List<RemoteWriteTarget> remoteWrites,
        List<String> ruleFiles,
        List<String> problems) {

    public PrometheusConfig {
        externalLabels = Map.copyOf(externalLabels);
        scrapeJobs = List.copyOf(scrapeJobs);
        remoteWrites = List.copyOf(remoteWrites);
        ruleFiles = List.copyOf(ruleFiles);
        problems = List.copyOf(problems);
    }

    /** A configuration that could not be read, for the reason given. */
    public static PrometheusConfig unreadable(ConfigSource source, String problem) {
        return new PrometheusConfig(source, Map.of(), null, List.of(), List.of(), List.of(), List.of(problem));
    }

    public boolean isReadable() {
        return problems.isEmpty();
    }
}
