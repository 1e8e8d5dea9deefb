package io.promfleet.proxy.validate;

/**
 * What a valid request holds, for metrics and for the 2.0 {@code X-Prometheus-Remote-Write-*-Written}
 * headers. {@code seriesMissingTenantLabel} counts series the tenant label must be added to.
 */
public record RequestStats(int series, long samples, long histograms, long exemplars, int seriesMissingTenantLabel) {

    /** Float samples plus histogram samples: what the per-request sample limit counts. */
    public long allSamples() {
        return samples + histograms;
    }
}
