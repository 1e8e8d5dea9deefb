package io.promfleet.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of this SPI, {@code MAJOR.MINOR}, which a plugin declares in its jar manifest as
 * {@value #MANIFEST_ATTRIBUTE}{@code : 1.0} and the host checks before loading it.
 *
 * <p>The SPI grows only by adding (a new {@code default} method, a new type): that raises {@link #MINOR}.
 * A plugin built for {@code 1.0} therefore runs on a {@code 1.3} host, but a plugin built for {@code 1.3}
 * may call what a {@code 1.0} host lacks, and a different {@link #MAJOR} is a break either way.
 */
@Stable(since = "0.1")
public final class SpiVersion {

    /** Raised only by an incompatible change, which the build's binary-compatibility check must approve. */
    public static final int MAJOR = 1;

    /**
     * Raised by every addition to the SPI. 1.1: {@code InspectionContext.locale()}; 1.2:
     * {@code Inspector.description(Locale)}; 1.3: {@code Inspector.scope()} ({@link InspectionScope}) and
     * {@code InspectionContext.clustersToInspect()}, with which the engine streams a large fleet cluster by
     * cluster (a check built for 1.0–1.2 is {@code FLEET}-scoped and sees the whole fleet, as before).
     */
    public static final int MINOR = 3;

    /** The manifest main attribute in which a plugin jar names the SPI version it was built for. */
    public static final String MANIFEST_ATTRIBUTE = "Promfleet-Spi-Version";

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\.(\\d+)(?:\\.\\d+)?\\s*");

    private SpiVersion() {}

    /** This host's SPI version, e.g. {@code "1.0"}. */
    public static String current() {
        return MAJOR + "." + MINOR;
    }

    /**
     * Why a plugin built for SPI {@code declared} cannot run on this host, or empty when it can.
     *
     * @param declared the value of the plugin's {@value #MANIFEST_ATTRIBUTE} attribute
     */
    public static Optional<String> incompatibility(String declared) {
        Matcher m = declared == null ? null : FORMAT.matcher(declared);
        if (m == null || !m.matches()) {
            return Optional.of(MANIFEST_ATTRIBUTE + " '" + declared + "' is not MAJOR.MINOR, e.g. " + current());
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major != MAJOR) {
            return Optional.of("built for SPI " + major + "." + minor + ", but this promfleet provides SPI "
                    + current() + " (a different major version is incompatible)");
        }
        if (minor > MINOR) {
            return Optional.of("built for SPI " + major + "." + minor + ", newer than this promfleet's SPI "
                    + current() + ": upgrade promfleet");
        }
        return Optional.empty();
    }
}
