package io.promfleet.api.topology;

import java.util.Locale;

/** A Thanos component, named by the subcommand that starts it ({@code thanos receive ...}). */
public enum ThanosRole {
    RECEIVE("receive"),
    SIDECAR("sidecar"),
    QUERY("query"),
    QUERY_FRONTEND("query-frontend"),
    STORE("store"),
    COMPACT("compact"),
    RULER("rule"),
    TOOLS("tools");

    private final String subcommand;

    ThanosRole(String subcommand) {
        this.subcommand = subcommand;
    }

    public String subcommand() {
        return subcommand;
    }

    /** The role a subcommand starts, or {@code null}; accepts Thanos' aliases {@code querier} and {@code ruler}. */
    public static ThanosRole ofSubcommand(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (ThanosRole role : values()) {
            if (role.subcommand.equals(w)) {
                return role;
            }
        }
        return switch (w) {
            case "querier" -> QUERY;
            case "ruler" -> RULER;
            default -> null;
        };
    }
}
