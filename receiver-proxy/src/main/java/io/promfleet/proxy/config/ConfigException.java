package io.promfleet.proxy.config;

/** An invalid configuration; the message names the file (when there is one) and the field at fault. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
