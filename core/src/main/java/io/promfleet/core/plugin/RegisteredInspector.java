package io.promfleet.core.plugin;

import io.promfleet.api.Inspector;
import java.util.Objects;

/**
 * An inspector and where it came from, as {@code promfleet plugins} lists it.
 *
 * @param inspector  the check
 * @param source     the jar (or class-path directory) its class was loaded from
 * @param builtIn    true when it ships with promfleet (found on the host's class path), false for a plugin
 *                   from a plugins directory
 * @param spiVersion the SPI version the plugin declares, {@code null} when it declares none or is built in
 */
public record RegisteredInspector(Inspector inspector, String source, boolean builtIn, String spiVersion)
        implements RegisteredExtension {

    public RegisteredInspector {
        Objects.requireNonNull(inspector, "inspector");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public ExtensionKind kind() {
        return ExtensionKind.INSPECTOR;
    }

    @Override
    public Object provider() {
        return inspector;
    }

    @Override
    public String id() {
        return inspector.id();
    }

    @Override
    public String version() {
        return RegisteredExtension.safeVersion(inspector::version);
    }
}
