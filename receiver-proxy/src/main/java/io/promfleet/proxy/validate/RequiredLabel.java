package io.promfleet.proxy.validate;

import java.nio.charset.StandardCharsets;

/** The tenant's identifying label, as bytes for the zero-copy comparison on the hot path. */
public record RequiredLabel(String name, String value, boolean addIfMissing, byte[] nameBytes, byte[] valueBytes) {

    public RequiredLabel(String name, String value, boolean addIfMissing) {
        this(name, value, addIfMissing, name.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }
}
