package io.promfleet.core.plugin;

import io.promfleet.api.Inspector;
import io.promfleet.api.Remediator;

/**
 * The kinds of extension a plugin jar may provide, each registered in its own {@code META-INF/services}
 * file. Loading, id checks and problem reporting are the same for every kind; only the SPI type and the
 * words in messages differ.
 */
public enum ExtensionKind {
    INSPECTOR(Inspector.class, "inspector", "check id"),
    REMEDIATOR(Remediator.class, "remediator", "remediator id");

    private final Class<?> type;
    private final String word;
    private final String idNoun;

    ExtensionKind(Class<?> type, String word, String idNoun) {
        this.type = type;
        this.word = word;
        this.idNoun = idNoun;
    }

    /** The SPI interface a provider implements. */
    public Class<?> type() {
        return type;
    }

    /** How listings and messages name the kind: {@code inspector}, {@code remediator}. */
    public String word() {
        return word;
    }

    /** What its id is called in messages: {@code check id} for an inspector (findings carry it). */
    String idNoun() {
        return idNoun;
    }

    /** The services file that lists a jar's providers of this kind. */
    public String servicesFile() {
        return "META-INF/services/" + type.getName();
    }

    /** Wraps a provider of this kind, found in {@code source}. */
    RegisteredExtension register(Object provider, String source, boolean builtIn, String spiVersion) {
        return switch (this) {
            case INSPECTOR -> new RegisteredInspector((Inspector) provider, source, builtIn, spiVersion);
            case REMEDIATOR -> new RegisteredRemediator((Remediator) provider, source, builtIn, spiVersion);
        };
    }
}
