package io.promfleet.core.topology;

import java.util.Locale;

/** The repository's last path segment of a container image, which names the program it runs. */
final class ImageName {

    private ImageName() {}

    /** {@code quay.io/prometheus/prometheus:v2.42.0@sha256:...} gives {@code prometheus}. */
    static String program(String image) {
        if (image == null) {
            return "";
        }
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        String last = slash >= 0 ? s.substring(slash + 1) : s;
        int colon = last.indexOf(':');
        if (colon >= 0) {
            last = last.substring(0, colon);
        }
        return last.toLowerCase(Locale.ROOT);
    }

    /** The last path segment of a command such as {@code /bin/prometheus}. */
    static String commandName(String command) {
        int slash = command.lastIndexOf('/');
        return slash >= 0 ? command.substring(slash + 1) : command;
    }
}
