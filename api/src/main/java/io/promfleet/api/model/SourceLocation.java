package io.promfleet.api.model;

/**
 * Where an object was read from: a snapshot file and the line its document starts at (0 when the
 * line is not known), or a live cluster's API ({@code file} is then {@code "api://<cluster>"}).
 */
public record SourceLocation(String file, int line) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
