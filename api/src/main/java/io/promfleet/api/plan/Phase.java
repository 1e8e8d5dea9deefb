package io.promfleet.api.plan;

import io.promfleet.api.Experimental;
import java.util.Locale;

/**
 * The phases of a remediation plan, in the order they run. The order is the seed audit's hand-made plan
 * plus the rule move its cautions only mentioned: nothing that evaluates or stores an edge's data is
 * removed before the central cluster demonstrably receives that edge and evaluates its rules.
 */
@Experimental(since = "0.1")
public enum Phase {
    /** Thanos Receive (and its Service, LoadBalancer, hashring, objstore reference) on the central cluster. */
    DEPLOY_RECEIVE,
    /** Each edge's remote-write pointed at the central Receive; a {@code cluster} external label added. */
    REPOINT_REMOTE_WRITE,
    /** Wait until the central has received every edge continuously for the gate window. */
    GATE_RECEIVING,
    /** The edges' alerting and recording rules moved to a Thanos Ruler on the central cluster. */
    MOVE_RULES,
    /** Duplicates removed, one cluster at a time, each after a backup. */
    REMOVE_DUPLICATES,
    /** Audit again; every edge's series queryable centrally; the moved rules evaluate. */
    VERIFY;

    /** The phase's id in plan files, e.g. {@code deploy-receive}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The phase whose {@link #id()} is {@code id}. */
    public static Phase of(String id) {
        for (Phase phase : values()) {
            if (phase.id().equals(id)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("unknown phase '" + id + "'");
    }
}
