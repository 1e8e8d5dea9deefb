package io.promfleet.core;

import java.nio.file.Path;

/**
 * Input promfleet cannot use: a fleet file, snapshot file or flag that is missing or malformed. The
 * message names the file (and line when known) and the field at fault, and is meant to be shown as is.
 */
public class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file:line: message}, or {@code file: message} when the line is not known. */
    public static InputException at(Path file, int line, String message) {
        return new InputException(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
