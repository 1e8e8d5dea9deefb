package io.promfleet.api.model;

/** A {@code metadata.ownerReferences} entry: the object that owns (and may recreate) another. */
public record OwnerReference(String apiVersion, String kind, String name, boolean controller) {}
