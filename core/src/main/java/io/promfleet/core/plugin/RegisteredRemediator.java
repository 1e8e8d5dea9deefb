package io.promfleet.core.plugin;

import io.promfleet.api.Remediator;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A remediator and where it came from, as {@code promfleet plugins} lists it.
 *
 * @param remediator the remediation
 * @param source     the jar (or class-path directory) its class was loaded from
 * @param builtIn    true when it ships with promfleet, false for a plugin from a plugins directory
 * @param spiVersion the SPI version the plugin declares, {@code null} when it declares none or is built in
 */
public record RegisteredRemediator(Remediator remediator, String source, boolean builtIn, String spiVersion)
        implements RegisteredExtension {

    public RegisteredRemediator {
        Objects.requireNonNull(remediator, "remediator");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public ExtensionKind kind() {
        return ExtensionKind.REMEDIATOR;
    }

    @Override
    public Object provider() {
        return remediator;
    }

    @Override
    public String id() {
        return remediator.id();
    }

    @Override
    public String version() {
        return RegisteredExtension.safeVersion(remediator::version);
    }

    /** The check ids it answers, sorted; empty when the plugin's {@code answers()} fails (listing must not). */
    public Set<String> answers() {
        try {
            return new TreeSet<>(remediator.answers());
        } catch (RuntimeException | LinkageError e) {
            return Set.of();
        }
    }
}
