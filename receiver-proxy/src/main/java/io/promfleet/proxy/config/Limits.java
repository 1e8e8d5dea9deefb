package io.promfleet.proxy.config;

import java.time.Duration;

/**
 * Request limits, checked before anything large is allocated.
 *
 * <p>The per-series defaults are those of Mimir/Cortex distributors (30 labels, 1024-byte names,
 * 2048-byte values, 10 minutes of creation grace), which Thanos Receive operators tend to adopt too.
 */
public record Limits(
        long maxCompressedBytes,
        long maxDecompressedBytes,
        int maxSeriesPerRequest,
        int maxSamplesPerRequest,
        int maxLabelsPerSeries,
        int maxLabelNameLength,
        int maxLabelValueLength,
        Duration maxFutureSkew) {

    public static final Limits DEFAULTS = new Limits(
            4L << 20, 16L << 20, 50_000, 100_000, 30, 1024, 2048, Duration.ofMinutes(10));

    public Limits {
        ConfigChecks.positive("limits.maxCompressedBytes", maxCompressedBytes);
        ConfigChecks.positive("limits.maxDecompressedBytes", maxDecompressedBytes);
        // A byte[] cannot hold more; the check also keeps int arithmetic in the decoder safe.
        ConfigChecks.atMost("limits.maxDecompressedBytes", maxDecompressedBytes, Integer.MAX_VALUE - 8);
        ConfigChecks.atMost("limits.maxCompressedBytes", maxCompressedBytes, Integer.MAX_VALUE - 8);
        ConfigChecks.positive("limits.maxSeriesPerRequest", maxSeriesPerRequest);
        ConfigChecks.positive("limits.maxSamplesPerRequest", maxSamplesPerRequest);
        ConfigChecks.positive("limits.maxLabelsPerSeries", maxLabelsPerSeries);
        ConfigChecks.positive("limits.maxLabelNameLength", maxLabelNameLength);
        ConfigChecks.positive("limits.maxLabelValueLength", maxLabelValueLength);
        ConfigChecks.notNegative("limits.maxFutureSkew", maxFutureSkew);
    }
}
