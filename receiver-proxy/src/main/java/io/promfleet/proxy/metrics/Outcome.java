package io.promfleet.proxy.metrics;

/** How a remote-write request ended; the {@code outcome} tag of every request metric. */
public enum Outcome {
    ACCEPTED("accepted"),
    REJECTED("rejected"),
    MALFORMED("malformed"),
    TOO_LARGE("too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    METHOD_NOT_ALLOWED("method_not_allowed"),
    UNAUTHORIZED("unauthorized"),
    OVERLOADED("overloaded"),
    UPSTREAM_REJECTED("upstream_rejected"),
    UPSTREAM_CONFLICT("upstream_conflict"),
    UPSTREAM_TOO_LARGE("upstream_too_large"),
    UPSTREAM_UNAVAILABLE("upstream_unavailable"),
    CLIENT_CLOSED("client_closed");

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
