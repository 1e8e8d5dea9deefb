package io.promfleet.api.model;

import java.util.Locale;

/** What a cluster is for in the target architecture. */
public enum ClusterRole {
    /** Runs Thanos Receive, Query, Ruler and the fleet's Alertmanager; stores the data. */
    CENTRAL,
    /** Runs a Prometheus agent that remote-writes to the central cluster, and nothing that stores data. */
    EDGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code central} or {@code edge}, or returns {@code null} for anything else. */
    public static ClusterRole parseOrNull(String text) {
        for (ClusterRole role : values()) {
            if (role.id().equalsIgnoreCase(text)) {
                return role;
            }
        }
        return null;
    }
}
