package io.promfleet.core.plugin;

/**
 * An inspector or a remediator and where it came from, as {@code promfleet plugins} lists it. The id and
 * version are asked of plugin code: a plugin whose {@code id()} throws is left out when it is registered
 * (see {@link ExtensionRegistry}), and {@link #version()} never throws, so listing cannot break.
 */
public sealed interface RegisteredExtension permits RegisteredInspector, RegisteredRemediator {

    ExtensionKind kind();

    /** The inspector or remediator itself. */
    Object provider();

    /** The jar (or class-path directory) its class was loaded from. */
    String source();

    /** True when it ships with promfleet (found on the host's class path), false for a plugin. */
    boolean builtIn();

    /** The SPI version its plugin jar declares; {@code null} when it declares none or is built in. */
    String spiVersion();

    String id();

    /** Its own version, or a word saying why there is none. */
    String version();

    /** The version a provider states, or why it could not: a broken plugin must not break listing. */
    static String safeVersion(java.util.function.Supplier<String> version) {
        try {
            return version.get();
        } catch (RuntimeException | LinkageError e) {
            return "(unknown: " + e.getClass().getSimpleName() + ")";
        }
    }
}
