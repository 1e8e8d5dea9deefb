package com.example.promfleet;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.topology.PrometheusInstance;
import io.promfleet.api.topology.WorkloadRef;
import java.time.Duration;
import java.util.List;

/**
 * {@code scrape-interval-too-short}: an edge's Prometheus agent scraping more often than every 15 s.
 * Every sample an agent scrapes is remote-written to the central Receive, so halving the interval
 * doubles the samples, the WAN traffic and the central's ingestion and storage; dashboards and alerts
 * on a fleet rarely need more than 15 s resolution. The limit is a setting,
 * {@code scrape-interval-too-short.minimum} (a Prometheus duration).
 */
public final class ScrapeIntervalTooShortInspector implements Inspector {

    public static final String ID = "scrape-interval-too-short";
    public static final String MINIMUM_SETTING = ID + ".minimum";
    static final Duration DEFAULT_MINIMUM = Duration.ofSeconds(15);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "An edge agent scrapes more often than the minimum interval (15s by default), multiplying remote-write traffic.";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public void inspect(InspectionContext context) {
        Duration minimum = context.settings().get(MINIMUM_SETTING).map(PromDuration::parse).orElse(DEFAULT_MINIMUM);
        for (Cluster cluster : context.fleet().edges()) {
            for (PrometheusInstance agent : cluster.topology().agents()) {
                if (!agent.config().isReadable()) {
                    context.coverageGap(cluster.name(), "the configuration of agent " + agent.workload().name()
                            + " could not be read: " + String.join("; ", agent.config().problems()));
                    continue;
                }
                List<String> fastJobs = agent.config().scrapeJobs().stream()
                        .filter(job -> job.interval() != null && job.interval().compareTo(minimum) < 0)
                        .map(job -> job.name() + " (" + PromDuration.format(job.interval()) + ")")
                        .toList();
                Duration global = agent.config().scrapeInterval();
                boolean globalTooShort = global != null && global.compareTo(minimum) < 0;
                if (fastJobs.isEmpty() && !globalTooShort) {
                    continue;
                }
                WorkloadRef workload = agent.workload();
                context.report(context.finding()
                        .cluster(cluster.name())
                        .object(workload.namespace(), workload.kind(), workload.name())
                        .message("agent " + workload.name() + " scrapes more often than every "
                                + PromDuration.format(minimum)
                                + (globalTooShort ? ": global scrape_interval is " + PromDuration.format(global) : "")
                                + (fastJobs.isEmpty() ? "" : (globalTooShort ? "; " : ": ") + "jobs " + String.join(", ", fastJobs))
                                + ". Every sample is remote-written to the central cluster, so the traffic and the"
                                + " central storage grow in proportion.")
                        .remediation("Raise scrape_interval to " + PromDuration.format(minimum)
                                + " or more (in the agent's ConfigMap, or spec.scrapeInterval of its PrometheusAgent)"
                                + " unless a dashboard truly needs the finer resolution; then suppress this finding"
                                + " with the annotation promfleet.io/ignore: " + ID + ".")
                        .evidence("minimum", PromDuration.format(minimum))
                        .evidence("globalScrapeInterval", global == null ? null : PromDuration.format(global))
                        .evidence("fastJobs", fastJobs.isEmpty() ? null : String.join(", ", fastJobs))
                        .build());
            }
        }
    }
}
