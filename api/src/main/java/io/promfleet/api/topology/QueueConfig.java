package io.promfleet.api.topology;

import java.time.Duration;

/**
 * A remote_write {@code queue_config} as written; a {@code null} field was not set, so Prometheus' default
 * for its version applies.
 */
public record QueueConfig(
        Integer capacity,
        Integer maxShards,
        Integer minShards,
        Integer maxSamplesPerSend,
        Duration batchSendDeadline) {

    public static final QueueConfig UNSET = new QueueConfig(null, null, null, null, null);
}
