package io.promfleet.api.topology;

import java.time.Duration;
import java.util.List;

/**
 * One {@code scrape_configs} entry.
 *
 * @param name             {@code job_name}
 * @param interval         its scrape interval (the global one when it sets none), or {@code null} if unknown
 * @param staticTargets    targets of its {@code static_configs}
 * @param discoveryRoles   service discovery it uses, e.g. {@code kubernetes_sd_configs:pod}
 */
public record ScrapeJob(String name, Duration interval, List<String> staticTargets, List<String> discoveryRoles) {
    public ScrapeJob {
        staticTargets = List.copyOf(staticTargets);
        discoveryRoles = List.copyOf(discoveryRoles);
    }
}
