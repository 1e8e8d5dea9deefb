package io.promfleet.api.plan;

import io.promfleet.api.Experimental;
import java.time.Duration;
import java.util.Objects;

/**
 * A condition a plan waits for before it goes on: checked through an API, never assumed.
 *
 * @param id          stable within a plan, e.g. {@code receiving-cluster-02}
 * @param phase       the phase it closes
 * @param cluster     the cluster it is about (an edge for the receiving gate)
 * @param description what is checked, in words
 * @param api         through which API it is checked
 * @param query       what is asked of that API, e.g. a PromQL expression for Thanos Query
 * @param window      how long the condition must have held continuously ({@link Duration#ZERO}: just now)
 */
@Experimental(since = "0.1")
public record Gate(String id, Phase phase, String cluster, String description, Api api, String query, Duration window) {

    /** The window a receiving gate waits by default: the seed audit's "wait at least 2 hours". */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(2);

    /** The API a gate is checked through. */
    public enum Api {
        /** An instant PromQL query against Thanos Query's {@code /api/v1/query}; passes when it returns 1. */
        THANOS_QUERY,
        /** Thanos Ruler's {@code /api/v1/rules}: the rule groups are loaded and have no evaluation error. */
        THANOS_RULER,
        /** The Kubernetes API: an object reaches a state (e.g. a StatefulSet's ready replicas). */
        KUBERNETES;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Gate {
        Objects.requireNonNull(id, "Gate.id");
        Objects.requireNonNull(phase, "Gate.phase");
        Objects.requireNonNull(description, "Gate.description");
        Objects.requireNonNull(api, "Gate.api");
        Objects.requireNonNull(query, "Gate.query");
        window = window == null ? Duration.ZERO : window;
        if (window.isNegative()) {
            throw new IllegalArgumentException("Gate " + id + ": negative window " + window);
        }
    }
}
