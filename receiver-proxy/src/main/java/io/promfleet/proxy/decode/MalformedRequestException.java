package io.promfleet.proxy.decode;

/**
 * A body that cannot be decoded: bad snappy, bad protobuf. Always a 400 (413 when {@link #tooLarge()}),
 * never a 5xx: retrying the same bytes can never succeed. No stack trace: this is a verdict on input,
 * thrown on a hot path, not a bug.
 */
public final class MalformedRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final boolean tooLarge;

    public MalformedRequestException(String reason, String message) {
        this(reason, message, false);
    }

    public MalformedRequestException(String reason, String message, boolean tooLarge) {
        super(message, null, false, false);
        this.reason = reason;
        this.tooLarge = tooLarge;
    }

    /** Short, stable id for metrics ({@code snappy-invalid}, {@code protobuf-invalid}, ...). */
    public String reason() {
        return reason;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
